import { contentSecurityPolicyListener } from '../../../src/main/shell/security';
import { HostFrameSchema } from '../../../src/webhost/bridge-protocol';
import { describe, expect, it } from 'vitest';
import { parseWebHostArgs } from '../../../src/webhost/cli-args';
import { osLocaleFromEnv } from '../../../src/webhost/locale';
import { APP_HEADER_CONTENT_SECURITY_POLICY } from '../../../src/shared/content-security-policy';
import { APP_CONTENT_SECURITY_POLICY, isLoopbackAddress, tokensMatch } from '../../../src/webhost/security';
import { contentTypeFor, resolveStaticPath } from '../../../src/main/services/static-path';
import { injectBridgeScript } from '../../../src/webhost/static-files';

describe('parseWebHostArgs', () => {
  it('defaults to a free port', () => {
    expect(parseWebHostArgs([])).toEqual({ ok: true, value: { port: 0, help: false, demo: false } });
  });
  it('reads --demo (start in the demo profile)', () => {
    expect(parseWebHostArgs(['--demo', '--port', '0'])).toEqual({
      ok: true,
      value: { port: 0, help: false, demo: true },
    });
  });
  it.each([[['--port', '8080']], [['--port=8080']]])('reads %j', (argv) => {
    expect(parseWebHostArgs(argv)).toEqual({ ok: true, value: { port: 8080, help: false, demo: false } });
  });
  it.each([
    [['--port']],
    [['--port', 'abc']],
    [['--port', '-1']],
    [['--port', '70000']],
    [['--port', '80.5']],
    [['--bogus']],
  ])('rejects %j', (argv) => {
    const parsed = parseWebHostArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).not.toContain('\n');
  });
});

describe('web host security helpers', () => {
  it('knows loopback addresses', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect(isLoopbackAddress(address)).toBe(true);
    for (const address of ['10.0.0.1', '192.168.1.5', '::ffff:10.0.0.1', 'fe80::1', '', undefined])
      expect(isLoopbackAddress(address)).toBe(false);
  });

  it('compares tokens exactly', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abc', 'abd')).toBe(false);
    expect(tokensMatch('abc', 'abcd')).toBe(false);
    expect(tokensMatch('abc', null)).toBe(false);
  });

  it('matches the policy the Electron shell sends as a header', () => {
    let sent: string[] | undefined;
    contentSecurityPolicyListener()({ responseHeaders: {} }, (response) => {
      sent = response.responseHeaders?.['Content-Security-Policy'] as string[] | undefined;
    });
    expect(sent).toEqual([`${APP_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`]);
    expect(sent).toEqual([APP_HEADER_CONTENT_SECURITY_POLICY]);
  });
});

describe('static files', () => {
  it('keeps paths inside the root', () => {
    expect(resolveStaticPath('/srv/r', '/assets/a.js')).toBe('/srv/r/assets/a.js');
    expect(resolveStaticPath('/srv/r', '/../secret')).toBeNull();
    expect(resolveStaticPath('/srv/r', '/')).toBeNull();
    expect(resolveStaticPath('/srv/r', '/assets/..%2f..%2fsecret')).toBeNull();
    expect(resolveStaticPath('/srv/r', '/a%00b')).toBeNull();
    expect(resolveStaticPath('/srv/r', '/%E0%A4%A')).toBeNull();
    // Encoded separators never name a real asset: refused even when they would stay inside.
    expect(resolveStaticPath('/srv/r', '/assets%2fa.js')).toBeNull();
    expect(resolveStaticPath('/srv/r', '/assets%5Ca.js')).toBeNull();
    expect(resolveStaticPath('/srv/r', '/assets\\a.js')).toBeNull();
  });

  it('names content types', () => {
    expect(contentTypeFor('x.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('x.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('x.unknown')).toBe('application/octet-stream');
  });

  it('puts the bridge script before the first script', () => {
    const html = '<html><head><script type="module" src="/a.js"></script></head></html>';
    expect(injectBridgeScript(html)).toMatch(/<script src="\/webhost-bridge.js"><\/script>\s*<script type="module"/);
  });
});

describe('osLocaleFromEnv', () => {
  it('reads POSIX locale variables in order', () => {
    expect(osLocaleFromEnv({ LANG: 'vi_VN.UTF-8' })).toBe('vi-VN');
    expect(osLocaleFromEnv({ LC_ALL: 'en_GB.UTF-8', LANG: 'vi_VN.UTF-8' })).toBe('en-GB');
    expect(osLocaleFromEnv({ LC_ALL: 'C', LANG: 'vi_VN' })).toBe('vi-VN');
  });
});

describe('bridge frames', () => {
  it('reads a success without a value (a request answering nothing loses `value` in JSON)', () => {
    const wire = JSON.parse(
      JSON.stringify({ kind: 'response', id: 3, result: { ok: true, value: undefined } }),
    ) as unknown;
    expect(HostFrameSchema.safeParse(wire).success).toBe(true);
  });
});
