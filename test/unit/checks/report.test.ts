import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createConnectionCheck } from '../../../src/main/services/connection-check';
import { runSteps, type CheckStep } from '../../../src/main/services/connection-check/run-steps';
import { createPhoneRelay } from '../../../src/main/services/phone-relay';
import type { ConnectionReport } from '../../../src/shared/connection-check';
import { appError } from '../../../src/shared/errors';
import { err, ok } from '../../../src/shared/result';
import { defaultSettings, type Settings } from '../../../src/shared/settings';

const passes = (step: CheckStep['step']): CheckStep => ({
  step,
  run: () => Promise.resolve(ok({ en: `${step} fine`, vi: `${step} tốt` })),
});
const fails = (step: CheckStep['step'], message = 'broken'): CheckStep => ({
  step,
  run: () => Promise.resolve(err(appError('rejected', message, `${message} (vi)`, { field: 'appId' }))),
});

describe('running the steps', () => {
  it('every step passes: no failed step', async () => {
    const report = await runSteps(
      [passes('api'), passes('signals'), passes('sip'), passes('clickToCall')],
      new Date(0),
      () => [],
    );
    expect(report.failedStep).toBeUndefined();
    expect(report.steps.map((s) => [s.step, s.outcome.kind])).toEqual([
      ['api', 'ok'],
      ['signals', 'ok'],
      ['sip', 'ok'],
      ['clickToCall', 'ok'],
    ]);
    expect(report.checkedAt).toBe('1970-01-01T00:00:00.000Z');
  });

  it('stops at the first failure: every later step is skipped, naming the failed one, and never runs', async () => {
    let laterRan = false;
    const later: CheckStep = {
      step: 'sip',
      run: () => {
        laterRan = true;
        return Promise.resolve(ok({ en: '', vi: '' }));
      },
    };
    const report = await runSteps(
      [passes('api'), fails('signals'), later, passes('clickToCall')],
      new Date(0),
      () => [],
    );
    expect(laterRan).toBe(false);
    expect(report.failedStep).toBe('signals');
    expect(report.steps.map((s) => s.outcome)).toEqual([
      { kind: 'ok', detail: { en: 'api fine', vi: 'api tốt' } },
      { kind: 'failed', error: { code: 'rejected', message: 'broken', messageVi: 'broken (vi)', field: 'appId' } },
      { kind: 'skipped', after: 'signals' },
      { kind: 'skipped', after: 'signals' },
    ]);
  });

  it('a step that throws is that step’s failure, not a lost report', async () => {
    const throwing: CheckStep = { step: 'api', run: () => Promise.reject(new RangeError('bug')) };
    const report = await runSteps([throwing, passes('signals')], new Date(0), () => []);
    expect(report.failedStep).toBe('api');
    expect(report.steps[0]?.outcome).toMatchObject({ kind: 'failed', error: { code: 'internal' } });
    expect(JSON.stringify(report.steps[0])).toContain('RangeError');
  });

  it('masks every known secret wherever a step put it', async () => {
    const report = await runSteps([fails('api', 'server said s3cr3t-value and tok-123456')], new Date(0), () => [
      's3cr3t-value',
      'tok-123456',
    ]);
    const text = JSON.stringify(report);
    expect(text).not.toContain('s3cr3t-value');
    expect(text).not.toContain('tok-123456');
    expect(text).toContain('server said [redacted] and [redacted]');
  });
});

/**
 * The whole check against servers that misbehave on purpose: they echo every secret they
 * get (the app secret, the hash, the voice token) into their refusals. Real sockets, loopback.
 */
const APP_ID = '1234567890123';
const APP_SECRET = 'app-secret-never-shown-9f2c';
const SIP_PASSWORD = 'sip-password-never-shown-41d';
const TOKEN = 'voice-token-never-shown-7e1a';
const HASH = createHash('sha256')
  .update(APP_ID + APP_SECRET)
  .digest('hex');

let api: Server;
let apiUrl = '';
let signals: WebSocketServer;
let signalsUrl = '';
/** What the API does with auth_token next. */
let tokenAnswer: 'token' | 'echo-refusal' = 'token';
/** What the signals server answers to a subscribe. */
let signalsAnswer: 'confirm' | 'echo-refusal' = 'confirm';

beforeAll(async () => {
  api = createServer((request, response) => {
    const hash = String(request.headers['x-auth-app-hash'] ?? '');
    response.setHeader('content-type', 'application/json');
    if (request.url?.startsWith('/oapi/v1/voice/auth_token') && tokenAnswer === 'token') {
      response.end(JSON.stringify({ value: TOKEN, expire: Math.floor(Date.now() / 1000) + 3600 }));
      return;
    }
    response.statusCode = 400;
    response.end(JSON.stringify({ message: `Invalid hash ${hash} for secret ${APP_SECRET}` }));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

  signals = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => signals.once('listening', resolve));
  signalsUrl = `ws://127.0.0.1:${(signals.address() as AddressInfo).port}/`;
  signals.on('connection', (socket) => {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { request_id: string; auth_token?: string };
      const reply =
        signalsAnswer === 'confirm'
          ? { action: 'reply', request_id: message.request_id, status: 'success', data: {} }
          : {
              action: 'reply',
              request_id: message.request_id,
              status: 'error',
              data: { errors: [`internal failure for ${APP_SECRET} ${message.auth_token ?? ''} ${HASH}`] },
            };
      socket.send(JSON.stringify(reply));
    });
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => signals.close(() => resolve()));
  api.closeAllConnections();
  await new Promise<void>((resolve) => api.close(() => resolve()));
});

function settings(values: Partial<Settings> = {}): Settings {
  return {
    ...defaultSettings('en-US'),
    apiBaseUrl: apiUrl,
    appId: APP_ID,
    appSecret: APP_SECRET,
    signalsUrl,
    accountId: 'a'.repeat(32),
    sipWsUrl: 'ws://127.0.0.1:1/ws',
    sipDomain: 'company.antbuddy.com',
    sipUser: 'agent8001',
    sipPassword: SIP_PASSWORD,
    ...values,
  };
}

async function check(values: Partial<Settings>, phoneReason?: string): Promise<ConnectionReport> {
  const phone = createPhoneRelay();
  phone.report({
    ringing: null,
    registration: phoneReason === undefined ? { kind: 'registered' } : { kind: 'failed', reason: phoneReason },
    inCall: false,
  });
  return createConnectionCheck({
    settings: () => settings(values),
    phone,
    timing: { subscribeTimeoutMs: 20_000 },
  }).run();
}

function expectNoSecret(report: ConnectionReport): void {
  const text = JSON.stringify(report);
  for (const secret of [APP_SECRET, SIP_PASSWORD, TOKEN, HASH]) expect(text).not.toContain(secret);
}

describe('no secret in any report', () => {
  it('the API refuses and echoes the secret and the hash', async () => {
    tokenAnswer = 'echo-refusal';
    const report = await check({});
    expect(report.failedStep).toBe('api');
    expectNoSecret(report);
  });

  it('the signals server refuses and echoes the secret, the token and the hash', async () => {
    tokenAnswer = 'token';
    signalsAnswer = 'echo-refusal';
    const report = await check({});
    expect(report.failedStep).toBe('signals');
    expectNoSecret(report);
  });

  it('the phone’s reason quotes the SIP password', async () => {
    tokenAnswer = 'token';
    signalsAnswer = 'confirm';
    const report = await check({}, `403 Forbidden for ${SIP_PASSWORD}`);
    expect(report.failedStep).toBe('sip');
    expect(JSON.stringify(report)).toContain('[redacted]');
    expectNoSecret(report);
  });

  it('every step passes (no company set: the agent list is not asked)', async () => {
    tokenAnswer = 'token';
    signalsAnswer = 'confirm';
    const report = await check({ companyDomain: '', companyEmail: '' });
    expect(report.failedStep).toBeUndefined();
    const clickToCall = report.steps[3]?.outcome;
    expect(clickToCall?.kind === 'ok' && clickToCall.detail.en).toContain('agent list was not checked');
    expect(clickToCall?.kind === 'ok' && clickToCall.detail.en).toContain('No call was placed');
    expectNoSecret(report);
  });
});
