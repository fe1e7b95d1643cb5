import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requests } from '../../../src/shared/contract';
import { buildElectronStandIn } from '../../support/electron-stand-in/build';
import type { StandInState } from '../../support/electron-stand-in/protocol';
import { ensureBuiltMain } from '../main-process/built-main';
import { launchBuiltMain, type RunningMain } from '../main-process/launch';

/**
 * The desktop app's logs as built (out/main/index.js under the recording stand-in for
 * 'electron'): Open logs folder goes through shell.openPath to <data>/logs, and the page's
 * errors land in main.log with the app secret masked.
 */

const APP_SECRET = 'electron-app-secret-never-logged';
let workDir: string;
let main: RunningMain;
let dataDir: string;
let windowId: number;

function mainWindowId(state: StandInState): number {
  const window = state.windows.find((candidate) => candidate.loadedUrls[0] === 'app://antring/index.html');
  if (!window) throw new Error('no main window');
  return window.id;
}

beforeAll(async () => {
  ensureBuiltMain();
  workDir = mkdtempSync(join(tmpdir(), 'antring-checks-main-'));
  const { registerUrl } = await buildElectronStandIn(join(workDir, 'stand-in'));
  dataDir = join(workDir, 'home', 'data');
  mkdirSync(dataDir, { recursive: true });
  main = launchBuiltMain({
    registerUrl,
    dataDir,
    env: { ANTRING_APP_ID: '1234567890123', ANTRING_APP_SECRET: APP_SECRET, ANTRING_API_URL: 'http://127.0.0.1:9' },
  });
  await main.settled;
  windowId = mainWindowId(await main.snapshot());
}, 120_000);

afterAll(() => {
  main?.kill();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('logs in the desktop app', () => {
  it('Open logs folder opens <data>/logs through the shell', async () => {
    const answer = await main.request({
      type: 'invoke',
      channel: requests.openLogsFolder.channel,
      sender: 'app-window',
      windowId,
    });
    expect(answer).toEqual({ ok: true, value: { path: join(dataDir, 'logs'), opened: true } });
    const state = await main.snapshot();
    expect(state.calls.filter((call) => call.api === 'shell.openPath').map((call) => call.args)).toEqual([
      [join(dataDir, 'logs')],
    ]);
  });

  it('the page’s errors reach main.log, with the secret masked', async () => {
    const answer = await main.request({
      type: 'invoke',
      channel: requests.logFromRenderer.channel,
      payload: { level: 'error', message: `TypeError: failed near ${APP_SECRET}`, stack: 'at App (App.tsx:1)' },
      sender: 'app-window',
      windowId,
    });
    expect(answer).toEqual({ ok: true, value: null });
    const log = main.log();
    expect(log).toContain('renderer: TypeError: failed near [redacted]');
    expect(log).toContain('at App (App.tsx:1)');
    expect(log).not.toContain(APP_SECRET);
  });

  it('a renderer entry past the size limit is refused, not written', async () => {
    const answer = await main.request({
      type: 'invoke',
      channel: requests.logFromRenderer.channel,
      payload: { level: 'error', message: 'x'.repeat(5000) },
      sender: 'app-window',
      windowId,
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
