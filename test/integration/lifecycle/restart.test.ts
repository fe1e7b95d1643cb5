import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import { createServices, type Services } from '../../../src/main/services';
import { unavailableSecretBox } from '../../../src/main/services/settings';
import { testSettingsDocument } from '../../support/settings-document';
import { appEnvFor } from '../../support/sandbox-env';

/**
 * Nothing missed across a restart, through the real services and the sandbox: the app hears
 * signals, quits, a call rings the agent while it is closed, the app starts again on the same
 * data folder and lists that call as missed; unseen missed calls survive the restart too.
 */

let sandbox: RunningSandbox;
let dataDir: string;
const running: Services[] = [];

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function startApp(): Services {
  const agent = sandbox.state.agents[0];
  if (!agent) throw new Error('no agents');
  const services = createServices({
    dataDir,
    env: appEnvFor(sandbox, agent.sipUser),
    osLocale: 'vi',
    secretBox: unavailableSecretBox('test'),
    settingsDocument: testSettingsDocument(dataDir),
  });
  running.push(services);
  return services;
}

async function missCall(from: string): Promise<void> {
  const agent = sandbox.state.agents[0];
  const did = sandbox.state.dids[0];
  if (!agent || !did) throw new Error('no agent or DID');
  await sandbox.signals.startCall({
    direction: 'inbound',
    from,
    to: agent.sipUser,
    did,
    ringMs: 100,
    outcome: 'missed',
  }).ended;
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 9, calls: 200, days: 10 });
  dataDir = mkdtempSync(join(tmpdir(), 'antring-restart-'));
});

afterAll(async () => {
  for (const services of running) await services.dispose();
  await sandbox?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('restart', () => {
  it('backfills the time the app was closed and keeps unseen missed calls', async () => {
    const first = startApp();
    await until(() => first.signals.state().kind === 'live' && sandbox.signals.connections > 0, 'live signals');
    // An outage while running: this one is found at once.
    sandbox.signals.dropAll();
    sandbox.signals.stop();
    await missCall('0911000111');
    sandbox.signals.start();
    await until(() => first.missedCalls.list().length === 1, 'the first missed call');
    await first.dispose();
    await until(() => sandbox.signals.connections === 0, 'the app to quit');

    // The app is closed: this call is found only by the next run.
    await missCall('0922000222');

    const second = startApp();
    expect(second.missedCalls.list().map((call) => call.from.number)).toEqual(['0911000111']);
    await until(() => second.missedCalls.list().length === 2, 'the call rung while closed');
    expect(second.missedCalls.list().map((call) => call.from.number)).toEqual(['0922000222', '0911000111']);

    second.missedCalls.clear();
    await second.dispose();
    const third = startApp();
    expect(third.missedCalls.list()).toEqual([]);
    await third.dispose();
  });

  it('keeps an unreadable state file aside and starts afresh, reporting it', async () => {
    const file = join(dataDir, 'missed-calls.json');
    writeFileSync(file, '{"version":1,"calls":[{"callId":');
    const services = startApp();
    expect(services.missedCalls.list()).toEqual([]);
    const problem = services.settings.view().problems.find((p) => p.file === file);
    expect(problem?.code).toBe('config_invalid');
    expect(problem?.message).toContain('.corrupt-');
    const aside = problem?.message.match(/kept as (\S+)\.$/)?.[1];
    expect(aside && readFileSync(aside, 'utf8')).toBe('{"version":1,"calls":[{"callId":');
    await services.dispose();
  });
});
