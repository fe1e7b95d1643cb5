import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectTrayAvailability, probeStatusNotifier } from '../../../src/main/shell/tray-availability';
import { connectBus, type DbusConnection } from '../../../src/main/shell/tray-dbus';

/**
 * The StatusNotifier probe against a real dbus-daemon on a private bus: no watcher, then a
 * watcher (played by this test over the same small client, checked with gdbus where it exists)
 * with and without a host, and sockets that are not a bus at all.
 */

const hasDaemon = spawnSync('dbus-daemon', ['--version']).status === 0;
const hasGdbus = spawnSync('gdbus', ['help']).status === 0;
if (!hasDaemon) console.log('StatusNotifier probe tests skipped: no dbus-daemon (apt-get install dbus-daemon)');

const uid = process.getuid?.() ?? 0;
const WATCHER = 'org.kde.StatusNotifierWatcher';

describe.skipIf(!hasDaemon)('probing the session bus for a StatusNotifier host', () => {
  let dir: string;
  let daemon: ChildProcess;
  let address: string;
  let socketPath: string;
  let watcher: DbusConnection | undefined;
  let hostRegistered = true;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'antring-dbus-'));
    socketPath = join(dir, 'bus');
    const config = join(dir, 'bus.conf');
    writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${socketPath}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`,
    );
    daemon = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--print-address=1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Its complaints (it cannot raise the fd limit in a container) only matter if it dies.
    let complaints = '';
    daemon.stderr?.setEncoding('utf8').on('data', (chunk: string) => (complaints += chunk));
    address = await new Promise<string>((resolve, reject) => {
      let out = '';
      daemon.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('\n')) resolve(out.trim());
      });
      daemon.once('exit', (code) => reject(new Error(`dbus-daemon exited (${code}): ${complaints}`)));
    });
  });

  afterAll(() => {
    watcher?.close();
    daemon?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const env = (): NodeJS.ProcessEnv => ({ DBUS_SESSION_BUS_ADDRESS: address, XDG_CURRENT_DESKTOP: 'GNOME' });

  it('finds no watcher on a bus without one, and GNOME then shows no tray', async () => {
    expect(address).toContain(socketPath);
    expect(await probeStatusNotifier(env(), uid)).toBe('no-watcher');
    expect(await detectTrayAvailability('linux', env(), uid)).toEqual({
      kind: 'missing',
      reason: 'gnome-without-extension',
      desktop: 'GNOME',
    });
  });

  it('finds a watcher with a host, and a watcher without one', async () => {
    watcher = await connectBus(socketPath, uid);
    watcher.serve((call) =>
      call.interface === 'org.freedesktop.DBus.Properties' &&
      call.member === 'Get' &&
      call.values[0] === WATCHER &&
      call.values[1] === 'IsStatusNotifierHostRegistered'
        ? [{ type: 'v', value: { type: 'b', value: hostRegistered } }]
        : undefined,
    );
    const owned = await watcher.call({
      destination: 'org.freedesktop.DBus',
      path: '/org/freedesktop/DBus',
      interface: 'org.freedesktop.DBus',
      member: 'RequestName',
      args: [
        { type: 's', value: WATCHER },
        { type: 'u', value: 4 },
      ],
    });
    // 1: DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER.
    expect(owned).toEqual({ kind: 'return', values: [1] });
    if (hasGdbus) {
      // An independent client reads the same answer: the stand-in watcher speaks real D-Bus.
      // Not spawnSync: the watcher answering it lives in this process's event loop.
      const gdbus = await new Promise<string>((resolve, reject) =>
        execFile(
          'gdbus',
          [
            'call',
            '--session',
            '--dest',
            WATCHER,
            '--object-path',
            '/StatusNotifierWatcher',
            '--method',
            'org.freedesktop.DBus.Properties.Get',
            WATCHER,
            'IsStatusNotifierHostRegistered',
          ],
          { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: address }, encoding: 'utf8' },
          (error, stdout) => (error ? reject(error) : resolve(stdout)),
        ),
      );
      expect(gdbus.trim()).toBe('(<true>,)');
    }

    expect(await probeStatusNotifier(env(), uid)).toBe('host');
    expect(await detectTrayAvailability('linux', env(), uid)).toEqual({ kind: 'shown' });
    hostRegistered = false;
    expect(await probeStatusNotifier(env(), uid)).toBe('no-host');
  });

  describe('sockets that are not a session bus', () => {
    let server: Server;
    let silentPath: string;
    let rejectingPath: string;
    const sockets = new Set<import('node:net').Socket>();
    beforeAll(async () => {
      silentPath = join(dir, 'silent');
      rejectingPath = join(dir, 'rejecting');
      server = createServer((socket) => sockets.add(socket));
      await new Promise<void>((resolve) => server.listen(silentPath, resolve));
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('a socket that never answers is unknown once the probe gives up', async () => {
      expect(await probeStatusNotifier({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${silentPath}` }, uid, 300)).toBe(
        'unknown',
      );
    });

    it('a bus that refuses us, and a socket that is not there, are unknown', async () => {
      // resume(): it reads what the client sends, so the client's close reaches it and close() can finish.
      const refusing = createServer((socket) => socket.resume().end('REJECTED EXTERNAL\r\n'));
      await new Promise<void>((resolve) => refusing.listen(rejectingPath, resolve));
      try {
        expect(await probeStatusNotifier({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${rejectingPath}` }, uid)).toBe(
          'unknown',
        );
      } finally {
        await new Promise<void>((resolve) => refusing.close(() => resolve()));
      }
      expect(await probeStatusNotifier({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'none')}` }, uid)).toBe(
        'unknown',
      );
    });
  });
});
