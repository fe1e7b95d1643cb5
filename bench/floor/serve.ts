import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * Serves the floor pages (bare JsSIP phone, bare WebSocket page) on a loopback port, with a
 * WebSocket at /ws the bench pushes frames through. JsSIP has no browser bundle: esbuild builds one.
 */

export interface FloorServer {
  readonly origin: string;
  /** ws://127.0.0.1:<port>/ws */
  readonly wsUrl: string;
  /** Sends one frame to every page connected to /ws; returns how many got it. */
  broadcast(frame: object): number;
  readonly connections: number;
  close(): Promise<void>;
}

const here = import.meta.dirname;

export async function startFloorServer(): Promise<FloorServer> {
  const dir = await mkdtemp(join(tmpdir(), 'antring-bench-floor-'));
  await build({
    entryPoints: [join(here, 'bare-phone.ts'), join(here, 'bare-signal.ts')],
    outdir: dir,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    minify: true,
    logLevel: 'silent',
  });
  const page = async (html: string, script: string) => ({
    html: await readFile(join(here, html)),
    script: await readFile(join(dir, script)),
  });
  const phone = await page('bare-phone.html', 'bare-phone.js');
  const signal = await page('bare-signal.html', 'bare-signal.js');
  const files: Record<string, { type: string; body: Buffer }> = {
    '/phone': { type: 'text/html; charset=utf-8', body: phone.html },
    '/bare-phone.js': { type: 'text/javascript; charset=utf-8', body: phone.script },
    '/signal': { type: 'text/html; charset=utf-8', body: signal.html },
    '/bare-signal.js': { type: 'text/javascript; charset=utf-8', body: signal.script },
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://floor.invalid').pathname];
    res.writeHead(file ? 200 : 404, { 'Content-Type': file?.type ?? 'text/plain', 'Cache-Control': 'no-store' });
    res.end(file?.body ?? 'Not found');
  });
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ server, path: '/ws' });
  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    broadcast(frame) {
      const text = JSON.stringify(frame);
      for (const socket of sockets) socket.send(text);
      return sockets.size;
    },
    get connections() {
      return sockets.size;
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
