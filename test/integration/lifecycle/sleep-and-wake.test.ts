import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import { createServices, type Services } from '../../../src/main/services';
import { unavailableSecretBox } from '../../../src/main/services/settings';
import { testSettingsDocument } from '../../support/settings-document';
import { followPowerEvents } from '../../../src/main/shell/power';
import { appEnvFor } from '../../support/sandbox-env';

/**
 * A closed laptop lid, end to end through the real services and the sandbox: the Electron power
 * monitor (faked: Electron is absent here) says suspend, a call rings the agent while asleep,
 * then resume; the connection comes back at once and the call is listed as missed.
 */

let sandbox: RunningSandbox;
let services: Services;
let dataDir: string;

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5, calls: 200, days: 10 });
  dataDir = mkdtempSync(join(tmpdir(), 'antring-power-'));
  const agent = sandbox.state.agents[0];
  if (!agent) throw new Error('no agents');
  services = createServices({
    dataDir,
    env: appEnvFor(sandbox, agent.sipUser),
    osLocale: 'vi',
    secretBox: unavailableSecretBox('test'),
    settingsDocument: testSettingsDocument(dataDir),
  });
});

afterAll(async () => {
  await services?.dispose();
  await sandbox?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('sleep and wake', () => {
  it('closes the connection on suspend, reconnects on resume and lists the calls rung during sleep', async () => {
    const power = new EventEmitter();
    const logged: string[] = [];
    followPowerEvents(power, services, (message) => logged.push(message));
    await until(() => services.signals.state().kind === 'live' && sandbox.signals.connections > 0, 'live signals');

    power.emit('suspend');
    expect(services.signals.state().kind).toBe('idle');
    await until(() => sandbox.signals.connections === 0, 'the socket to close');

    const agent = sandbox.state.agents[0];
    const did = sandbox.state.dids[0];
    if (!agent || !did) throw new Error('no agent or DID');
    const call = sandbox.signals.startCall({
      direction: 'inbound',
      from: '0933222111',
      to: agent.sipUser,
      did,
      ringMs: 100,
      outcome: 'missed',
    });
    await call.ended;

    power.emit('resume');
    await until(() => services.signals.state().kind === 'live', 'live again');
    await until(() => services.missedCalls.list().length > 0, 'the missed call');
    expect(services.missedCalls.list().map((missed) => missed.from.number)).toEqual(['0933222111']);
    expect(logged).toEqual(['power: suspend', 'power: resume']);
  });
});
