import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A stand-in BrowserWindow that records its options and listeners. */
class FakeBrowserWindow {
  static last: FakeBrowserWindow | undefined;
  readonly listeners = new Map<string, (event: { preventDefault(): void }) => void>();
  hidden = false;
  loaded: string | undefined;
  constructor(readonly options: { title?: string; webPreferences?: Record<string, unknown> }) {
    FakeBrowserWindow.last = this;
  }
  on(name: string, listener: (event: { preventDefault(): void }) => void) {
    this.listeners.set(name, listener);
    return this;
  }
  once(name: string, listener: (event: { preventDefault(): void }) => void) {
    return this.on(name, listener);
  }
  hide() {
    this.hidden = true;
  }
  async loadURL(url: string) {
    this.loaded = url;
  }
}

vi.mock('electron', () => ({ BrowserWindow: FakeBrowserWindow }));
// electron-store is conf plus Electron's app paths (it loads the real electron package, which is
// absent here): stand in with conf itself, the same file format, honouring `name` like it does.
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  return {
    default: class extends Conf<Record<string, unknown>> {
      constructor(options: { cwd: string; name: string; clearInvalidConfig?: boolean; configFileMode?: number }) {
        super({
          cwd: options.cwd,
          configName: options.name,
          projectName: 'antring-test',
          clearInvalidConfig: options.clearInvalidConfig ?? false,
          ...(options.configFileMode !== undefined ? { configFileMode: options.configFileMode } : {}),
        });
      }
    },
  };
});

const { createMainWindow } = await import('../../../src/main/shell/windows');
const { openSettingsStore } = await import('../../../src/main/shell/settings-store');

describe('createMainWindow', () => {
  const open = (quitting: boolean) => {
    createMainWindow({
      appUrl: 'app://antring/index.html',
      preloadPath: '/app/preload/index.cjs',
      isQuitting: () => quitting,
      onVisibilityChange: () => {},
    });
    const window = FakeBrowserWindow.last;
    if (!window) throw new Error('no window created');
    return window;
  };

  it('uses the security baseline web preferences and loads the app page', () => {
    const window = open(false);
    expect(window.options.title).toBe('AntRing Companion');
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(window.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(window.loaded).toBe('app://antring/index.html');
  });

  it('hides to the tray on close, and really closes when quitting', () => {
    const staying = open(false);
    const event = {
      prevented: false,
      preventDefault() {
        event.prevented = true;
      },
    };
    staying.listeners.get('close')?.(event);
    expect([event.prevented, staying.hidden]).toEqual([true, true]);

    const quitting = open(true);
    const quitEvent = {
      prevented: false,
      preventDefault() {
        quitEvent.prevented = true;
      },
    };
    quitting.listeners.get('close')?.(quitEvent);
    expect([quitEvent.prevented, quitting.hidden]).toEqual([false, false]);
  });
});

describe('openSettingsStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'antring-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const open = (now?: () => number) => {
    const opened = openSettingsStore(dir, now);
    if (!opened.ok) throw new Error(opened.error.message);
    return opened.value;
  };

  it('reads and writes settings.json in the data folder, readable by its owner only', () => {
    const { document, problems } = open();
    expect(problems).toEqual([]);
    document.write({ version: 1, values: { displayName: 'A' }, secrets: {}, plaintextSecretsConsent: false });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      values: { displayName: 'A' },
    });
    expect(open().document.read()).toMatchObject({ values: { displayName: 'A' } });
    if (process.platform !== 'win32') expect(statSync(join(dir, 'settings.json')).mode & 0o777).toBe(0o600);
  });

  it('keeps a copy of a corrupt file and reports it instead of losing it', () => {
    writeFileSync(join(dir, 'settings.json'), '{ "values": { "displayName": "Lost?" ');
    const { problems } = open(() => 1234);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.code).toBe('config_invalid');
    expect(readdirSync(dir)).toContain('settings.json.corrupt-1234');
    expect(readFileSync(join(dir, 'settings.json.corrupt-1234'), 'utf8')).toContain('Lost?');
  });

  it('refuses to open a settings file it cannot read, with a typed error naming it, and leaves it alone', () => {
    mkdirSync(join(dir, 'settings.json'));
    const opened = openSettingsStore(dir);
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error).toMatchObject({ code: 'config_invalid', file: join(dir, 'settings.json') });
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });
});
