import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataDir } from '../../../src/main/services/demo';
import { settingsFilePath } from '../../../src/main/services/settings';
import { requests } from '../../../src/shared/contract';
import { buildElectronStandIn } from '../../support/electron-stand-in/build';
import type { ApiCall, StandInState } from '../../support/electron-stand-in/protocol';
import { BUILT_MAIN, ensureBuiltMain } from './built-main';
import { launchBuiltMain, type RunningMain } from './launch';

/**
 * The desktop app's demo, as built: `--demo` (npm start -- --demo, or a relaunch from "Try the
 * demo") opens the demo profile against the project's sandbox; starting and leaving the demo
 * relaunch the app with or without the switch.
 */

const APP_URL = 'app://antring/index.html';

let workDir: string;
let registerUrl: string;
const launched: RunningMain[] = [];

beforeAll(async () => {
  ensureBuiltMain();
  workDir = mkdtempSync(join(tmpdir(), 'antring-demo-launch-'));
  ({ registerUrl } = await buildElectronStandIn(join(workDir, 'stand-in')));
}, 120_000);

afterAll(() => {
  for (const main of launched) main.kill();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

function launch(argv: readonly string[]): { main: RunningMain; dataDir: string } {
  const home = mkdtempSync(join(workDir, 'home-'));
  const dataDir = join(home, 'data');
  mkdirSync(dataDir);
  const main = launchBuiltMain({ registerUrl, dataDir, argv });
  launched.push(main);
  return { main, dataDir };
}

const callsTo = (state: { calls: readonly ApiCall[] }, api: string): ApiCall[] =>
  state.calls.filter((call) => call.api === api);

function mainWindowId(state: StandInState): number {
  const window = state.windows.find((candidate) => candidate.loadedUrls[0] === APP_URL);
  if (!window) throw new Error('no main window');
  return window.id;
}

/** The window opens after the ready handlers returned (in the demo, once its sandbox is up). */
async function mainWindowOpened(main: RunningMain): Promise<void> {
  await expect
    .poll(async () => (await main.snapshot()).windows.some((w) => w.loadedUrls[0] === APP_URL), { timeout: 40_000 })
    .toBe(true);
}

async function invoke(main: RunningMain, name: keyof typeof requests, payload?: unknown): Promise<unknown> {
  const windowId = mainWindowId(await main.snapshot());
  return main.request({
    type: 'invoke',
    channel: requests[name].channel,
    ...(payload === undefined ? {} : { payload: payload as never }),
    sender: 'app-window',
    windowId,
  });
}

describe('the demo in the desktop app', () => {
  it('--demo opens the demo profile against the sandbox, without SIP (the desktop policy), and leaving relaunches', async () => {
    const { main, dataDir } = launch(['--demo']);
    await main.settled;
    await mainWindowOpened(main);
    const state = await main.snapshot();
    // Chromium's own storage moves to the demo profile too: it is set before ready.
    expect(callsTo(state, 'app.setPath')[0]).toMatchObject({
      args: ['userData', demoDataDir(dataDir)],
      beforeReady: true,
    });
    expect(await invoke(main, 'getDemoState')).toMatchObject({
      ok: true,
      value: { kind: 'running', sip: { kind: 'withoutSip', reason: 'desktop-policy' } },
    });
    expect(await invoke(main, 'getAppInfo')).toMatchObject({ ok: true, value: { dataDir: demoDataDir(dataDir) } });
    expect(await invoke(main, 'getSettings')).toMatchObject({
      ok: true,
      value: {
        values: { apiBaseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) },
        sources: { appId: 'env' },
      },
    });
    expect(await invoke(main, 'simulateDemoCall', { kind: 'inbound' })).toMatchObject({
      ok: true,
      value: { kind: 'inbound', overSip: false },
    });
    expect(existsSync(settingsFilePath(dataDir))).toBe(false);

    expect(await invoke(main, 'stopDemo')).toEqual({ ok: true, value: { kind: 'stopping' } });
    const exit = await main.quitting();
    expect(exit.code).toBe(0);
    const record = exit.record;
    if (!record) throw new Error(`no stand-in record; stderr:\n${exit.stderr}`);
    // The same arguments, without the switch: the next start is the real profile.
    expect(callsTo(record, 'app.relaunch').map((call) => call.args)).toEqual([[{ args: [BUILT_MAIN] }]]);
    expect(record.uncaught).toEqual([]);
  }, 60_000);

  it('"Try the demo" relaunches into the demo in the language the page showed', async () => {
    const { main } = launch([]);
    await main.settled;
    await mainWindowOpened(main);
    expect(await invoke(main, 'getDemoState')).toEqual({ ok: true, value: { kind: 'stopped' } });
    expect(await invoke(main, 'startDemo', { language: 'en' })).toEqual({ ok: true, value: { kind: 'starting' } });
    const exit = await main.quitting();
    expect(exit.code).toBe(0);
    const record = exit.record;
    if (!record) throw new Error(`no stand-in record; stderr:\n${exit.stderr}`);
    expect(callsTo(record, 'app.relaunch').map((call) => call.args)).toEqual([
      [{ args: [BUILT_MAIN, '--demo', '--demo-language=en'] }],
    ]);
  }, 60_000);
});
