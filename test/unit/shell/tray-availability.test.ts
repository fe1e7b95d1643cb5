import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopName, trayAvailabilityFor, type StatusNotifierState } from '../../../src/main/shell/tray-availability';
import { sessionBusSocket } from '../../../src/main/shell/tray-dbus';
import type { TrayAvailability } from '../../../src/shared/reachability';

const linux = (statusNotifier: StatusNotifierState, env: NodeJS.ProcessEnv): TrayAvailability =>
  trayAvailabilityFor({ platform: 'linux', env, statusNotifier });

describe('whether the desktop shows the tray icon', () => {
  it('always on Windows and macOS', () => {
    for (const platform of ['win32', 'darwin'] as const) {
      expect(trayAvailabilityFor({ platform, env: {}, statusNotifier: 'unknown' })).toEqual({ kind: 'shown' });
    }
  });

  it('on Linux with a StatusNotifier host on the bus, whatever the desktop (KDE, GNOME with the extension...)', () => {
    for (const desktop of ['KDE', 'GNOME', 'ubuntu:GNOME', 'sway']) {
      expect(linux('host', { XDG_CURRENT_DESKTOP: desktop, XDG_SESSION_TYPE: 'wayland' })).toEqual({ kind: 'shown' });
    }
  });

  it('not on GNOME without one, on X11 or Wayland (GNOME Shell has no XEmbed tray either)', () => {
    for (const state of ['no-watcher', 'no-host'] as const) {
      for (const session of ['x11', 'wayland']) {
        expect(linux(state, { XDG_CURRENT_DESKTOP: 'GNOME', XDG_SESSION_TYPE: session })).toEqual({
          kind: 'missing',
          reason: 'gnome-without-extension',
          desktop: 'GNOME',
        });
      }
    }
  });

  it('not on another Wayland desktop without one; on an X11 panel (XEmbed: XFCE, MATE) it is shown', () => {
    expect(linux('no-watcher', { XDG_CURRENT_DESKTOP: 'sway', XDG_SESSION_TYPE: 'wayland' })).toEqual({
      kind: 'missing',
      reason: 'no-status-notifier',
      desktop: 'sway',
    });
    expect(linux('no-watcher', { XDG_CURRENT_DESKTOP: 'Hyprland', WAYLAND_DISPLAY: 'wayland-1' })).toMatchObject({
      kind: 'missing',
    });
    expect(linux('no-watcher', { XDG_CURRENT_DESKTOP: 'XFCE', XDG_SESSION_TYPE: 'x11' })).toEqual({ kind: 'shown' });
    expect(
      linux('no-watcher', { XDG_CURRENT_DESKTOP: 'MATE', XDG_SESSION_TYPE: 'x11', WAYLAND_DISPLAY: 'wayland-0' }),
    ).toEqual({ kind: 'shown' });
  });

  it('with no bus to ask: only plain GNOME is taken as missing (Ubuntu and Pop!_OS ship the extension on)', () => {
    expect(linux('unknown', { XDG_CURRENT_DESKTOP: 'GNOME' })).toMatchObject({ kind: 'missing' });
    expect(linux('unknown', { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' })).toEqual({ kind: 'shown' });
    expect(linux('unknown', { XDG_CURRENT_DESKTOP: 'pop:GNOME' })).toEqual({ kind: 'shown' });
    expect(linux('unknown', { XDG_CURRENT_DESKTOP: 'KDE' })).toEqual({ kind: 'shown' });
    // A test machine or a kiosk without a desktop session: nothing to tell the agent.
    expect(linux('unknown', {})).toEqual({ kind: 'shown' });
  });

  it('names the desktop printably and briefly (it comes from the environment)', () => {
    expect(desktopName({ XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' })).toBe('ubuntu:GNOME');
    expect(desktopName({ DESKTOP_SESSION: 'plasma' })).toBe('plasma');
    expect(desktopName({ XDG_CURRENT_DESKTOP: '<script>x</script>' + 'A'.repeat(100) })).toMatch(/^scriptxscriptA+$/);
    expect(desktopName({ XDG_CURRENT_DESKTOP: 'A'.repeat(100) })).toHaveLength(60);
    expect(desktopName({})).toBe('');
  });
});

describe('the session bus address', () => {
  it('reads unix:path= and unix:abstract= (the first usable of several), unescaping %XX', () => {
    expect(sessionBusSocket({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' })).toBe('/run/user/1000/bus');
    expect(sessionBusSocket({ DBUS_SESSION_BUS_ADDRESS: 'unix:abstract=/tmp/dbus-Xy,guid=0123' })).toBe(
      '\0/tmp/dbus-Xy',
    );
    expect(sessionBusSocket({ DBUS_SESSION_BUS_ADDRESS: 'tcp:host=localhost,port=1;unix:path=/tmp/a%20b' })).toBe(
      '/tmp/a b',
    );
    expect(sessionBusSocket({ DBUS_SESSION_BUS_ADDRESS: 'tcp:host=localhost,port=1' })).toBeUndefined();
  });

  it("falls back to systemd's $XDG_RUNTIME_DIR/bus when it exists, else there is none", () => {
    const runtime = mkdtempSync(join(tmpdir(), 'antring-runtime-'));
    try {
      expect(sessionBusSocket({ XDG_RUNTIME_DIR: runtime })).toBeUndefined();
      writeFileSync(join(runtime, 'bus'), '');
      expect(sessionBusSocket({ XDG_RUNTIME_DIR: runtime })).toBe(join(runtime, 'bus'));
      expect(sessionBusSocket({})).toBeUndefined();
    } finally {
      rmSync(runtime, { recursive: true, force: true });
    }
  });
});
