import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  registerAppProtocol,
  type AppRequest,
} from '../../../src/main/shell/app-protocol';
import { APP_INDEX_URL } from '../../../src/main/shell/app-url';

/**
 * The app:// protocol serves the built renderer, and only it: tested against a real renderer
 * folder on disk, with a secret next to it that no request may read.
 */

let scratch: string;
let rendererDir: string;
let handle: (request: AppRequest) => Promise<Response>;

const SECRET = 'settings-secret-4f1c';
const INDEX = '<!doctype html><html><head><title>AntRing</title></head><body></body></html>';

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'antring-app-protocol-'));
  rendererDir = join(scratch, 'renderer');
  mkdirSync(join(rendererDir, 'assets', 'nested'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX);
  writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'export const x = 1;');
  writeFileSync(join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(rendererDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(rendererDir, 'assets', 'ring.wav'), Buffer.from('RIFF0000WAVE'));
  // Next to the renderer, as the data folder or another app's files could be.
  writeFileSync(join(scratch, 'settings.json'), JSON.stringify({ secret: SECRET }));
  mkdirSync(join(scratch, 'elsewhere'));
  writeFileSync(join(scratch, 'elsewhere', 'secret.txt'), SECRET);
  // Links inside the renderer folder that lead out of it.
  symlinkSync(join(scratch, 'settings.json'), join(rendererDir, 'assets', 'linked.json'));
  symlinkSync(join(scratch, 'elsewhere'), join(rendererDir, 'assets', 'linked-dir'));
  // A link that stays inside is fine.
  symlinkSync(join(rendererDir, 'assets', 'index-abc.css'), join(rendererDir, 'assets', 'alias.css'));
  handle = createAppProtocolHandler(rendererDir);
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const get = (url: string, extra: Partial<AppRequest> = {}) => handle({ url, method: 'GET', ...extra });

describe('the app:// scheme', () => {
  it('is registered as a standard, secure scheme that can fetch and stream, and no more', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    });
  });

  it('is handled by the renderer-folder handler', async () => {
    const registered: { scheme: string; handler: (request: Request) => Response | Promise<Response> }[] = [];
    registerAppProtocol({ handle: (scheme, handler) => void registered.push({ scheme, handler }) }, rendererDir);
    expect(registered.map((r) => r.scheme)).toEqual(['app']);
    const response = await registered[0]?.handler(new Request(APP_INDEX_URL));
    expect(response?.status).toBe(200);
    expect(await response?.text()).toBe(INDEX);
  });
});

describe('the app:// handler', () => {
  it('serves index.html with its type and the production CSP header, the same policy as the meta tag', async () => {
    const response = await get(APP_INDEX_URL);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(INDEX);
    const html = readFileSync(new URL('../../../src/renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    expect(response.headers.get('content-security-policy')).toBe(`${meta}; frame-ancestors 'none'`);
  });

  it('serves assets with their content types, and the CSP header on every response', async () => {
    const cases: [string, string][] = [
      ['app://antring/assets/index-abc.js', 'text/javascript; charset=utf-8'],
      ['app://antring/assets/index-abc.css', 'text/css; charset=utf-8'],
      ['app://antring/favicon.svg', 'image/svg+xml'],
      ['app://antring/assets/ring.wav', 'audio/wav'],
      ['app://antring/assets/alias.css', 'text/css; charset=utf-8'],
    ];
    for (const [url, type] of cases) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toBe(type);
      expect(response.headers.get('content-security-policy'), url).toContain("default-src 'self'");
    }
    const missing = await get('app://antring/assets/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('ignores the query and the hash route (the popup loads the same page)', async () => {
    expect((await get(`${APP_INDEX_URL}#/popup`)).status).toBe(200);
    expect((await get(`${APP_INDEX_URL}?v=2`)).status).toBe(200);
  });

  it('refuses every way out of the renderer folder', async () => {
    for (const url of [
      'app://antring/../settings.json',
      'app://antring/%2e%2e/settings.json',
      'app://antring/assets/%2e%2e/%2e%2e/settings.json',
      'app://antring/assets/..%2f..%2fsettings.json',
      'app://antring/assets%2f..%2f..%2fsettings.json',
      'app://antring/assets/%2E%2E%2F%2E%2E%2Fsettings.json',
      'app://antring/..%5csettings.json',
      'app://antring/assets\\..\\..\\settings.json',
      'app://antring/index.html%00.js',
      'app://antring/%E0%A4%A',
      `app://antring/${encodeURIComponent(join(scratch, 'settings.json'))}`,
      'app://antring//etc/passwd',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain(SECRET);
    }
  });

  it('refuses links that lead out of the renderer folder', async () => {
    for (const url of ['app://antring/assets/linked.json', 'app://antring/assets/linked-dir/secret.txt']) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain(SECRET);
    }
  });

  it('refuses directories', async () => {
    for (const url of ['app://antring/', 'app://antring', 'app://antring/assets', 'app://antring/assets/nested/']) {
      expect((await get(url)).status, url).toBe(404);
    }
  });

  it('refuses any host but antring, ports and credentials', async () => {
    for (const url of [
      'app://evil/index.html',
      'app://antring.evil/index.html',
      'app:///index.html',
      'app://antring:8080/index.html',
      'app://user:pass@antring/index.html',
      'file:///index.html',
      'not a url',
    ]) {
      expect((await get(url)).status, url).toBe(404);
    }
  });

  it('refuses requests another origin started, and methods other than GET and HEAD', async () => {
    expect((await get(APP_INDEX_URL, { initiatorOrigin: 'https://evil.example' })).status).toBe(403);
    expect((await get(APP_INDEX_URL, { initiatorOrigin: 'null' })).status).toBe(403);
    expect((await get(APP_INDEX_URL, { initiatorOrigin: 'app://antring' })).status).toBe(200);
    expect((await handle({ url: APP_INDEX_URL, method: 'POST' })).status).toBe(405);
    const head = await handle({ url: APP_INDEX_URL, method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
