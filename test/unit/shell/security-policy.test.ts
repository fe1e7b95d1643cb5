import { describe, expect, it } from 'vitest';
import { isAppUrl, resolveAppUrl } from '../../../src/main/shell/app-url';
import {
  decideNavigation,
  decidePermission,
  decideWindowOpen,
  isAllowedExternalUrl,
  parseExternalUrl,
} from '../../../src/main/shell/security-policy';

const APP = 'app://antring/index.html';
/** Where the renderer used to be loaded from: a local file is never the app any more. */
const FILE_APP = 'file:///opt/AntRing%20Companion/resources/app.asar/out/renderer/index.html';
const DEV_APP = 'http://localhost:5173/';

describe('isAppUrl', () => {
  it('accepts any page of the app:// origin, with any hash or query (the popup is a hash route)', () => {
    expect(isAppUrl(APP, APP)).toBe(true);
    expect(isAppUrl(`${APP}#/popup`, APP)).toBe(true);
    expect(isAppUrl(`${APP}?lang=vi`, APP)).toBe(true);
    expect(isAppUrl('app://antring/assets/index-abc.js', APP)).toBe(true);
    expect(isAppUrl('http://localhost:5173/settings?x=1', DEV_APP)).toBe(true);
  });
  it('refuses local files, other app:// hosts, ports, credentials, other origins and junk', () => {
    expect(isAppUrl(FILE_APP, APP)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', APP)).toBe(false);
    expect(isAppUrl('app://evil/index.html', APP)).toBe(false);
    expect(isAppUrl('app://antring.evil/index.html', APP)).toBe(false);
    expect(isAppUrl('app://antring:8080/index.html', APP)).toBe(false);
    expect(isAppUrl('app://user:pass@antring/index.html', APP)).toBe(false);
    expect(isAppUrl('app:///index.html', APP)).toBe(false);
    expect(isAppUrl('http://antring/index.html', APP)).toBe(false);
    expect(isAppUrl('https://evil.example/', APP)).toBe(false);
    expect(isAppUrl('http://localhost:5174/', DEV_APP)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', DEV_APP)).toBe(false);
    expect(isAppUrl('file:///anything', DEV_APP)).toBe(false);
    expect(isAppUrl('app://antring/index.html', DEV_APP)).toBe(false);
    expect(isAppUrl('data:text/html,<h1>x</h1>', APP)).toBe(false);
    expect(isAppUrl('not a url', APP)).toBe(false);
    expect(isAppUrl('', APP)).toBe(false);
  });
  it('trusts no local file, even as the app page itself', () => {
    expect(isAppUrl(FILE_APP, FILE_APP)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', FILE_APP)).toBe(false);
  });
});

describe('resolveAppUrl', () => {
  it('uses a loopback dev server only when not packaged, and app://antring/index.html otherwise', () => {
    expect(resolveAppUrl({ devServerUrl: DEV_APP, isPackaged: false })).toBe(DEV_APP);
    expect(resolveAppUrl({ devServerUrl: DEV_APP, isPackaged: true })).toBe(APP);
    expect(resolveAppUrl({ devServerUrl: undefined, isPackaged: false })).toBe(APP);
    expect(resolveAppUrl({ devServerUrl: 'https://evil.example/', isPackaged: false })).toBe(APP);
  });
});

describe('external URLs', () => {
  it('allow only http and https', () => {
    expect(isAllowedExternalUrl('https://crm.example/contacts?phone=0901234567')).toBe(true);
    expect(isAllowedExternalUrl('http://intranet.local/')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-msdt:/id',
      'tel:0901234567',
      'mailto:a@b.c',
      'relative/path',
      '',
      42,
      undefined,
    ]) {
      expect(isAllowedExternalUrl(url), String(url)).toBe(false);
    }
  });
  it('reject with a typed error naming the scheme, not the URL', () => {
    const result = parseExternalUrl('file:///home/agent/token-abc123');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.field).toBe('url');
      expect(result.error.message).toContain('file:');
      expect(JSON.stringify(result.error)).not.toContain('token-abc123');
    }
  });
});

describe('decidePermission', () => {
  const base = {
    permission: 'media',
    requestingUrl: APP,
    isMainFrame: true,
    mediaTypes: ['audio'],
    appUrl: APP,
  } as const;
  it('grants the microphone to the app page', () => {
    expect(decidePermission(base)).toBe(true);
    expect(decidePermission({ ...base, requestingUrl: `${APP}#/popup` })).toBe(true);
    expect(decidePermission({ ...base, requestingUrl: 'http://localhost:5173/', appUrl: DEV_APP })).toBe(true);
  });
  it('denies video, unknown media and empty media requests', () => {
    expect(decidePermission({ ...base, mediaTypes: ['video'] })).toBe(false);
    expect(decidePermission({ ...base, mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(decidePermission({ ...base, mediaTypes: ['unknown'] })).toBe(false);
    expect(decidePermission({ ...base, mediaTypes: [] })).toBe(false);
  });
  it('denies media to any other page or to a subframe', () => {
    expect(decidePermission({ ...base, requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(decidePermission({ ...base, requestingUrl: 'file:///tmp/x.html' })).toBe(false);
    expect(decidePermission({ ...base, requestingUrl: FILE_APP })).toBe(false);
    expect(decidePermission({ ...base, requestingUrl: FILE_APP, appUrl: FILE_APP })).toBe(false);
    expect(decidePermission({ ...base, requestingUrl: 'app://evil/index.html' })).toBe(false);
    expect(decidePermission({ ...base, isMainFrame: false })).toBe(false);
  });
  it('denies every other permission, even to the app page', () => {
    for (const permission of [
      'notifications',
      'geolocation',
      'clipboard-read',
      'display-capture',
      'openExternal',
      'midi',
      'fullscreen',
      'unknown',
    ]) {
      expect(decidePermission({ ...base, permission }), permission).toBe(false);
    }
  });
});

describe('navigation and new windows', () => {
  it('allow in-app navigation only', () => {
    expect(decideNavigation(`${APP}#/popup`, APP)).toEqual({ kind: 'allow' });
    expect(decideNavigation('https://evil.example/', APP)).toEqual({ kind: 'deny' });
    expect(decideNavigation('file:///etc/passwd', APP)).toEqual({ kind: 'deny' });
    expect(decideNavigation(FILE_APP, APP)).toEqual({ kind: 'deny' });
    expect(decideNavigation('app://other/index.html', APP)).toEqual({ kind: 'deny' });
  });
  it('send web links to the browser and deny everything else', () => {
    expect(decideWindowOpen('https://crm.example/x')).toEqual({
      kind: 'open-externally',
      url: 'https://crm.example/x',
    });
    expect(decideWindowOpen('file:///etc/passwd')).toEqual({ kind: 'deny' });
    expect(decideWindowOpen('javascript:alert(1)')).toEqual({ kind: 'deny' });
    expect(decideWindowOpen('about:blank')).toEqual({ kind: 'deny' });
  });
});
