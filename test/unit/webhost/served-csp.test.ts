import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HostFrameSchema } from '../../../src/webhost/bridge-protocol';
import { startWebHost, type WebHost } from '../../../src/webhost/start';

/**
 * The web host's Content-Security-Policy, as served: it names the loopback servers the
 * settings point at right now, and nothing wider.
 */

const API_PORT = 41234;
const SIP_PORT = 5066;

let scratch: string;
let sandboxLike: WebHost;
let plain: WebHost;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'antring-webhost-csp-'));
  const rendererDir = join(scratch, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="' +
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob: https:; connect-src 'self' wss: https:; object-src 'none'; base-uri 'none'; form-action 'none'" +
      '" /><script type="module" src="./app.js"></script></head><body></body></html>',
  );
  writeFileSync(join(rendererDir, 'app.js'), 'export {};');
  const start = async (name: string, env: Record<string, string>): Promise<WebHost> => {
    const started = await startWebHost({
      rendererDir,
      env: { ANTRING_DATA_DIR: join(scratch, name), LANG: 'en_US.UTF-8', ...env },
    });
    if (!started.ok) throw new Error(started.error.message);
    return started.value;
  };
  sandboxLike = await start('sandbox-like', {
    ANTRING_API_URL: `http://127.0.0.1:${API_PORT}`,
    ANTRING_SIP_WS_URL: `ws://127.0.0.1:${SIP_PORT}`,
  });
  plain = await start('plain', {});
});

afterAll(async () => {
  await sandboxLike?.close();
  await plain?.close();
  rmSync(scratch, { recursive: true, force: true });
});

function getPage(host: WebHost): Promise<{ status: number; csp: string; meta: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path: '/' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          csp: String(res.headers['content-security-policy']),
          meta: /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(body)?.[1],
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const directive = (policy: string, name: string): string | undefined =>
  policy
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name} `));

describe('the web host page policy', () => {
  it('allows exactly the configured SIP websocket and API origins, with no loopback wildcard', async () => {
    const page = await getPage(sandboxLike);
    expect(page.status).toBe(200);
    expect(directive(page.csp, 'connect-src')).toBe(
      `connect-src 'self' wss: https: ws://127.0.0.1:${SIP_PORT} http://127.0.0.1:${API_PORT}`,
    );
    expect(directive(page.csp, 'media-src')).toBe(`media-src 'self' blob: https: http://127.0.0.1:${API_PORT}`);
    expect(page.csp).not.toContain('*');
    // The meta tag says the same (minus frame-ancestors, which only a header can carry).
    expect(page.meta).toBe(page.csp.replace("; frame-ancestors 'none'", ''));
  });

  it('adds no loopback source at all when the settings name none', async () => {
    const page = await getPage(plain);
    expect(page.csp).not.toContain('127.0.0.1');
    expect(page.meta).not.toContain('127.0.0.1');
    expect(directive(page.csp, 'connect-src')).toBe("connect-src 'self' wss: https:");
  });

  it('follows the settings as they are when the page is requested', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${plain.port}/bridge?token=${plain.token}`, { origin: plain.origin });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const saved = new Promise<unknown>((resolve) => {
      socket.on('message', (data: WebSocket.RawData) => {
        const frame = HostFrameSchema.parse(JSON.parse(data.toString()));
        if (frame.kind === 'response' && frame.id === 1) resolve(frame.result);
      });
    });
    socket.send(
      JSON.stringify({ kind: 'request', id: 1, name: 'saveSettings', input: { sipWsUrl: 'ws://127.0.0.1:5999' } }),
    );
    expect(await saved).toMatchObject({ ok: true });
    socket.close();
    const page = await getPage(plain);
    expect(directive(page.csp, 'connect-src')).toBe("connect-src 'self' wss: https: ws://127.0.0.1:5999");
  });
});

describe('the address the web host prints', () => {
  it('carries the token in the fragment, which no server log or history entry ever sees', () => {
    expect(plain.url).toBe(`${plain.origin}/#token=${plain.token}`);
    expect(new URL(plain.url).search).toBe('');
  });
});
