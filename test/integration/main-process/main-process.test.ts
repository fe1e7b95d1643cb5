import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsFilePath } from '../../../src/main/services/settings';
import { APP_HEADER_CONTENT_SECURITY_POLICY } from '../../../src/shared/content-security-policy';
import { events, requestNames, requests } from '../../../src/shared/contract';
import { buildElectronStandIn } from '../../support/electron-stand-in/build';
import {
  STAND_IN_ENV,
  type ApiCall,
  type Json,
  type StandInState,
  type WindowState,
} from '../../support/electron-stand-in/protocol';
import { BUILT_MAIN, BUILT_PRELOAD, BUILT_RENDERER_INDEX, ensureBuiltMain, ROOT } from './built-main';
import { launchBuiltMain, type LaunchOptions, type RunningMain } from './launch';

/**
 * The whole main process, as built (out/main/index.js), started under Node with 'electron'
 * replaced by a recording stand-in (test/support/electron-stand-in): src/main/index.ts is
 * wiring only, and this is what checks that the wiring opens the app. No Electron binary runs
 * on the test machines; the Electron e2e suite covers the real one where it can.
 */

const APP_URL = 'app://antring/index.html';
const LOG_ELECTRON_CHANNEL = '__ELECTRON_LOG__';
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

let workDir: string;
let registerUrl: string;
const launched: RunningMain[] = [];

beforeAll(async () => {
  ensureBuiltMain();
  workDir = mkdtempSync(join(tmpdir(), 'antring-main-process-'));
  ({ registerUrl } = await buildElectronStandIn(join(workDir, 'stand-in')));
}, 120_000);

afterAll(() => {
  for (const main of launched) main.kill();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** A first run: a fresh, empty data folder under its own fake home. */
function launch(
  options: Omit<LaunchOptions, 'registerUrl' | 'dataDir'> & { prepare?: (dataDir: string) => void } = {},
) {
  const home = mkdtempSync(join(workDir, 'home-'));
  const dataDir = join(home, 'data');
  mkdirSync(dataDir);
  options.prepare?.(dataDir);
  const main = launchBuiltMain({ ...options, registerUrl, dataDir });
  launched.push(main);
  return { main, dataDir };
}

const callsTo = (state: { calls: readonly ApiCall[] }, api: string): ApiCall[] =>
  state.calls.filter((call) => call.api === api);

function mainWindowOf(state: StandInState): WindowState {
  const window = state.windows.find((candidate) => candidate.loadedUrls[0] === APP_URL);
  if (!window)
    throw new Error(`no window loaded ${APP_URL}: ${JSON.stringify(state.windows.map((w) => w.loadedUrls))}`);
  return window;
}

function asRecord(value: Json): Record<string, Json> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`not an object: ${value}`);
  return value;
}

const count = (text: string, part: string): number => text.split(part).length - 1;

/** The stderr of a clean run: nothing that reads as an error (warnings such as a denied permission are fine). */
const ERROR_LINE = /Error|Unhandled|Uncaught/;

describe('the built main process, started under the Electron stand-in', () => {
  let main: RunningMain;
  let dataDir: string;
  let windowId: number;

  beforeAll(async () => {
    expect(existsSync(BUILT_MAIN)).toBe(true);
    // As the OS starts it for a click on a tel: link: Chromium switches, then the link.
    ({ main, dataDir } = launch({ argv: ['--enable-logging', 'tel:0912345678'] }));
    await main.settled;
    windowId = mainWindowOf(await main.snapshot()).id;
  }, 60_000);

  it('creates the main window with the secure web preferences, loading app://antring/index.html', async () => {
    const state = await main.snapshot();
    const window = mainWindowOf(state);
    expect(window.loadedUrls).toEqual([APP_URL]);
    expect(existsSync(BUILT_PRELOAD)).toBe(true);
    // Every window the app opens (the main one and the screen-pop popup) is locked down alike.
    expect(state.windows.length).toBeGreaterThan(0);
    for (const each of state.windows) {
      expect(asRecord(each.options)['webPreferences']).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        preload: BUILT_PRELOAD,
        // The phone lives in these windows: hidden, they must still ring.
        backgroundThrottling: false,
      });
      expect(each.hasWindowOpenHandler).toBe(true);
      expect(each.contentsListeners['will-navigate']).toBeGreaterThan(0);
    }
    // Shown once it has painted (show: false, then ready-to-show), not as a blank frame.
    expect(asRecord(window.options)['show']).toBe(false);
    expect(window.visible).toBe(true);
    // The renderer is sandboxed as a whole, which Electron allows only before ready.
    expect(callsTo(state, 'app.enableSandbox').map((call) => call.beforeReady)).toEqual([true]);
    expect(callsTo(state, 'app.setPath')[0]).toMatchObject({ args: ['userData', dataDir], beforeReady: true });
  });

  it('registers a handler for every contract request, answering only its own windows', async () => {
    const state = await main.snapshot();
    const channels: string[] = requestNames.map((name) => requests[name].channel);
    expect(state.ipcHandlers).toEqual(expect.arrayContaining(channels));
    // Nothing else but electron-log's own channel (its renderer transport).
    expect(state.ipcHandlers.filter((channel) => !channels.includes(channel))).toEqual([LOG_ELECTRON_CHANNEL]);

    const info = await main.request({
      type: 'invoke',
      channel: requests.getAppInfo.channel,
      sender: 'app-window',
      windowId,
    });
    expect(info).toEqual({
      ok: true,
      value: { name: 'AntRing Companion', version: pkg.version, host: 'electron', platform: process.platform, dataDir },
    });
    for (const sender of ['sub-frame', 'foreign-page', 'foreign-contents'] as const) {
      const refused = await main.request({ type: 'invoke', channel: requests.getAppInfo.channel, sender, windowId });
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    const invalid = await main.request({
      type: 'invoke',
      channel: requests.getAppInfo.channel,
      payload: { unexpected: true },
      sender: 'app-window',
      windowId,
    });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it("installs the Content-Security-Policy listener with the app's policy, replacing a server's own", async () => {
    expect((await main.snapshot()).session.headersReceivedListener).toBe(true);
    const answer = asRecord(
      await main.request({
        type: 'headers-received',
        responseHeaders: {
          'content-security-policy': ["default-src *; script-src 'unsafe-eval'"],
          'X-Served-By': ['x'],
        },
      }),
    );
    expect(answer['responseHeaders']).toEqual({
      'X-Served-By': ['x'],
      'Content-Security-Policy': [APP_HEADER_CONTENT_SECURITY_POLICY],
    });
  });

  it('sets the permission handlers: the microphone for the app page only, nothing else', async () => {
    const { session } = await main.snapshot();
    expect(session).toEqual({
      headersReceivedListener: true,
      permissionRequestHandler: true,
      permissionCheckHandler: true,
    });
    const ask = (permission: string, requestingUrl: string, mediaTypes: string[] = ['audio'], isMainFrame = true) =>
      main.request({ type: 'permission-request', permission, requestingUrl, isMainFrame, mediaTypes });
    expect(await ask('media', APP_URL)).toBe(true);
    expect(await ask('media', 'https://attacker.example/')).toBe(false);
    expect(await ask('media', APP_URL, ['video'])).toBe(false);
    expect(await ask('media', APP_URL, ['audio'], false)).toBe(false);
    expect(await ask('geolocation', APP_URL, [])).toBe(false);
    const check = (permission: string, requestingUrl: string) =>
      main.request({ type: 'permission-check', permission, requestingUrl, isMainFrame: true, mediaType: 'audio' });
    expect(await check('media', APP_URL)).toBe(true);
    expect(await check('media', 'https://attacker.example/')).toBe(false);
    expect(await check('notifications', APP_URL)).toBe(false);
  });

  it('serves the renderer over app://, a scheme registered as privileged before ready', async () => {
    const state = await main.snapshot();
    const privileged = callsTo(state, 'protocol.registerSchemesAsPrivileged');
    expect(privileged).toHaveLength(1);
    expect(privileged[0]?.beforeReady).toBe(true);
    expect(privileged[0]?.args[0]).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(callsTo(state, 'protocol.handle').map((call) => [call.args[0], call.beforeReady])).toEqual([['app', false]]);
    expect(state.protocolHandlers).toEqual(['app']);

    const page = asRecord(await main.request({ type: 'protocol-request', scheme: 'app', url: APP_URL, method: 'GET' }));
    expect(page['status']).toBe(200);
    expect(page['body']).toBe(readFileSync(BUILT_RENDERER_INDEX, 'utf8'));
    expect(asRecord(page['headers'] ?? null)['content-security-policy']).toBe(APP_HEADER_CONTENT_SECURITY_POLICY);
    const foreign = await main.request({
      type: 'protocol-request',
      scheme: 'app',
      url: APP_URL,
      method: 'GET',
      initiatorOrigin: 'https://attacker.example',
    });
    expect(asRecord(foreign)['status']).toBe(403);
    const outside = await main.request({
      type: 'protocol-request',
      scheme: 'app',
      url: 'app://antring/%2e%2e/%2e%2e/package.json',
      method: 'GET',
    });
    expect(asRecord(outside)['status']).toBe(404);
  });

  it('keeps pages on the app: foreign navigation is stopped, new windows are denied, web links open in the browser', async () => {
    expect(await main.request({ type: 'navigate', windowId, url: 'https://attacker.example/' })).toEqual({
      prevented: true,
    });
    expect(await main.request({ type: 'navigate', windowId, url: 'file:///etc/passwd' })).toEqual({ prevented: true });
    expect(await main.request({ type: 'navigate', windowId, url: `${APP_URL}#/history` })).toEqual({
      prevented: false,
    });
    expect(await main.request({ type: 'window-open', windowId, url: 'https://www.antbuddy.com/help' })).toEqual({
      action: 'deny',
    });
    expect(await main.request({ type: 'window-open', windowId, url: 'file:///etc/passwd' })).toEqual({
      action: 'deny',
    });
    const opened = callsTo(await main.snapshot(), 'shell.openExternal').map((call) => call.args[0]);
    expect(opened).toEqual(['https://www.antbuddy.com/help']);
  });

  it('creates the tray: the icon of the state, the reasons in the tooltip, the console menu', async () => {
    const { tray } = await main.snapshot();
    // A first run: nothing is set up, so calls cannot reach this agent, and the tray says why.
    const state = 'Calls cannot reach you: the phone has no SIP account (Settings); call signals are not set up';
    expect(tray).toMatchObject({ tooltip: `AntRing Companion: ${state}`, png: true, destroyed: false });
    expect(tray?.menuItems).toEqual([
      // The status line: informs, cannot be clicked (cut to keep the menu narrow).
      { label: `${state.slice(0, 89)}…`, type: 'normal', enabled: false, checked: false, submenu: [] },
      { label: 'Do not disturb', type: 'checkbox', enabled: true, checked: false, submenu: [] },
      {
        label: 'Favourites',
        type: 'submenu',
        enabled: true,
        checked: false,
        submenu: ['No favourites yet: star numbers in History'],
      },
      { label: 'Recent numbers', type: 'submenu', enabled: true, checked: false, submenu: ['No calls yet'] },
      { label: 'Hide window', type: 'normal', enabled: true, checked: false, submenu: [] },
      { label: 'Quit', type: 'normal', enabled: true, checked: false, submenu: [] },
    ]);
    // The desktop was asked whether it shows the icon; here (no desktop session) it is taken as shown.
    const status = await main.request({
      type: 'invoke',
      channel: requests.getTrayStatus.channel,
      sender: 'app-window',
      windowId,
    });
    expect(status).toMatchObject({ ok: true, value: { availability: { kind: 'shown' } } });
  });

  it('the tray console: Do not disturb saves the setting; the clipboard number is offered and dialled', async () => {
    await main.request({ type: 'tray-menu', label: 'Do not disturb' });
    const settings = await main.request({
      type: 'invoke',
      channel: requests.getSettings.channel,
      sender: 'app-window',
      windowId,
    });
    expect(settings).toMatchObject({ ok: true, value: { values: { dnd: true } } });
    expect((await main.snapshot()).tray?.menuItems[1]).toMatchObject({ label: 'Do not disturb', checked: true });
    await main.request({ type: 'tray-menu', label: 'Do not disturb' });
    expect((await main.snapshot()).tray?.menuItems[1]).toMatchObject({ checked: false });

    // Linux trays are not told when their menu opens: the clipboard is looked at every few seconds.
    await main.request({ type: 'set-clipboard', text: '0912.345.678' });
    await expect
      .poll(async () => (await main.snapshot()).tray?.menuLabels, { timeout: 15_000 })
      .toContain('Call 0912 345 678 (clipboard)');
    // The tel: link of the launch is still waiting for the agent: put it away first.
    const dialPrompt = () =>
      main.request({ type: 'invoke', channel: requests.getDialPrompt.channel, sender: 'app-window', windowId });
    const waiting = asRecord(asRecord(await dialPrompt())['value'] ?? null);
    await main.request({
      type: 'invoke',
      channel: requests.cancelDial.channel,
      payload: { id: waiting['id'] ?? '' },
      sender: 'app-window',
      windowId,
    });
    await main.request({ type: 'tray-menu', label: 'Call 0912 345 678 (clipboard)' });
    // Dialled through the one dial path, at once: nothing is set up here, so it fails and says so.
    await expect
      .poll(dialPrompt, { timeout: 15_000 })
      .toMatchObject({ ok: true, value: { source: 'tray', kind: 'failed', number: { dial: '0912345678' } } });
    expect(main.log()).not.toContain('0912345678');
    await main.request({ type: 'set-clipboard', text: 'not a number' });
    await expect
      .poll(async () => (await main.snapshot()).tray?.menuLabels, { timeout: 15_000 })
      .not.toContain('Call 0912 345 678 (clipboard)');
  });

  it('handles a tel: link passed in argv at launch: the window comes up, the log names the scheme only', async () => {
    const window = mainWindowOf(await main.snapshot());
    expect(window.focused).toBeGreaterThan(0);
    expect(count(main.log(), 'Dial link received (tel:)')).toBe(1);
    expect(main.log()).not.toContain('0912345678');
    expect(main.log()).toContain(`AntRing Companion ${pkg.version} started`);
  });

  it('closing the window hides it to the tray; a tel: link from a second launch brings it back', async () => {
    expect(await main.request({ type: 'close-window', windowId })).toEqual({ closed: false });
    let state = await main.snapshot();
    expect(mainWindowOf(state).visible).toBe(false);
    expect(state.tray?.menuLabels).toContain('Show window');
    expect(state.tray?.menuLabels).not.toContain('Hide window');
    // Said once, by a notification, and remembered in the data folder.
    const hint = (record: { calls: readonly ApiCall[] }) =>
      callsTo(record, 'new Notification').filter(
        (call) => asRecord(call.args[0] ?? null)['title'] === 'AntRing Companion is still running',
      );
    expect(hint(state)).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dataDir, 'tray-hints.json'), 'utf8'))).toEqual({ closeToTrayExplained: true });
    const before = mainWindowOf(state);

    await main.request({ type: 'second-instance', argv: [process.execPath, BUILT_MAIN, '--flag', 'tel:0987654321'] });
    state = await main.snapshot();
    const after = mainWindowOf(state);
    expect(after.visible).toBe(true);
    expect(after.shown).toBe(before.shown + 1);
    expect(after.focused).toBe(before.focused + 1);
    expect(state.tray?.menuLabels).toContain('Hide window');
    expect(count(main.log(), 'Dial link received (tel:)')).toBe(2);
    expect(main.log()).not.toContain('0987654321');

    // A plain second launch (no link) only brings the window up.
    await main.request({ type: 'tray-click' });
    expect(mainWindowOf(await main.snapshot()).visible).toBe(false);
    // Closing again says nothing more.
    await main.request({ type: 'second-instance', argv: [process.execPath, BUILT_MAIN] });
    await main.request({ type: 'close-window', windowId });
    expect(hint(await main.snapshot())).toHaveLength(1);
    await main.request({ type: 'second-instance', argv: [process.execPath, BUILT_MAIN] });
    expect(mainWindowOf(await main.snapshot()).visible).toBe(true);
    expect(count(main.log(), 'Dial link received')).toBe(2);

    // macOS hands links over with open-url instead.
    expect(await main.request({ type: 'open-url', url: 'callto:+84912345678' })).toEqual({ prevented: true });
    expect(count(main.log(), 'Dial link received (callto:)')).toBe(1);
  });

  it('follows sleep and wake', async () => {
    expect((await main.snapshot()).powerListeners).toMatchObject({ suspend: 1, resume: 1 });
    await main.request({ type: 'power', event: 'suspend' });
    await main.request({ type: 'power', event: 'resume' });
    expect(main.log()).toMatch(/power: suspend[\s\S]*power: resume/);
  });

  it('quits cleanly from the tray menu: before-quit, every window closes, will-quit, exit code 0', async () => {
    const state = await main.snapshot();
    // The app logs its own uncaught errors (electron-log's handler) rather than dying silently.
    expect(state.appUncaughtExceptionListeners).toBeGreaterThan(0);
    await main.request({ type: 'tray-menu', label: 'Quit' });
    const exit = await main.quitting();
    expect(exit.code).toBe(0);
    const record = exit.record;
    if (!record) throw new Error(`no stand-in record; stderr:\n${exit.stderr}`);
    const windows = state.windows.map((window) => `close BrowserWindow#${window.id}`);
    expect(record.quitSequence).toEqual(['before-quit', ...windows, 'will-quit', 'quit']);
    expect(record.windows.every((window) => window.destroyed)).toBe(true);
    expect(record.tray?.destroyed).toBe(true);
    expect(record.uncaught).toEqual([]);
    expect(exit.stderr.split('\n').filter((line) => ERROR_LINE.test(line))).toEqual([]);
    // An unpackaged run never registers the bare Node/Electron binary as the OS's tel: handler.
    expect(callsTo(record, 'app.setAsDefaultProtocolClient')).toEqual([]);
  });
});

describe('the built main process in other situations', () => {
  it('on a desktop that shows no tray icon: the window is told why, and closing it minimises it', async () => {
    // GNOME, and no session bus to find a StatusNotifier host on: no tray icon will show.
    const { main, dataDir } = launch({
      env: { XDG_CURRENT_DESKTOP: 'GNOME', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/antring-test-bus' },
    });
    await main.settled;
    const windowId = mainWindowOf(await main.snapshot()).id;
    const trayStatus = () =>
      main.request({ type: 'invoke', channel: requests.getTrayStatus.channel, sender: 'app-window', windowId });
    await expect.poll(trayStatus, { timeout: 15_000 }).toMatchObject({
      ok: true,
      value: { availability: { kind: 'missing', reason: 'gnome-without-extension', desktop: 'GNOME' } },
    });
    // The window hears it too (trayStatusChanged), to show the state in place of the icon.
    expect(mainWindowOf(await main.snapshot()).sent).toContain(events.trayStatusChanged.channel);

    expect(await main.request({ type: 'close-window', windowId })).toEqual({ closed: false });
    const state = await main.snapshot();
    expect(mainWindowOf(state).visible).toBe(true);
    expect(callsTo(state, `BrowserWindow#${windowId}.minimize`)).toHaveLength(1);
    expect(callsTo(state, 'new Notification')).toEqual([]);
    expect(existsSync(join(dataDir, 'tray-hints.json'))).toBe(false);
    await main.request({ type: 'tray-menu', label: 'Quit' });
    expect((await main.quitting()).code).toBe(0);
  });

  it('a second launch while the app runs hands over and quits at once: no window, no tray', async () => {
    const { main } = launch({ argv: ['tel:0912345678'], env: { [STAND_IN_ENV.lockTaken]: '1' } });
    const exit = await main.exited;
    expect(exit.code).toBe(0);
    const record = exit.record;
    if (!record) throw new Error(`no stand-in record; stderr:\n${exit.stderr}`);
    expect(callsTo(record, 'app.quit')).toHaveLength(1);
    expect(record.windows).toEqual([]);
    expect(record.tray).toBeNull();
    expect(record.ipcHandlers).toEqual([LOG_ELECTRON_CHANNEL]);
    expect(record.uncaught).toEqual([]);
    expect(exit.stderr.split('\n').filter((line) => ERROR_LINE.test(line))).toEqual([]);
  });

  it('a packaged build registers tel:, callto: and sip: with the OS and never loads a dev server', async () => {
    const { main } = launch({
      env: { [STAND_IN_ENV.packaged]: '1', ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' },
    });
    await main.settled;
    const state = await main.snapshot();
    expect(callsTo(state, 'app.setAsDefaultProtocolClient').map((call) => call.args[0])).toEqual([
      'tel',
      'callto',
      'sip',
    ]);
    expect(mainWindowOf(state).loadedUrls).toEqual([APP_URL]);
    await main.request({ type: 'tray-menu', label: 'Quit' });
    expect((await main.quitting()).code).toBe(0);
  });

  it('settings it cannot read: says so in a dialog and exits 1 instead of holding the lock windowless', async () => {
    // A folder where settings.json should be: reading it fails (EISDIR), as an unreadable file would.
    const { main, dataDir } = launch({ prepare: (dir) => mkdirSync(settingsFilePath(dir)) });
    const exit = await main.exited;
    expect(exit.code).toBe(1);
    const record = exit.record;
    if (!record) throw new Error(`no stand-in record; stderr:\n${exit.stderr}`);
    const dialog = callsTo(record, 'dialog.showErrorBox');
    expect(dialog).toHaveLength(1);
    expect(dialog[0]?.args[0]).toBe('AntRing Companion');
    expect(String(dialog[0]?.args[1])).toContain(settingsFilePath(dataDir));
    expect(callsTo(record, 'app.exit').map((call) => call.args)).toEqual([[1]]);
    expect(record.windows).toEqual([]);
    expect(record.uncaught).toEqual([]);
  });
});
