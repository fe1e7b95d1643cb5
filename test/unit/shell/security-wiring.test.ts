import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  contentSecurityPolicyListener,
  hardenWebContents,
  openExternalSafely,
  permissionCheckHandler,
  permissionRequestHandler,
} from '../../../src/main/shell/security';

const APP = 'app://antring/index.html';
const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob: https:; connect-src 'self' wss: https:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

describe('content security policy header', () => {
  it('replaces any policy the server sent (whatever its letter case) with ours, keeping other headers', () => {
    const callback = vi.fn();
    contentSecurityPolicyListener()(
      { responseHeaders: { 'content-security-policy': ["script-src 'unsafe-inline'"], 'Content-Type': ['text/html'] } },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [EXPECTED_CSP] },
    });
  });
  it('adds the policy when there were no headers', () => {
    const callback = vi.fn();
    contentSecurityPolicyListener()({}, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [EXPECTED_CSP] } });
  });
});

describe('permission handlers', () => {
  const contents = (url: string) => ({ getURL: () => url });
  it('request handler grants audio to the app and denies the rest', () => {
    const handler = permissionRequestHandler(APP, () => {});
    const answers: boolean[] = [];
    handler(contents(APP), 'media', (g) => answers.push(g), {
      isMainFrame: true,
      requestingUrl: APP,
      mediaTypes: ['audio'],
    });
    handler(contents(APP), 'media', (g) => answers.push(g), {
      isMainFrame: true,
      requestingUrl: APP,
      mediaTypes: ['audio', 'video'],
    });
    handler(contents(APP), 'notifications', (g) => answers.push(g), { isMainFrame: true, requestingUrl: APP });
    handler(contents('https://evil.example/'), 'media', (g) => answers.push(g), {
      isMainFrame: true,
      mediaTypes: ['audio'],
    });
    expect(answers).toEqual([true, false, false, false]);
  });
  it('check handler uses the requesting URL, not just the origin', () => {
    const check = permissionCheckHandler(APP);
    expect(
      check(contents(APP), 'media', 'app://antring', { isMainFrame: true, requestingUrl: APP, mediaType: 'audio' }),
    ).toBe(true);
    expect(
      check(contents(APP), 'media', 'app://antring', {
        isMainFrame: true,
        requestingUrl: 'file:///tmp/other.html',
        mediaType: 'audio',
      }),
    ).toBe(false);
    expect(
      check(contents(APP), 'media', 'app://antring', { isMainFrame: true, requestingUrl: APP, mediaType: 'video' }),
    ).toBe(false);
    expect(
      check(contents(APP), 'media', 'app://antring', { isMainFrame: true, requestingUrl: APP, mediaType: 'unknown' }),
    ).toBe(false);
    expect(check(null, 'notifications', 'app://antring', { isMainFrame: true, requestingUrl: APP })).toBe(false);
    // The page the app used to load from disk gets nothing now.
    expect(
      check(contents(APP), 'media', 'file://', {
        isMainFrame: true,
        requestingUrl: 'file:///app/out/renderer/index.html',
        mediaType: 'audio',
      }),
    ).toBe(false);
  });
});

describe('openExternalSafely', () => {
  it('opens http(s) and refuses other schemes without calling the shell', async () => {
    const shell = { openExternal: vi.fn(async () => {}) };
    expect((await openExternalSafely(shell, 'https://crm.example/a')).ok).toBe(true);
    const refused = await openExternalSafely(shell, 'file:///etc/passwd');
    expect(refused.ok).toBe(false);
    expect(shell.openExternal.mock.calls).toEqual([['https://crm.example/a']]);
  });
});

/** Just enough of WebContents to record what hardenWebContents installs. */
function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on(name: string, listener: (event: { preventDefault(): void }, url: string) => void) {
      listeners.set(name, listener);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      openHandler = handler;
    },
  };
  const fire = (name: string, url = '') => {
    const event = {
      prevented: false,
      preventDefault() {
        event.prevented = true;
      },
    };
    listeners.get(name)?.(event, url);
    return event.prevented;
  };
  return { contents: contents as unknown as WebContents, fire, open: (url: string) => openHandler?.({ url }) };
}

describe('hardenWebContents', () => {
  it('blocks navigation and redirects away from the app, and every webview', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, APP, { openExternal: async () => {} }, () => {});
    expect(fake.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fake.fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(fake.fire('will-navigate', `${APP}#/popup`)).toBe(false);
    expect(fake.fire('will-navigate', 'file:///app/out/renderer/index.html')).toBe(true);
    expect(fake.fire('will-navigate', 'app://evil/index.html')).toBe(true);
    expect(fake.fire('will-attach-webview')).toBe(true);
  });
  it('denies every new window, handing web links to the browser', () => {
    const fake = fakeContents();
    const shell = { openExternal: vi.fn(async () => {}) };
    hardenWebContents(fake.contents, APP, shell, () => {});
    expect(fake.open('https://crm.example/x')).toEqual({ action: 'deny' });
    expect(fake.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(fake.open(APP)).toEqual({ action: 'deny' });
    // openExternalSafely calls the shell synchronously once the URL has been checked.
    expect(shell.openExternal.mock.calls).toEqual([['https://crm.example/x']]);
  });
});
