import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  APP_CONTENT_SECURITY_POLICY,
  APP_HEADER_CONTENT_SECURITY_POLICY,
} from '../../../src/shared/content-security-policy';
import { webHostContentSecurityPolicy, withWebHostCsp } from '../../../src/webhost/security';

const directive = (policy: string, name: string): string | undefined =>
  policy
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name} `));

describe('webHostContentSecurityPolicy', () => {
  it('adds exactly the sandbox-like loopback origins: the SIP websocket and the API host, no wildcard', () => {
    const csp = webHostContentSecurityPolicy({
      apiBaseUrl: 'http://127.0.0.1:41234',
      sipWsUrl: 'ws://127.0.0.1:5066/ws',
    });
    expect(directive(csp.meta, 'media-src')).toBe("media-src 'self' blob: https: http://127.0.0.1:41234");
    expect(directive(csp.meta, 'connect-src')).toBe(
      "connect-src 'self' wss: https: ws://127.0.0.1:5066 http://127.0.0.1:41234",
    );
    expect(csp.meta).not.toContain('*');
    expect(csp.header).toBe(`${csp.meta}; frame-ancestors 'none'`);
    // Only those two directives change.
    expect(csp.meta.replace(/media-src [^;]*/, '').replace(/connect-src [^;]*/, '')).toBe(
      APP_CONTENT_SECURITY_POLICY.replace(/media-src [^;]*/, '').replace(/connect-src [^;]*/, ''),
    );
  });

  it('names localhost as configured, and the origin only (never the path)', () => {
    const csp = webHostContentSecurityPolicy({
      apiBaseUrl: "http://localhost:4000/api/x'; script-src *",
      sipWsUrl: '',
    });
    expect(directive(csp.meta, 'media-src')).toBe("media-src 'self' blob: https: http://localhost:4000");
    expect(directive(csp.meta, 'connect-src')).toBe("connect-src 'self' wss: https: http://localhost:4000");
    expect(directive(csp.meta, 'script-src')).toBe("script-src 'self'");
  });

  it('adds nothing for encrypted or non-loopback addresses: the production policy already covers https/wss', () => {
    for (const settings of [
      { apiBaseUrl: 'https://openapi.antbuddy.com', sipWsUrl: 'wss://sip.example.vn:7443' },
      { apiBaseUrl: 'https://127.0.0.1:8443', sipWsUrl: 'wss://127.0.0.1:7443' },
      { apiBaseUrl: 'http://192.168.1.5:8080', sipWsUrl: 'ws://10.0.0.1:5066' },
      { apiBaseUrl: 'http://127.0.0.1.evil.example:80', sipWsUrl: 'ws://localhost.evil.example:5066' },
    ]) {
      const csp = webHostContentSecurityPolicy(settings);
      expect(csp.meta, JSON.stringify(settings)).toBe(APP_CONTENT_SECURITY_POLICY);
      expect(csp.header).toBe(APP_HEADER_CONTENT_SECURITY_POLICY);
    }
  });

  it('adds nothing for garbage settings', () => {
    for (const settings of [
      undefined,
      null,
      42,
      'http://127.0.0.1:1',
      {},
      { apiBaseUrl: 42, sipWsUrl: ['ws://127.0.0.1:5066'] },
      { apiBaseUrl: 'not a url', sipWsUrl: 'ws://127.0.0.1:1; script-src *' },
      // The wrong scheme for the setting: the API is http(s), the SIP server ws(s).
      { apiBaseUrl: 'ws://127.0.0.1:4000', sipWsUrl: 'http://127.0.0.1:5066' },
      { apiBaseUrl: 'ftp://127.0.0.1:21', sipWsUrl: 'file:///etc/passwd' },
    ]) {
      expect(webHostContentSecurityPolicy(settings).meta, JSON.stringify(settings)).toBe(APP_CONTENT_SECURITY_POLICY);
    }
  });

  it('names one origin once when both settings point at it', () => {
    const csp = webHostContentSecurityPolicy({ apiBaseUrl: 'http://127.0.0.1:4000', sipWsUrl: 'ws://127.0.0.1:4000' });
    expect(directive(csp.meta, 'connect-src')).toBe(
      "connect-src 'self' wss: https: ws://127.0.0.1:4000 http://127.0.0.1:4000",
    );
  });
});

describe('the production policy', () => {
  it('is the one index.html carries, and the web host rewrites that meta tag', () => {
    const html = readFileSync(new URL('../../../src/renderer/index.html', import.meta.url), 'utf8');
    const metaOf = (page: string) => /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(page)?.[1];
    expect(metaOf(html)).toBe(APP_CONTENT_SECURITY_POLICY);
    expect(APP_CONTENT_SECURITY_POLICY).not.toContain('127.0.0.1');
    expect(APP_HEADER_CONTENT_SECURITY_POLICY).toBe(`${APP_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
    const csp = webHostContentSecurityPolicy({ apiBaseUrl: 'http://127.0.0.1:4000', sipWsUrl: '' });
    expect(metaOf(withWebHostCsp(html, csp.meta))).toBe(csp.meta);
  });
});
