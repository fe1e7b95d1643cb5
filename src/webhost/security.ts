import { timingSafeEqual } from 'node:crypto';

/**
 * The renderer's production Content Security Policy, as index.html's meta tag carries it (a
 * unit test keeps them equal, and the Electron shell sends the same policy as a header).
 * `frame-ancestors` is not in the meta tag: browsers ignore it there; it only works as a header.
 */
export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src 'self' blob: https:",
  "connect-src 'self' wss: https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The web host serves the app next to loopback test servers (the sandbox's recordings over
 * http, Kamailio's SIP websocket over ws), so it widens media and connections to loopback only.
 * The production file stays strict: the host rewrites the meta tag when it serves the page.
 */
export const WEB_HOST_META_CONTENT_SECURITY_POLICY = APP_CONTENT_SECURITY_POLICY.replace(
  "media-src 'self' blob: https:",
  "media-src 'self' blob: https: http://127.0.0.1:*",
).replace("connect-src 'self' wss: https:", "connect-src 'self' wss: https: ws://127.0.0.1:* http://127.0.0.1:*");

/** What the web host sends as a header: its meta policy plus what only a header can say. */
export const CONTENT_SECURITY_POLICY = `${WEB_HOST_META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

/** Replaces index.html's production CSP meta tag with the web host's loopback-aware one. */
export function withWebHostCsp(html: string): string {
  return html.replace(APP_CONTENT_SECURITY_POLICY, WEB_HOST_META_CONTENT_SECURITY_POLICY);
}

/** Headers every response carries: the page is a local tool, so nothing is cached or shared. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** True for 127.0.0.0/8 and ::1, including IPv4-mapped IPv6 forms. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from response timing. */
export function tokensMatch(expected: string, presented: string | null | undefined): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(presented, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
