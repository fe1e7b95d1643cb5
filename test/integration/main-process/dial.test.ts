import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, requests, type RequestName } from '../../../src/shared/contract';
import { buildElectronStandIn } from '../../support/electron-stand-in/build';
import type { ApiCall, Json, StandInState } from '../../support/electron-stand-in/protocol';
import { BUILT_MAIN, ensureBuiltMain } from './built-main';
import { launchBuiltMain, type RunningMain } from './launch';

/**
 * Dial from anywhere, wired as built (out/main/index.js under the Electron stand-in): a tel:
 * link at launch, sip: and callto: links from later launches, and the global shortcut, each
 * becoming the dial service's prompt the page asks for; nothing of a link reaches the log.
 */

const APP_URL = 'app://antring/index.html';

let workDir: string;
let main: RunningMain;
let windowId: number;

const callsTo = (state: { calls: readonly ApiCall[] }, api: string): ApiCall[] =>
  state.calls.filter((call) => call.api === api);

function mainWindowOf(state: StandInState) {
  const window = state.windows.find((candidate) => candidate.loadedUrls[0] === APP_URL);
  if (!window) throw new Error(`no window loaded ${APP_URL}`);
  return window;
}

const invoke = (name: RequestName, payload?: Json): Promise<Json> =>
  main.request({
    type: 'invoke',
    channel: requests[name].channel,
    sender: 'app-window',
    windowId,
    ...(payload !== undefined ? { payload } : {}),
  });

beforeAll(async () => {
  ensureBuiltMain();
  workDir = mkdtempSync(join(tmpdir(), 'antring-main-dial-'));
  const { registerUrl } = await buildElectronStandIn(join(workDir, 'stand-in'));
  const dataDir = join(workDir, 'home', 'data');
  mkdirSync(dataDir, { recursive: true });
  main = launchBuiltMain({ registerUrl, dataDir, argv: ['--enable-logging', 'tel:+84-912-345-678;phone-context=+84'] });
  await main.settled;
  windowId = mainWindowOf(await main.snapshot()).id;
}, 120_000);

afterAll(() => {
  main?.kill();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('dial from anywhere in the built main process', () => {
  it('a tel: link at launch waits as a prompt with the number normalised for Vietnam, for the page to ask', async () => {
    expect(await invoke('getDialPrompt')).toMatchObject({
      ok: true,
      value: {
        kind: 'confirm',
        source: 'link',
        number: { dial: '0912345678', display: '0912 345 678', e164: '+84912345678' },
      },
    });
    expect(mainWindowOf(await main.snapshot()).visible).toBe(true);
    expect(main.log()).toContain('Dial link received (tel:)');
    expect(main.log()).not.toMatch(/912|345/);
  });

  it('Cancel puts it away; a sip: link with credentials from a second launch says it is not dialable, logging the scheme only', async () => {
    const prompt = (await invoke('getDialPrompt')) as { value: { id: string } };
    expect(await invoke('cancelDial', { id: prompt.value.id })).toMatchObject({ ok: true });
    expect(await invoke('getDialPrompt')).toEqual({ ok: true, value: null });

    await main.request({ type: 'tray-click' }); // hide the window: the link must bring it back
    const hidden = mainWindowOf(await main.snapshot());
    expect(hidden.visible).toBe(false);
    await main.request({
      type: 'second-instance',
      argv: [process.execPath, BUILT_MAIN, '--flag', 'sip:alice:hunter2@pbx.example.vn'],
    });
    expect(await invoke('getDialPrompt')).toMatchObject({
      ok: true,
      value: { kind: 'not-dialable', source: 'link', problem: 'characters' },
    });
    const shown = mainWindowOf(await main.snapshot());
    expect(shown.visible).toBe(true);
    expect(shown.focused).toBeGreaterThan(hidden.focused);
    // The page heard of each change.
    expect(shown.sent).toContain(events.dialPromptChanged.channel);
    expect(main.log()).toContain('Dial link received (sip:)');
    expect(main.log()).not.toMatch(/hunter2|alice|pbx\.example/);
  });

  it('open-url (macOS) delivers a callto: link the same way', async () => {
    expect(await main.request({ type: 'open-url', url: 'callto://+842873019555' })).toEqual({ prevented: true });
    expect(await invoke('getDialPrompt')).toMatchObject({
      ok: true,
      value: { kind: 'confirm', number: { dial: '02873019555', display: '028 7301 9555' } },
    });
  });

  it('Call without an account set up fails as a prompt that says why, and dials nothing', async () => {
    const prompt = (await invoke('getDialPrompt')) as { value: { id: string } };
    const answer = await invoke('confirmDial', { id: prompt.value.id });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not_configured' } });
    expect(await invoke('getDialPrompt')).toMatchObject({
      ok: true,
      value: { id: prompt.value.id, kind: 'failed', error: { code: 'not_configured' } },
    });
  });

  it('registers the global shortcut CommandOrControl+Alt+D; pressing it dials the selection (Linux) or the clipboard', async () => {
    expect(callsTo(await main.snapshot(), 'globalShortcut.register').map((call) => call.args[0])).toEqual([
      'CommandOrControl+Alt+D',
    ]);
    expect(await invoke('getDialShortcut')).toEqual({
      ok: true,
      value: { kind: 'registered', accelerator: 'CommandOrControl+Alt+D' },
    });
    await main.request({ type: 'set-clipboard', text: 'Hotline 0987 654 321' });
    await main.request({ type: 'set-clipboard', text: 'KH: 0912.000.111', selection: true });
    await main.request({ type: 'press-global-shortcut', accelerator: 'CommandOrControl+Alt+D' });
    const expected = process.platform === 'linux' ? '0912000111' : '0987654321';
    await expect
      .poll(
        async () => ((await invoke('getDialPrompt')) as { value: { number?: { dial: string } } }).value.number?.dial,
      )
      .toBe(expected);
    expect(await invoke('getDialPrompt')).toMatchObject({ value: { kind: 'confirm', source: 'shortcut' } });
    expect(main.log()).toContain('Dial shortcut pressed');
    expect(main.log()).not.toContain(expected);
  });

  it('a new shortcut in Settings is registered at once, the old one released; empty turns it off', async () => {
    expect(await invoke('saveSettings', { dialShortcut: 'ctrl+shift+f9' })).toMatchObject({ ok: true });
    const state = await main.snapshot();
    expect(callsTo(state, 'globalShortcut.unregister').map((call) => call.args[0])).toEqual(['CommandOrControl+Alt+D']);
    expect(callsTo(state, 'globalShortcut.register').map((call) => call.args[0])).toEqual([
      'CommandOrControl+Alt+D',
      'Control+Shift+F9',
    ]);
    expect(await invoke('getDialShortcut')).toEqual({
      ok: true,
      value: { kind: 'registered', accelerator: 'Control+Shift+F9' },
    });
    expect(await invoke('saveSettings', { dialShortcut: '' })).toMatchObject({ ok: true });
    expect(await invoke('getDialShortcut')).toEqual({ ok: true, value: { kind: 'off' } });
  });

  it('quits cleanly, with no uncaught error', async () => {
    await main.request({ type: 'tray-menu', label: 'Quit' });
    const exit = await main.quitting();
    expect(exit.code).toBe(0);
    expect(exit.record?.uncaught).toEqual([]);
  });
});
