import type { TrayAvailability } from '../../shared/reachability';
import { connectBus, sessionBusSocket, type DbusConnection } from './tray-dbus';

/**
 * Whether the desktop will show the tray icon. Electron cannot tell (a Tray is created either
 * way), so it is found out as Chromium decides how to draw one on Linux: through the
 * StatusNotifier (AppIndicator) protocol when `org.kde.StatusNotifierWatcher` is on the session
 * bus with a host registered (KDE, Cinnamon, Budgie, GNOME with the AppIndicator extension,
 * Ubuntu's GNOME, waybar...), else as an old XEmbed icon, which X11 panels (XFCE, MATE, LXDE)
 * show and GNOME Shell and Wayland never do. Windows and macOS always show it.
 */

/** What the session bus says about StatusNotifier: a watcher with a host, a watcher alone, none, or no answer. */
export type StatusNotifierState = 'host' | 'no-host' | 'no-watcher' | 'unknown';

const WATCHER = 'org.kde.StatusNotifierWatcher';
/** The bus answers in milliseconds; a desktop that does not answer in this time is treated as unknown. */
export const PROBE_TIMEOUT_MS = 1_500;

export interface DesktopFacts {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly statusNotifier: StatusNotifierState;
}

/** The desktop's name as the banner may show it: from XDG_CURRENT_DESKTOP, printable and short. */
export function desktopName(env: NodeJS.ProcessEnv): string {
  const raw = env['XDG_CURRENT_DESKTOP'] || env['DESKTOP_SESSION'] || '';
  return raw.replace(/[^\w:. -]/g, '').slice(0, 60);
}

export function trayAvailabilityFor(facts: DesktopFacts): TrayAvailability {
  if (facts.platform !== 'linux' || facts.statusNotifier === 'host') return { kind: 'shown' };
  const desktop = desktopName(facts.env);
  const gnome = /gnome/i.test(desktop);
  if (facts.statusNotifier === 'unknown') {
    // No bus to ask: Ubuntu's and Pop!_OS's GNOME ship the AppIndicator extension on; plain GNOME does not.
    return gnome && !/ubuntu|pop/i.test(desktop)
      ? { kind: 'missing', reason: 'gnome-without-extension', desktop }
      : { kind: 'shown' };
  }
  if (gnome) return { kind: 'missing', reason: 'gnome-without-extension', desktop };
  const sessionType = facts.env['XDG_SESSION_TYPE'];
  const wayland = sessionType === 'wayland' || (sessionType !== 'x11' && Boolean(facts.env['WAYLAND_DISPLAY']));
  // Wayland has no XEmbed tray to fall back to; an X11 panel most likely has one.
  return wayland ? { kind: 'missing', reason: 'no-status-notifier', desktop } : { kind: 'shown' };
}

/** Asks the session bus (never starting a service to answer); `unknown` when it cannot be asked. */
export async function probeStatusNotifier(
  env: NodeJS.ProcessEnv,
  uid: number,
  timeoutMs: number = PROBE_TIMEOUT_MS,
): Promise<StatusNotifierState> {
  const socketPath = sessionBusSocket(env);
  if (socketPath === undefined) return 'unknown';
  let connection: DbusConnection | undefined;
  // Gives up a bus that does not answer, closing its socket (a pending handshake included).
  const giveUp = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'unknown'>((resolve) => {
    timer = setTimeout(() => {
      giveUp.abort();
      resolve('unknown');
    }, timeoutMs);
  });
  const ask = async (): Promise<StatusNotifierState> => {
    connection = await connectBus(socketPath, uid, giveUp.signal);
    const owner = await connection.call({
      destination: 'org.freedesktop.DBus',
      path: '/org/freedesktop/DBus',
      interface: 'org.freedesktop.DBus',
      member: 'NameHasOwner',
      args: [{ type: 's', value: WATCHER }],
    });
    if (owner.kind !== 'return') return 'unknown';
    if (owner.values[0] !== true) return 'no-watcher';
    const host = await connection.call({
      destination: WATCHER,
      path: '/StatusNotifierWatcher',
      interface: 'org.freedesktop.DBus.Properties',
      member: 'Get',
      args: [
        { type: 's', value: WATCHER },
        { type: 's', value: 'IsStatusNotifierHostRegistered' },
      ],
    });
    // A watcher without the property (an old one) is trusted: it exists to show icons.
    if (host.kind !== 'return') return 'host';
    return host.values[0] === false ? 'no-host' : 'host';
  };
  try {
    return await Promise.race([ask().catch((): StatusNotifierState => 'unknown'), timeout]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    connection?.close();
  }
}

/** The tray's availability on this computer (Linux asks the session bus; the rest answer at once). */
export async function detectTrayAvailability(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  uid: number,
): Promise<TrayAvailability> {
  const statusNotifier = platform === 'linux' ? await probeStatusNotifier(env, uid) : 'host';
  return trayAvailabilityFor({ platform, env, statusNotifier });
}
