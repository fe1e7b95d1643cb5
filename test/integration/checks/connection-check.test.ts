import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox, type SandboxAgent } from '../../../sandbox/index';
import { createConnectionCheck, type ConnectionCheckTiming } from '../../../src/main/services/connection-check';
import { createPhoneRelay } from '../../../src/main/services/phone-relay';
import type { ConnectionCheckStep, ConnectionReport } from '../../../src/shared/connection-check';
import type { PhoneCallSummary } from '../../../src/shared/contract';
import type { AppError } from '../../../src/shared/errors';
import { defaultSettings, type Settings } from '../../../src/shared/settings';

/**
 * Test connection against the sandbox over real sockets: the same steps the Settings button
 * runs, with one setting broken at a time. The in-app phone's registration is what the
 * renderer would report (the phone itself is covered by the browser e2e test).
 */

let sandbox: RunningSandbox;
let agent: SandboxAgent;
/** A port nothing listens on (bound, then closed). */
let closedPort = 0;
let tlsServer: HttpsServer;
let tlsUrl = '';
let certDir = '';

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  sandbox = await startSandbox({ calls: 20, days: 2 });
  const first = sandbox.state.agents[0];
  if (!first) throw new Error('the sandbox has no agents');
  agent = first;
  closedPort = await freePort();
  // A TLS server with a self-signed certificate: what a proxy or a test server without a real certificate looks like.
  certDir = mkdtempSync(join(tmpdir(), 'antring-check-tls-'));
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
      '-keyout',
      join(certDir, 'key.pem'),
      '-out',
      join(certDir, 'cert.pem'),
    ]),
    { stdio: 'ignore' },
  );
  tlsServer = createHttpsServer(
    { key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) },
    (_request, response) => response.end('{}'),
  );
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  tlsUrl = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  tlsServer?.closeAllConnections();
  await new Promise<void>((resolve) => (tlsServer ? tlsServer.close(() => resolve()) : resolve()));
  if (certDir) rmSync(certDir, { recursive: true, force: true });
  await sandbox?.close();
});

function goodSettings(): Settings {
  return {
    ...defaultSettings('en-US'),
    apiBaseUrl: sandbox.apiUrl,
    appId: sandbox.appId,
    appSecret: sandbox.appSecret,
    companyDomain: sandbox.domain,
    companyEmail: sandbox.email,
    signalsUrl: sandbox.signalsUrl,
    accountId: sandbox.accountId,
    sipWsUrl: 'ws://127.0.0.1:5066/ws',
    sipDomain: 'sandbox.antbuddy.local',
    sipUser: agent.sipUser,
    sipPassword: agent.sipPassword,
  };
}

const REGISTERED: PhoneCallSummary['registration'] = { kind: 'registered' };

async function check(
  overrides: Partial<Settings> = {},
  registration: PhoneCallSummary['registration'] = REGISTERED,
  timing: Partial<ConnectionCheckTiming> = {},
): Promise<ConnectionReport> {
  const phone = createPhoneRelay();
  phone.report({ ringing: null, registration, inCall: false });
  const settings = { ...goodSettings(), ...overrides };
  return createConnectionCheck({ settings: () => settings, phone, timing }).run();
}

/** The failing step's error, after checking that every step before passed and every one after was skipped. */
function failedAt(report: ConnectionReport, step: ConnectionCheckStep): AppError {
  expect(report.failedStep).toBe(step);
  const index = report.steps.findIndex((s) => s.step === step);
  for (const before of report.steps.slice(0, index)) expect(before.outcome.kind, before.step).toBe('ok');
  for (const after of report.steps.slice(index + 1)) expect(after.outcome).toEqual({ kind: 'skipped', after: step });
  const outcome = report.steps[index]?.outcome;
  if (outcome?.kind !== 'failed') throw new Error(`${step} did not fail`);
  // Never a secret, whatever failed.
  const text = JSON.stringify(report);
  expect(text).not.toContain(sandbox.appSecret);
  expect(text).not.toContain(agent.sipPassword);
  return outcome.error;
}

describe('Test connection against the sandbox', () => {
  it('good settings and a registered phone: every step passes, saying what it found', async () => {
    const report = await check();
    expect(report.failedStep).toBeUndefined();
    expect(report.steps.map((s) => [s.step, s.outcome.kind])).toEqual([
      ['api', 'ok'],
      ['signals', 'ok'],
      ['sip', 'ok'],
      ['clickToCall', 'ok'],
    ]);
    const text = (step: number): string => {
      const outcome = report.steps[step]?.outcome;
      return outcome?.kind === 'ok' ? outcome.detail.en : '';
    };
    expect(text(0)).toContain('accepted the App ID and App secret');
    expect(text(1)).toContain(`subscribed to the call events of account ${sandbox.accountId}`);
    expect(text(2)).toContain(`as ${agent.sipUser}@sandbox.antbuddy.local`);
    expect(text(3)).toContain(`AntBuddy lists ${agent.sipUser} as ${agent.name}, ext. ${agent.extensions.join(', ')}`);
    expect(JSON.stringify(report)).not.toContain(sandbox.appSecret);
  });

  it('no call is placed by the check: the sandbox saw no click-to-call', async () => {
    const before = sandbox.requestLog.length;
    await check();
    const paths = sandbox.requestLog.slice(before).map((entry) => entry.path);
    expect(paths.some((path) => path.includes('/voice/auth_token'))).toBe(true);
    expect(paths.some((path) => path.includes('click-to-call'))).toBe(false);
  });

  it('a wrong App secret fails at the API step, naming the secret', async () => {
    const error = failedAt(await check({ appSecret: 'not-the-secret-at-all' }), 'api');
    expect(error).toMatchObject({ code: 'rejected', field: 'appSecret', status: 400 });
    expect(error.message).toContain('the App secret is wrong');
    expect(error.messageVi).toContain('App secret sai');
  });

  it('a wrong App ID fails at the API step, naming the App ID', async () => {
    const error = failedAt(await check({ appId: '9999999999999' }), 'api');
    expect(error).toMatchObject({ code: 'rejected', field: 'appId' });
    expect(error.message).toContain('does not know the App ID “9999999999999”');
  });

  it('an unreachable API: nothing listening, a path that is not the API', async () => {
    const refused = failedAt(await check({ apiBaseUrl: `http://127.0.0.1:${closedPort}` }), 'api');
    expect(refused).toMatchObject({ code: 'network', field: 'apiBaseUrl' });
    expect(refused.message).toContain(`Nothing answers at 127.0.0.1:${closedPort} (connection refused)`);
    const wrongPath = failedAt(await check({ apiBaseUrl: `${sandbox.apiUrl}/somewhere-else` }), 'api');
    expect(wrongPath).toMatchObject({ field: 'apiBaseUrl', status: 404 });
  });

  it('TLS: a self-signed certificate, and https:// to a server without TLS', async () => {
    const selfSigned = failedAt(await check({ apiBaseUrl: tlsUrl }), 'api');
    expect(selfSigned).toMatchObject({ code: 'network', field: 'apiBaseUrl' });
    expect(selfSigned.message).toContain('its certificate is self-signed');
    const plain = failedAt(await check({ apiBaseUrl: sandbox.apiUrl.replace('http://', 'https://') }), 'api');
    expect(plain.message).toContain('does not speak TLS');
  });

  it('an API that does not answer in time, or answers something else', async () => {
    sandbox.faults.hangNext(1, { path: '/oapi/v1/voice/auth_token' });
    const slow = failedAt(await check({}, REGISTERED, { apiTimeoutMs: 500 }), 'api');
    expect(slow).toMatchObject({ code: 'timeout', field: 'apiBaseUrl' });
    expect(slow.message).toContain('did not answer');
    sandbox.faults.malformNext(1, { path: '/oapi/v1/voice/auth_token', variant: 'invalid_json' });
    const garbled = failedAt(await check(), 'api');
    expect(garbled).toMatchObject({ code: 'malformed_response', field: 'apiBaseUrl' });
    sandbox.faults.malformNext(1, { path: '/oapi/v1/voice/auth_token', variant: 'wrong_shape' });
    expect(failedAt(await check(), 'api').code).toBe('malformed_response');
  });

  it('a wrong call signals URL fails at the signals step: nothing there, or no WebSocket at that path', async () => {
    const refused = failedAt(await check({ signalsUrl: `ws://127.0.0.1:${closedPort}/` }), 'signals');
    expect(refused).toMatchObject({ code: 'network', field: 'signalsUrl' });
    expect(refused.message).toContain('connection refused');
    const wrongPath = failedAt(await check({ signalsUrl: `${sandbox.signalsUrl}oapi/v1` }), 'signals');
    expect(wrongPath).toMatchObject({ field: 'signalsUrl', status: 404 });
    expect(wrongPath.message).toContain('has no call-signal WebSocket at this address');
  });

  it('a wrong Account ID fails at the signals step, naming it', async () => {
    const error = failedAt(await check({ accountId: 'f'.repeat(32) }), 'signals');
    expect(error).toMatchObject({ code: 'config_invalid', field: 'accountId' });
  });

  it('an unregistered device fails at the SIP step (click-to-call is then skipped)', async () => {
    const offline = failedAt(await check({}, { kind: 'offline', reason: 'server-unreachable' }), 'sip');
    expect(offline).toMatchObject({ code: 'network', field: 'sipWsUrl' });
    const refused = failedAt(await check({}, { kind: 'failed', reason: '403 Forbidden' }), 'sip');
    expect(refused).toMatchObject({ field: 'sipPassword' });
    const unset = failedAt(await check({ sipUser: '' }), 'sip');
    expect(unset).toMatchObject({ code: 'not_configured', field: 'sipUser' });
  });

  it('a wrong company domain fails at click-to-call, whose agent lookup needs it', async () => {
    const error = failedAt(await check({ companyDomain: 'someone-else.antbuddy.com' }), 'clickToCall');
    expect(error).toMatchObject({ code: 'rejected', field: 'companyDomain' });
    expect(error.message).toContain('Unknown domain');
  });

  it('a SIP user AntBuddy does not list still passes, saying so', async () => {
    const report = await check({ sipUser: 'agent9999' });
    const outcome = report.steps[3]?.outcome;
    expect(outcome?.kind).toBe('ok');
    expect(outcome?.kind === 'ok' && outcome.detail.en).toContain('shows no agent for agent9999');
  });
});
