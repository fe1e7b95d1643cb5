import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HostFrameSchema, type HostFrame } from '../../../src/webhost/bridge-protocol';
import { startWebHost, type WebHost } from '../../../src/webhost/start';

let host: WebHost;
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'antring-webhost-'));
  const rendererDir = join(scratch, 'renderer');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><title>t</title><script type="module" src="./assets/app.js"></script></head><body></body></html>',
  );
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(rendererDir, 'assets', 'app.css'), 'body{}');
  // A link in the renderer folder that leads out of it.
  writeFileSync(join(scratch, 'outside.txt'), 'not for the page');
  symlinkSync(join(scratch, 'outside.txt'), join(rendererDir, 'assets', 'outside.txt'));
  const started = await startWebHost({
    rendererDir,
    env: { ANTRING_DATA_DIR: join(scratch, 'data'), ANTRING_DOMAIN: 'acme.antbuddy.vn', LANG: 'en_US.UTF-8' },
  });
  if (!started.ok) throw new Error(started.error.message);
  host = started.value;
});

afterAll(async () => {
  await host?.close();
  rmSync(scratch, { recursive: true, force: true });
});

function bridgeUrl(token: string): string {
  return `ws://127.0.0.1:${host.port}/bridge?token=${encodeURIComponent(token)}`;
}

/** Opens a socket and reports either 'open' or the HTTP refusal (status and JSON body). */
function connect(
  token: string,
  origin: string,
): Promise<{ kind: 'open'; socket: WebSocket } | { kind: 'refused'; status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(bridgeUrl(token), { origin });
    socket.once('open', () => resolve({ kind: 'open', socket }));
    socket.once('unexpected-response', (_req, res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ kind: 'refused', status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    });
    socket.once('error', reject);
  });
}

async function openBridge(): Promise<WebSocket> {
  const result = await connect(host.token, host.origin);
  if (result.kind !== 'open') throw new Error(`bridge refused: ${result.status}`);
  return result.socket;
}

function nextFrame(socket: WebSocket, predicate: (frame: HostFrame) => boolean = () => true): Promise<HostFrame> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const frame = HostFrameSchema.parse(JSON.parse(data.toString()));
      if (!predicate(frame)) return;
      socket.off('message', onMessage);
      resolve(frame);
    };
    socket.on('message', onMessage);
  });
}

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web host bridge: who may connect', () => {
  it('refuses a wrong token with a typed 401', async () => {
    const result = await connect('not-the-token', host.origin);
    expect(result).toMatchObject({
      kind: 'refused',
      status: 401,
      body: { ok: false, error: { code: 'forbidden_sender' } },
    });
  });

  it('refuses a missing token', async () => {
    const result = await connect('', host.origin);
    expect(result).toMatchObject({ kind: 'refused', status: 401 });
  });

  it('refuses a foreign Origin even with the right token', async () => {
    const result = await connect(host.token, 'http://evil.example');
    expect(result).toMatchObject({
      kind: 'refused',
      status: 403,
      body: { ok: false, error: { code: 'forbidden_sender' } },
    });
  });

  it('refuses localhost as an Origin: only the exact origin the host printed counts', async () => {
    const result = await connect(host.token, `http://localhost:${host.port}`);
    expect(result).toMatchObject({ kind: 'refused', status: 403 });
  });

  it('accepts its own page with the token', async () => {
    const socket = await openBridge();
    socket.close();
  });
});

describe('web host bridge: frames', () => {
  let socket: WebSocket;
  beforeAll(async () => {
    socket = await openBridge();
  });
  afterAll(() => socket.close());

  it('answers a non-JSON frame with a typed error and keeps serving', async () => {
    const reply = nextFrame(socket);
    socket.send('this is {not json');
    expect(await reply).toMatchObject({
      kind: 'response',
      id: null,
      result: { ok: false, error: { code: 'invalid_input' } },
    });

    const info = nextFrame(socket);
    socket.send(JSON.stringify({ kind: 'request', id: 1, name: 'getAppInfo' }));
    expect(await info).toMatchObject({
      kind: 'response',
      id: 1,
      result: { ok: true, value: { host: 'web', name: 'AntRing Companion' } },
    });
  });

  it('answers a frame of the wrong shape, keeping its id so the caller settles', async () => {
    const reply = nextFrame(socket);
    socket.send(JSON.stringify({ kind: 'request', id: 7, name: 42 }));
    expect(await reply).toMatchObject({
      kind: 'response',
      id: 7,
      result: { ok: false, error: { code: 'invalid_input' } },
    });
  });

  it('answers an unknown request name with unknown_channel', async () => {
    const reply = nextFrame(socket);
    socket.send(JSON.stringify({ kind: 'request', id: 8, name: 'deleteEverything' }));
    expect(await reply).toMatchObject({ id: 8, result: { ok: false, error: { code: 'unknown_channel' } } });
  });

  it('answers an invalid payload with invalid_input naming the field, and stores nothing', async () => {
    const reply = nextFrame(socket);
    socket.send(JSON.stringify({ kind: 'request', id: 9, name: 'saveSettings', input: { apiBaseUrl: 'ftp://nope' } }));
    expect(await reply).toMatchObject({
      id: 9,
      result: { ok: false, error: { code: 'invalid_input', field: 'apiBaseUrl' } },
    });

    const settings = nextFrame(socket);
    socket.send(JSON.stringify({ kind: 'request', id: 10, name: 'getSettings' }));
    expect(await settings).toMatchObject({
      id: 10,
      result: { ok: true, value: { values: { apiBaseUrl: 'https://openapi.antbuddy.com' } } },
    });
  });

  it('reports env-locked settings and pushes settingsChanged to every socket after a save', async () => {
    const other = await openBridge();
    const pushed = nextFrame(other, (frame) => frame.kind === 'event');
    const reply = nextFrame(socket, (frame) => frame.kind === 'response');
    socket.send(
      JSON.stringify({ kind: 'request', id: 11, name: 'saveSettings', input: { displayName: 'Lan Nguyễn' } }),
    );
    expect(await reply).toMatchObject({
      id: 11,
      result: {
        ok: true,
        value: {
          values: { displayName: 'Lan Nguyễn', companyDomain: 'acme.antbuddy.vn' },
          sources: { companyDomain: 'env' },
        },
      },
    });
    expect(await pushed).toMatchObject({
      kind: 'event',
      name: 'settingsChanged',
      payload: { values: { displayName: 'Lan Nguyễn' } },
    });
    other.close();
  });
});

describe('web host HTTP', () => {
  it('serves index.html with the bridge script before the app script, and the CSP header', async () => {
    const page = await get('/', { host: `127.0.0.1:${host.port}` });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.body.indexOf('<script src="/webhost-bridge.js"></script>')).toBeGreaterThan(-1);
    expect(page.body.indexOf('/webhost-bridge.js')).toBeLessThan(page.body.indexOf('./assets/app.js'));
  });

  it('serves the bundled bridge script and assets with their content types', async () => {
    const script = await get('/webhost-bridge.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain('antring');
    expect((await get('/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('does not serve files outside the renderer folder', async () => {
    expect((await get('/../data/settings.json')).status).toBe(404);
    expect((await get('/%2e%2e/data/settings.json')).status).toBe(404);
    expect((await get('/assets/%2e%2e%2f..%2fdata%2fsettings.json')).status).toBe(404);
    expect((await get('/assets/outside.txt')).status).toBe(404);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect((await get('/', { host: `attacker.example:${host.port}` })).status).toBe(421);
  });

  it('answers a request target that is not a URL with 400, on plain and upgrade requests, and keeps serving', async () => {
    const raw = (head: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const socket = connectTcp(host.port, '127.0.0.1', () => socket.write(head));
        let text = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (text += chunk));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
        socket.setTimeout(5_000, () => socket.destroy(new Error('no answer')));
      });
    const hostHeader = `127.0.0.1:${host.port}`;
    expect(await raw(`GET http://[ HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`)).toMatch(
      /^HTTP\/1\.1 400/,
    );
    expect(
      await raw(
        `GET http://[ HTTP/1.1\r\nHost: ${hostHeader}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      ),
    ).toMatch(/^HTTP\/1\.1 404/);
    expect((await get('/')).status).toBe(200);
  });
});
