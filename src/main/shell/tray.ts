import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { Reachability, ReachabilityKind } from '../../shared/reachability';
import type { Language } from '../../shared/settings';
import { trayIconPng } from './tray-icons';
import { dialableClipboardNumber, trayMenu, type TrayMenuEntry, type TrayMenuInput } from './tray-menu';
import { trayTooltip } from './tray-text';

export interface TrayActions {
  isWindowVisible(): boolean;
  showWindow(): void;
  hideWindow(): void;
  quit(): void;
  /** Dials `number` at once (picked from the menu: no confirmation). */
  dial(number: string): void;
  /** Saves the `dnd` setting. */
  setDnd(on: boolean): void;
}

/** What the tray shows, read afresh on every refresh. */
export interface TraySources {
  language(): Language;
  reachability(): Reachability;
  dnd(): { readonly on: boolean; readonly locked: boolean };
  favourites(): readonly string[];
  /** Numbers of the latest calls, newest first. */
  recentNumbers(): readonly string[];
  /** The clipboard's text (Electron's clipboard.readText); only a dialable number is ever used. */
  readClipboard(): Promise<string>;
}

export interface AppTray {
  /** Call after any input changed (settings, signals, phone, call log, the window shown or hidden). */
  refresh(): void;
  destroy(): void;
}

/**
 * Linux trays (StatusNotifier menus over D-Bus) say nothing when their menu opens, so the
 * clipboard is looked at this often to offer "Call the number on the clipboard"; Windows and
 * macOS tell us just before the menu opens, and are never polled (macOS reports reads of the
 * pasteboard to the user).
 */
export const CLIPBOARD_POLL_MS = 2_000;

/** The menu's data without its click handlers: equal fingerprints mean the menu need not be rebuilt. */
function fingerprint(entries: readonly TrayMenuEntry[]): string {
  return JSON.stringify(entries, (key, value: unknown) => (key === 'click' ? undefined : value));
}

function toElectron(entry: TrayMenuEntry, afterClick: () => void): MenuItemConstructorOptions {
  switch (entry.type) {
    case 'separator':
      return { type: 'separator' };
    case 'label':
      return { id: entry.id, label: entry.label, enabled: false };
    case 'action':
      return {
        id: entry.id,
        label: entry.label,
        enabled: entry.enabled,
        click: () => {
          entry.click();
          afterClick();
        },
      };
    case 'checkbox':
      return {
        id: entry.id,
        type: 'checkbox',
        label: entry.label,
        checked: entry.checked,
        enabled: entry.enabled,
        click: () => {
          entry.click();
          afterClick();
        },
      };
    case 'submenu':
      return { id: entry.id, label: entry.label, submenu: entry.items.map((item) => toElectron(item, afterClick)) };
  }
}

/**
 * The tray keeps the app reachable all day and shows at a glance whether calls can reach the
 * agent: an icon per state, the reasons in the tooltip and the menu's first line, and the
 * menu's quick actions. Closing the window only hides it (windows.ts).
 */
export function createTray(
  actions: TrayActions,
  sources: TraySources,
  platform: NodeJS.Platform = process.platform,
): AppTray {
  const images = new Map<ReachabilityKind, NativeImage>();
  const imageFor = (kind: ReachabilityKind): NativeImage => {
    let image = images.get(kind);
    if (!image) {
      image = nativeImage.createFromBuffer(trayIconPng(kind), { scaleFactor: 2 });
      images.set(kind, image);
    }
    return image;
  };
  const first = sources.reachability();
  const tray = new Tray(imageFor(first.kind));
  let shownKind: ReachabilityKind = first.kind;
  let shownTooltip: string | undefined;
  let shownMenu: string | undefined;
  let clipboardNumber: string | undefined;
  let reading = false;
  let destroyed = false;

  const refresh = (): void => {
    if (destroyed) return;
    const reachability = sources.reachability();
    const language = sources.language();
    if (reachability.kind !== shownKind) {
      tray.setImage(imageFor(reachability.kind));
      shownKind = reachability.kind;
    }
    const tooltip = trayTooltip(reachability, language);
    if (tooltip !== shownTooltip) {
      tray.setToolTip(tooltip);
      shownTooltip = tooltip;
    }
    const dnd = sources.dnd();
    const input: TrayMenuInput = {
      language,
      reachability,
      dnd: dnd.on,
      dndLocked: dnd.locked,
      favourites: sources.favourites(),
      recentNumbers: sources.recentNumbers(),
      clipboardText: clipboardNumber,
      windowVisible: actions.isWindowVisible(),
    };
    const entries = trayMenu(input, actions);
    const print = fingerprint(entries);
    // Rebuilding an open Linux menu closes it: only when something in it changed.
    if (print === shownMenu) return;
    shownMenu = print;
    tray.setContextMenu(Menu.buildFromTemplate(entries.map((entry) => toElectron(entry, refresh))));
  };

  const lookAtClipboard = (): void => {
    // A clipboard owner that is slow to answer gets one question at a time.
    if (reading || destroyed) return;
    reading = true;
    sources
      .readClipboard()
      .then(
        (text) => dialableClipboardNumber(text),
        // A clipboard that cannot be read offers nothing to call; it must not break the tray.
        () => undefined,
      )
      .then((next) => {
        reading = false;
        if (next === clipboardNumber) return;
        clipboardNumber = next;
        refresh();
      });
  };

  refresh();
  lookAtClipboard();
  // Left click toggles the window on Windows/Linux; macOS opens the menu instead.
  tray.on('click', () => {
    if (actions.isWindowVisible()) actions.hideWindow();
    else actions.showWindow();
    refresh();
  });
  // Emitted just before the menu opens: the clipboard item is current without polling.
  if (platform === 'win32') tray.on('right-click', lookAtClipboard);
  if (platform === 'darwin') tray.on('mouse-enter', lookAtClipboard);
  const poll = platform === 'linux' ? setInterval(lookAtClipboard, CLIPBOARD_POLL_MS) : undefined;
  // The poll must never keep a quitting app alive.
  poll?.unref();

  return {
    refresh,
    destroy() {
      destroyed = true;
      if (poll !== undefined) clearInterval(poll);
      tray.destroy();
    },
  };
}
