import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Serves the SIP caller page on a loopback port of its own (a second origin next to the web
 * host): JsSIP and the page script are bundled for the browser with esbuild into a temp folder.
 */

export interface SipCallerServer {
  /** The page's address, e.g. http://127.0.0.1:41234/ */
  readonly url: string;
  close(): Promise<void>;
}

const here = import.meta.dirname;

export async function startSipCallerServer(): Promise<SipCallerServer> {
  const dir = await mkdtemp(join(tmpdir(), 'antring-sip-caller-'));
  const outfile = join(dir, 'caller.js');
  await build({
    entryPoints: [join(here, 'caller.ts')],
    outfile,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    logLevel: 'silent',
  });
  const files: Record<string, { type: string; body: Buffer }> = {
    '/': { type: 'text/html; charset=utf-8', body: await readFile(join(here, 'index.html')) },
    '/caller.js': { type: 'text/javascript; charset=utf-8', body: await readFile(outfile) },
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://caller.invalid').pathname];
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store' });
    res.end(file.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
