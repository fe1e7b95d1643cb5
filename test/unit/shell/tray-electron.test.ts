import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Reachability } from '../../../src/shared/reachability';
import type { CallSummary } from '../../../src/shared/call-log';

/** Electron, faked: what the tray code handed it. */
const electron = vi.hoisted(() => {
  interface Item {
    readonly id?: string;
    readonly label?: string;
    readonly type?: string;
    readonly enabled?: boolean;
    readonly checked?: boolean;
    readonly submenu?: readonly Item[];
    readonly click?: () => void;
  }
  class FakeTray {
    static last: FakeTray | undefined;
    readonly images: unknown[] = [];
    readonly tooltips: string[] = [];
    readonly menus: Item[][] = [];
    readonly listeners = new Map<string, () => void>();
    destroyed = false;
    constructor(image: unknown) {
      this.images.push(image);
      FakeTray.last = this;
    }
    setImage(image: unknown): void {
      this.images.push(image);
    }
    setToolTip(text: string): void {
      this.tooltips.push(text);
    }
    setContextMenu(menu: { template: Item[] }): void {
      this.menus.push(menu.template);
    }
    on(event: string, listener: () => void): void {
      this.listeners.set(event, listener);
    }
    destroy(): void {
      this.destroyed = true;
    }
  }
  const notifications: { title: string; body: string }[] = [];
  const state = { notificationsSupported: true };
  class Notification {
    static isSupported(): boolean {
      return state.notificationsSupported;
    }
    constructor(private readonly options: { title: string; body: string }) {}
    on(): void {}
    show(): void {
      notifications.push({ title: this.options.title, body: this.options.body });
    }
  }
  return {
    FakeTray,
    notifications,
    state,
    module: {
      Tray: FakeTray,
      Menu: { buildFromTemplate: (template: Item[]) => ({ template }) },
      nativeImage: { createFromBuffer: (buffer: Buffer) => ({ png: buffer }) },
      Notification,
    },
  };
});
vi.mock('electron', () => electron.module);

const { createTray, CLIPBOARD_POLL_MS } = await import('../../../src/main/shell/tray');
const { startTrayConsole } = await import('../../../src/main/shell/tray-console');
const { trayIconPng } = await import('../../../src/main/shell/tray-icons');
const { createServices } = await import('../../../src/main/services');
const { notifyReachability } = await import('../../../src/main/shell/tray-notifications');
const { fakeSecretBox, memoryDocument } = await import('../settings/fakes');

type Item = ReturnType<typeof lastMenu>[number];

function tray(): InstanceType<typeof electron.FakeTray> {
  const current = electron.FakeTray.last;
  if (!current) throw new Error('no tray was created');
  return current;
}
function lastMenu() {
  const menu = tray().menus.at(-1);
  if (!menu) throw new Error('no menu was set');
  return menu;
}
function labels(items: readonly Item[] = lastMenu()): string[] {
  return items.flatMap((item) => (item.label === undefined ? [] : [item.label]));
}
function findItem(label: string, items: readonly Item[]): Item | undefined {
  for (const each of items) {
    if (each.label === label) return each;
    const inside = each.submenu ? findItem(label, each.submenu) : undefined;
    if (inside) return inside;
  }
  return undefined;
}
function item(label: string, items: readonly Item[] = lastMenu()): Item {
  const found = findItem(label, items);
  if (!found) throw new Error(`no menu item "${label}" in ${JSON.stringify(labels(items))}`);
  return found;
}
const iconOf = (image: unknown): Buffer => (image as { png: Buffer }).png;

beforeEach(() => {
  electron.FakeTray.last = undefined;
  electron.notifications.length = 0;
  electron.state.notificationsSupported = true;
});

describe('the Electron tray', () => {
  let reachability: Reachability;
  let clipboard: string;
  const calls: string[] = [];
  const sources = () => ({
    language: () => 'en' as const,
    reachability: () => reachability,
    dnd: () => ({ on: reachability.kind === 'dnd', locked: false }),
    favourites: () => ['+84912345678'],
    recentNumbers: () => [],
    readClipboard: () => Promise.resolve(clipboard),
  });
  const actions = {
    isWindowVisible: () => true,
    showWindow: () => calls.push('show'),
    hideWindow: () => calls.push('hide'),
    quit: () => calls.push('quit'),
    dial: (number: string) => calls.push(`dial:${number}`),
    setDnd: (on: boolean) => calls.push(`dnd:${on}`),
  };

  beforeEach(() => {
    vi.useFakeTimers();
    reachability = { kind: 'reachable' };
    clipboard = '';
    calls.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('shows the icon, tooltip and menu of the state, and changes them with it', () => {
    const appTray = createTray(actions, sources(), 'linux');
    expect(iconOf(tray().images[0])).toEqual(trayIconPng('reachable'));
    expect(tray().tooltips).toEqual(['AntRing Companion: Ready for calls']);
    expect(lastMenu()[0]).toMatchObject({ label: 'Ready for calls', enabled: false });
    expect(lastMenu()[2]).toMatchObject({ type: 'checkbox', label: 'Do not disturb', checked: false, enabled: true });

    reachability = { kind: 'unreachable', reasons: [{ kind: 'phone-registering' }] };
    appTray.refresh();
    expect(iconOf(tray().images.at(-1))).toEqual(trayIconPng('unreachable'));
    expect(tray().tooltips.at(-1)).toBe('AntRing Companion: Calls cannot reach you: the phone is registering');
    expect(lastMenu()[0]?.label).toBe('Calls cannot reach you: the phone is registering');

    for (const kind of ['dnd', 'in-call'] as const) {
      reachability = { kind };
      appTray.refresh();
      expect(iconOf(tray().images.at(-1))).toEqual(trayIconPng(kind));
    }
    appTray.destroy();
    expect(tray().destroyed).toBe(true);
  });

  it('leaves the menu alone when nothing in it changed (rebuilding an open Linux menu closes it)', () => {
    const appTray = createTray(actions, sources(), 'linux');
    const built = tray().menus.length;
    appTray.refresh();
    appTray.refresh();
    expect(tray().menus).toHaveLength(built);
    expect(tray().images).toHaveLength(1);
    appTray.destroy();
  });

  it('runs the menu items: dial a favourite, Do not disturb, Hide, Quit; a left click toggles the window', () => {
    const appTray = createTray(actions, sources(), 'linux');
    item('0912 345 678').click?.();
    item('Do not disturb').click?.();
    item('Hide window').click?.();
    item('Quit').click?.();
    tray().listeners.get('click')?.();
    expect(calls).toEqual(['dial:+84912345678', 'dnd:true', 'hide', 'quit', 'hide']);
    appTray.destroy();
  });

  it('on Linux, offers the clipboard number within a poll of it changing, and only a dialable one', async () => {
    const appTray = createTray(actions, sources(), 'linux');
    await vi.advanceTimersByTimeAsync(0);
    expect(labels().some((label) => label.startsWith('Call '))).toBe(false);

    clipboard = '0987-654-321';
    await vi.advanceTimersByTimeAsync(CLIPBOARD_POLL_MS);
    expect(labels()).toContain('Call 0987 654 321 (clipboard)');
    item('Call 0987 654 321 (clipboard)').click?.();
    expect(calls).toEqual(['dial:0987654321']);

    clipboard = 'Dear customer, thank you';
    await vi.advanceTimersByTimeAsync(CLIPBOARD_POLL_MS);
    expect(labels().some((label) => label.startsWith('Call '))).toBe(false);

    appTray.destroy();
    clipboard = '0912 345 678';
    const built = tray().menus.length;
    await vi.advanceTimersByTimeAsync(5 * CLIPBOARD_POLL_MS);
    expect(tray().menus).toHaveLength(built);
  });

  it('on Windows, looks at the clipboard when the menu is about to open, never on a timer', async () => {
    let reads = 0;
    const appTray = createTray(
      actions,
      {
        ...sources(),
        readClipboard: () => {
          reads++;
          return Promise.resolve(clipboard);
        },
      },
      'win32',
    );
    await vi.advanceTimersByTimeAsync(0);
    clipboard = '8001';
    await vi.advanceTimersByTimeAsync(10 * CLIPBOARD_POLL_MS);
    expect(reads).toBe(1);
    expect(labels()).not.toContain('Call 8001 (clipboard)');
    tray().listeners.get('right-click')?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(labels()).toContain('Call 8001 (clipboard)');
    appTray.destroy();
  });

  it('a clipboard that cannot be read offers nothing and breaks nothing', async () => {
    const appTray = createTray(
      actions,
      { ...sources(), readClipboard: () => Promise.reject(new Error('owner gone')) },
      'linux',
    );
    await vi.advanceTimersByTimeAsync(2 * CLIPBOARD_POLL_MS);
    expect(labels()[0]).toBe('Ready for calls');
    appTray.destroy();
  });
});

describe('the tray console with the real services', () => {
  let dir: string;
  let services: ReturnType<typeof createServices>;
  let trayConsole: ReturnType<typeof startTrayConsole>;
  const dialled: string[] = [];
  const warnings: string[] = [];

  const start = (env: NodeJS.ProcessEnv = {}) => {
    services = createServices({
      dataDir: dir,
      env,
      osLocale: 'en',
      secretBox: fakeSecretBox(),
      settingsDocument: memoryDocument(),
    });
    trayConsole = startTrayConsole({
      settings: services.settings,
      trayStatus: services.trayStatus,
      callLog: services.callLog,
      dataDir: dir,
      window: { isVisible: () => true, show: () => undefined, hide: () => undefined },
      quit: () => undefined,
      dial: (number) => dialled.push(number),
      readClipboard: () => Promise.resolve(''),
      platform: 'linux',
      // No session bus and no desktop: nothing to ask, the tray is taken as shown.
      env,
      uid: 1000,
      log: { info: () => undefined, warn: (message) => warnings.push(message) },
    });
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'antring-tray-console-'));
    dialled.length = 0;
    warnings.length = 0;
  });
  afterEach(async () => {
    trayConsole.destroy();
    await services.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Do not disturb from the tray saves the setting, and the menu follows it (in the language set)', () => {
    start();
    expect(services.settings.save({ language: 'vi' }).ok).toBe(true);
    expect(item('Không làm phiền')).toMatchObject({ checked: false, enabled: true });
    item('Không làm phiền').click?.();
    expect(services.settings.view().values.dnd).toBe(true);
    expect(item('Không làm phiền')).toMatchObject({ checked: true });
    item('Không làm phiền').click?.();
    expect(services.settings.view().values.dnd).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('Do not disturb set by IT is shown, and cannot be changed from the tray', () => {
    const provisioning = join(dir, 'provisioning.json');
    writeFileSync(provisioning, JSON.stringify({ dnd: true }));
    start({ ANTRING_CONFIG: provisioning });
    expect(item('Do not disturb (set by IT)')).toMatchObject({ checked: true, enabled: false });
  });

  it('quick dial follows the favourites and the call log, and dials through the one dial path', () => {
    start();
    expect(item('No favourites yet: star numbers in History')).toBeTruthy();
    expect(services.settings.save({ favourites: ['+84912345678'] }).ok).toBe(true);
    const call: CallSummary = {
      sipCallId: 'c1@example',
      direction: 'outbound',
      number: '02873019555',
      startedAt: 1_700_000_000_000,
      endedAt: 1_700_000_060_000,
      endReason: 'local-hangup',
      quality: {
        samples: 0,
        avgJitterMs: null,
        avgLossPct: null,
        avgRttMs: null,
        avgMos: null,
        worstMos: null,
        worstLossPct: null,
      },
    };
    expect(services.callLog.record(call).ok).toBe(true);
    expect(labels(item('Recent numbers').submenu)).toEqual(['028 7301 9555']);
    item('0912 345 678').click?.();
    item('028 7301 9555').click?.();
    expect(dialled).toEqual(['+84912345678', '02873019555']);
  });

  it('follows the phone: registered and on a call', () => {
    start();
    services.phoneRelay.report({ ringing: null, registration: { kind: 'registered' }, inCall: true });
    expect(lastMenu()[0]?.label).toBe('In a call');
    expect(iconOf(tray().images.at(-1))).toEqual(trayIconPng('in-call'));
  });

  it('says once, ever, that closing keeps the app in the tray', () => {
    start();
    trayConsole.closedToTray();
    trayConsole.closedToTray();
    expect(electron.notifications).toEqual([
      {
        title: 'AntRing Companion is still running',
        body: 'Calls still ring. Open it again or quit from its icon in the tray (by the clock).',
      },
    ]);
    expect(JSON.parse(readFileSync(join(dir, 'tray-hints.json'), 'utf8'))).toEqual({ closeToTrayExplained: true });
    // A later run on the same computer says nothing.
    trayConsole.destroy();
    start();
    trayConsole.closedToTray();
    expect(electron.notifications).toHaveLength(1);
  });

  it('tries the hint again next time when the OS could not show notifications', () => {
    electron.state.notificationsSupported = false;
    start();
    trayConsole.closedToTray();
    electron.state.notificationsSupported = true;
    trayConsole.closedToTray();
    expect(electron.notifications).toHaveLength(1);
  });

  it('where the desktop shows no tray, tells the window and sends a closed window to the taskbar', async () => {
    start({ XDG_CURRENT_DESKTOP: 'GNOME', DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-bus')}` });
    expect(trayConsole.closeTo()).toBe('tray');
    await vi.waitFor(() =>
      expect(services.trayStatus.current().availability).toEqual({
        kind: 'missing',
        reason: 'gnome-without-extension',
        desktop: 'GNOME',
      }),
    );
    expect(trayConsole.closeTo()).toBe('taskbar');
  });
});

describe('the tray notifications', () => {
  const realPlatform = process.platform;
  afterEach(() => Object.defineProperty(process, 'platform', { value: realPlatform, configurable: true }));

  it('word an outage with its reasons, escaped for Linux body markup (the reasons quote servers)', () => {
    Object.defineProperty(process, 'platform', { value: 'linux', configurable: true });
    const reachability: Reachability = {
      kind: 'unreachable',
      reasons: [{ kind: 'phone-failed', detail: '<b>403</b> & co' }, { kind: 'signals-connecting' }],
    };
    expect(notifyReachability({ kind: 'unreachable', reachability }, 'en', () => undefined)).toBe(true);
    expect(notifyReachability({ kind: 'reachable-again' }, 'vi', () => undefined)).toBe(true);
    expect(electron.notifications).toEqual([
      {
        title: 'Calls cannot reach you',
        body: 'The SIP server refused the phone (&lt;b&gt;403&lt;/b&gt; &amp; co); connecting to call signals',
      },
      { title: 'Đã nhận cuộc gọi trở lại', body: 'Điện thoại và tín hiệu cuộc gọi đã kết nối lại.' },
    ]);
  });

  it('say nothing (and answer so) where the OS has no notifications', () => {
    electron.state.notificationsSupported = false;
    expect(notifyReachability({ kind: 'reachable-again' }, 'en', () => undefined)).toBe(false);
    expect(electron.notifications).toEqual([]);
  });
});
