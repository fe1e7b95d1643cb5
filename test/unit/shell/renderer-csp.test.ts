import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DemoSession } from '../../../src/main/services/demo';
import { createAppProtocolHandler } from '../../../src/main/shell/app-protocol';
import { APP_INDEX_URL, resolveAppUrl } from '../../../src/main/shell/app-url';
import {
  demoKamailioOrigin,
  demoRecordingsOrigin,
  demoSipPolicyFor,
  PRODUCTION_RENDERER_CSP,
  rendererCspFor,
  type RendererCsp,
} from '../../../src/main/shell/renderer-csp';
import { contentSecurityPolicyListener, installSessionSecurity } from '../../../src/main/shell/security';
import {
  APP_CONTENT_SECURITY_POLICY,
  APP_HEADER_CONTENT_SECURITY_POLICY,
} from '../../../src/shared/content-security-policy';

/**
 * Which Content-Security-Policy the Electron renderer gets: the production one, unless this
 * process started the demo sandbox itself and it runs Kamailio; then connect-src also names
 * exactly that Kamailio's ws://127.0.0.1:<port>, in the header AND in index.html's meta tag
 * (the page obeys both, so either one alone would still block the phone).
 */

const PRODUCTION_CONNECT = "connect-src 'self' wss: https:";

/** The part of a DemoSession the policy reads, as startDemoSession builds it (the API left out unless given). */
function demo(sip: DemoSession['sip'], sipWsUrl?: string, apiUrl?: string): Pick<DemoSession, 'sip' | 'env'> {
  return { sip, env: { ANTRING_API_URL: apiUrl, ANTRING_SIP_WS_URL: sipWsUrl } };
}
const PRODUCTION_MEDIA = "media-src 'self' blob: https:";
const withSip = (sipWsUrl: string) => demo({ kind: 'withSip' }, sipWsUrl);

/** Directive name → sources, for comparing policies directive by directive. */
function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources.join(' ')];
    }),
  );
}

describe('the renderer policy decision', () => {
  it('a real session (no demo started here) gets the production policy, with no ws: anywhere', () => {
    const csp = rendererCspFor(undefined);
    expect(csp).toEqual(PRODUCTION_RENDERER_CSP);
    expect(csp.kind).toBe('production');
    expect(csp.meta).toBe(APP_CONTENT_SECURITY_POLICY);
    expect(csp.header).toBe(APP_HEADER_CONTENT_SECURITY_POLICY);
    expect(csp.header).not.toMatch(/\bws:/);
  });

  it('a demo session with Kamailio adds exactly its origin to connect-src, and changes nothing else', () => {
    const csp = rendererCspFor(withSip('ws://127.0.0.1:5066'));
    expect(csp).toMatchObject({ kind: 'demo', sipOrigin: 'ws://127.0.0.1:5066' });
    expect(csp.meta).toContain(`${PRODUCTION_CONNECT} ws://127.0.0.1:5066;`);
    expect(csp.header).toBe(`${csp.meta}; frame-ancestors 'none'`);
    const demoDirectives = directives(csp.header);
    const production = directives(APP_HEADER_CONTENT_SECURITY_POLICY);
    expect([...demoDirectives.keys()]).toEqual([...production.keys()]);
    for (const [name, sources] of production) {
      const expected = name === 'connect-src' ? `${sources} ws://127.0.0.1:5066` : sources;
      expect(demoDirectives.get(name), name).toBe(expected);
    }
    // One plain-websocket source in the whole policy: the demo's Kamailio.
    expect(csp.header.match(/\bws:\/\/[^\s;]+/g)).toEqual(['ws://127.0.0.1:5066']);
  });

  it('the path JsSIP connects to does not matter: the source is the origin only', () => {
    expect(rendererCspFor(withSip('ws://127.0.0.1:40123/ws')).header).toContain(' ws://127.0.0.1:40123;');
  });

  it('a demo without SIP (no Kamailio, or it failed) adds nothing, whatever the environment says', () => {
    for (const reason of ['kamailio-not-installed', 'kamailio-failed', 'platform-phone-failed'] as const) {
      expect(rendererCspFor(demo({ kind: 'withoutSip', reason }, 'ws://127.0.0.1:5066'))).toEqual(
        PRODUCTION_RENDERER_CSP,
      );
    }
    expect(rendererCspFor(demo({ kind: 'withSip' }))).toEqual(PRODUCTION_RENDERER_CSP);
  });

  it('a bad port adds nothing', () => {
    for (const url of [
      'ws://127.0.0.1',
      'ws://127.0.0.1:',
      'ws://127.0.0.1:0',
      'ws://127.0.0.1:65536',
      'ws://127.0.0.1:99999',
      'ws://127.0.0.1:123456',
      'ws://127.0.0.1:50a6',
      'ws://127.0.0.1:-1',
      'ws://127.0.0.1:5066 https:',
      "ws://127.0.0.1:5066; script-src 'unsafe-inline'",
      'ws://127.0.0.1:5066,ws://evil.example:1',
    ]) {
      expect(demoKamailioOrigin(url), url).toBeUndefined();
      expect(rendererCspFor(withSip(url)), url).toEqual(PRODUCTION_RENDERER_CSP);
    }
  });

  it('anything but plain ws:// on 127.0.0.1 itself adds nothing', () => {
    for (const url of [
      'wss://127.0.0.1:5066',
      'http://127.0.0.1:5066',
      'ws://localhost:5066',
      'ws://127.0.0.2:5066',
      'ws://[::1]:5066',
      'ws://0.0.0.0:5066',
      'ws://sip.example.com:5066',
      'ws://127.0.0.1.evil.example:5066',
      'ws://user:pass@127.0.0.1:5066',
      'ws://127.0.0.1:5066?x=1',
      ' ws://127.0.0.1:5066',
      '',
    ]) {
      expect(demoKamailioOrigin(url), url).toBeUndefined();
    }
    for (const raw of [undefined, null, 5066, { port: 5066 }]) expect(demoKamailioOrigin(raw)).toBeUndefined();
  });

  it('names the port canonically', () => {
    expect(demoKamailioOrigin('ws://127.0.0.1:65535')).toBe('ws://127.0.0.1:65535');
    expect(demoKamailioOrigin('ws://127.0.0.1:1')).toBe('ws://127.0.0.1:1');
  });
});

describe('the demo recordings (played from the demo sandbox, plain http on loopback)', () => {
  it('a demo adds exactly its API origin to media-src, with or without SIP, and changes nothing else', () => {
    const withoutSip = rendererCspFor(
      demo({ kind: 'withoutSip', reason: 'kamailio-not-installed' }, undefined, 'http://127.0.0.1:40001'),
    );
    expect(withoutSip).toMatchObject({ kind: 'demo', recordingsOrigin: 'http://127.0.0.1:40001' });
    expect(withoutSip).not.toHaveProperty('sipOrigin');
    const production = directives(APP_HEADER_CONTENT_SECURITY_POLICY);
    const got = directives(withoutSip.header);
    expect([...got.keys()]).toEqual([...production.keys()]);
    for (const [name, sources] of production) {
      expect(got.get(name), name).toBe(name === 'media-src' ? `${sources} http://127.0.0.1:40001` : sources);
    }
    expect(withoutSip.meta).toContain(`${PRODUCTION_MEDIA} http://127.0.0.1:40001;`);

    const both = rendererCspFor(demo({ kind: 'withSip' }, 'ws://127.0.0.1:5066', 'http://127.0.0.1:40001/oapi'));
    expect(both).toMatchObject({
      kind: 'demo',
      sipOrigin: 'ws://127.0.0.1:5066',
      recordingsOrigin: 'http://127.0.0.1:40001',
    });
    expect(both.header).toContain(`${PRODUCTION_MEDIA} http://127.0.0.1:40001;`);
    expect(both.header).toContain(`${PRODUCTION_CONNECT} ws://127.0.0.1:5066;`);
    // The recordings origin is media only: the page never calls the API itself (main does).
    expect(directives(both.header).get('connect-src')).not.toContain('http://127.0.0.1');
  });

  it('anything but plain http:// on 127.0.0.1 with a real port adds nothing', () => {
    for (const url of [
      'https://127.0.0.1:40001',
      'http://localhost:40001',
      'http://127.0.0.2:40001',
      'http://[::1]:40001',
      'http://api.example.com:40001',
      'http://user:pass@127.0.0.1:40001',
      'http://127.0.0.1:40001?x=1',
      'http://127.0.0.1:0',
      'http://127.0.0.1:65536',
      'http://127.0.0.1',
      "http://127.0.0.1:40001; script-src 'unsafe-inline'",
      ' http://127.0.0.1:40001',
      '',
    ]) {
      expect(demoRecordingsOrigin(url), url).toBeUndefined();
      expect(rendererCspFor(demo({ kind: 'withoutSip', reason: 'kamailio-failed' }, undefined, url)), url).toEqual(
        PRODUCTION_RENDERER_CSP,
      );
    }
    for (const raw of [undefined, null, 40001]) expect(demoRecordingsOrigin(raw)).toBeUndefined();
  });
});

describe('whether the demo gets its Kamailio', () => {
  it('yes when the page comes from app:// (whose meta tag the handler rewrites)', () => {
    expect(demoSipPolicyFor(resolveAppUrl({ devServerUrl: undefined, isPackaged: true }))).toEqual({ allowed: true });
    expect(demoSipPolicyFor(APP_INDEX_URL)).toEqual({ allowed: true });
  });
  it('no, saying why, when the dev server serves the page with its own production meta tag', () => {
    const devUrl = resolveAppUrl({ devServerUrl: 'http://localhost:5173/', isPackaged: false });
    expect(demoSipPolicyFor(devUrl)).toEqual({ allowed: false, reason: 'desktop-policy' });
    expect(demoSipPolicyFor('app://antring/index.html#/popup')).toEqual({ allowed: false, reason: 'desktop-policy' });
  });
});

describe('the session header with a policy', () => {
  const headersFor = (csp?: RendererCsp) => {
    const callback = vi.fn();
    contentSecurityPolicyListener(csp)(
      { responseHeaders: { 'Content-Security-Policy': ['connect-src *'], 'Content-Type': ['text/html'] } },
      callback,
    );
    return callback.mock.calls[0]?.[0];
  };

  it("replaces a server's policy with the demo's when the process runs the demo", () => {
    const csp = rendererCspFor(withSip('ws://127.0.0.1:5066'));
    expect(headersFor(csp)).toEqual({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [csp.header] },
    });
  });

  it('is the production policy without one', () => {
    expect(headersFor()).toEqual({
      responseHeaders: {
        'Content-Type': ['text/html'],
        'Content-Security-Policy': [APP_HEADER_CONTENT_SECURITY_POLICY],
      },
    });
  });

  it('installSessionSecurity installs the policy it is given', () => {
    let listener: ((details: object, callback: (response: unknown) => void) => void) | undefined;
    const session = {
      webRequest: { onHeadersReceived: (l: typeof listener) => void (listener = l) },
      setPermissionRequestHandler: () => {},
      setPermissionCheckHandler: () => {},
    };
    const csp = rendererCspFor(withSip('ws://127.0.0.1:5066'));
    installSessionSecurity(session as unknown as Session, APP_INDEX_URL, () => {}, csp);
    const answers: unknown[] = [];
    listener?.({ responseHeaders: {} }, (response) => answers.push(response));
    expect(answers).toEqual([{ responseHeaders: { 'Content-Security-Policy': [csp.header] } }]);
  });
});

describe('the app:// page with a policy', () => {
  let rendererDir: string;
  const page = (meta: string) =>
    `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${meta}" /></head><body></body></html>`;

  beforeAll(() => {
    rendererDir = mkdtempSync(join(tmpdir(), 'antring-renderer-csp-'));
    writeFileSync(join(rendererDir, 'index.html'), page(APP_CONTENT_SECURITY_POLICY));
    writeFileSync(join(rendererDir, 'app.js'), `export const policy = ${JSON.stringify(APP_CONTENT_SECURITY_POLICY)};`);
  });
  afterAll(() => rmSync(rendererDir, { recursive: true, force: true }));

  it("a demo process serves index.html with the demo's meta policy and header", async () => {
    const csp = rendererCspFor(withSip('ws://127.0.0.1:5066'));
    const response = await createAppProtocolHandler(rendererDir, csp)({ url: APP_INDEX_URL, method: 'GET' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(csp.header);
    expect(await response.text()).toBe(page(csp.meta));
  });

  it('rewrites only pages: a script that happens to hold the policy text is served as it is', async () => {
    const csp = rendererCspFor(withSip('ws://127.0.0.1:5066'));
    const response = await createAppProtocolHandler(rendererDir, csp)({ url: 'app://antring/app.js', method: 'GET' });
    expect(await response.text()).toBe(`export const policy = ${JSON.stringify(APP_CONTENT_SECURITY_POLICY)};`);
    expect(response.headers.get('content-security-policy')).toBe(csp.header);
  });

  it('a real process serves index.html untouched with the production header', async () => {
    const response = await createAppProtocolHandler(rendererDir)({ url: APP_INDEX_URL, method: 'GET' });
    expect(response.headers.get('content-security-policy')).toBe(APP_HEADER_CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe(page(APP_CONTENT_SECURITY_POLICY));
  });
});
