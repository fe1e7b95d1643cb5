import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import {
  APP_CONTENT_SECURITY_POLICY,
  APP_CSP_DIRECTIVES,
  APP_HEADER_CONTENT_SECURITY_POLICY,
  FRAME_ANCESTORS_NONE,
  serializeCsp,
} from '../shared/content-security-policy';

export { APP_CONTENT_SECURITY_POLICY };

export interface WebHostCsp {
  /** For index.html's meta tag. */
  readonly meta: string;
  /** For the Content-Security-Policy header: the meta policy plus what only a header can say. */
  readonly header: string;
}

/** The two settings whose servers the page itself talks to. */
const PageServersSchema = z
  .object({
    apiBaseUrl: z.string().optional().catch(undefined),
    sipWsUrl: z.string().optional().catch(undefined),
  })
  .catch({});

/**
 * Loopback host names a CSP source can name. `[::1]` is left out: CSP host sources have no
 * syntax for IPv6 literals, so such a source would only be dropped with a console warning.
 */
function isLoopbackHostname(hostname: string): boolean {
  return hostname === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** The origin of `raw` when it is a plain (unencrypted) `protocol` address on this computer. */
function plainLoopbackOrigin(raw: string | undefined, protocol: 'http:' | 'ws:'): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  // Only the origin is used: it is canonical, so nothing of the setting can inject a directive.
  return url.protocol === protocol && isLoopbackHostname(url.hostname) ? url.origin : undefined;
}

/**
 * The page's policy for the web host, from the settings as they are now. The production
 * policy already allows every https/wss server; the web host also runs the app against plain
 * http/ws test servers on this computer (the sandbox's API and recordings, Kamailio's SIP
 * websocket), so exactly the configured ones of those are added: the SIP websocket and the
 * API to connect-src, the API (recordings play from its host) to media-src. Anything else in
 * the settings, including garbage, adds nothing. The bridge socket is same-origin ('self').
 */
export function webHostContentSecurityPolicy(settings: unknown): WebHostCsp {
  const { apiBaseUrl, sipWsUrl } = PageServersSchema.parse(settings);
  const api = plainLoopbackOrigin(apiBaseUrl, 'http:');
  const sip = plainLoopbackOrigin(sipWsUrl, 'ws:');
  const present = (sources: (string | undefined)[]): string[] => [
    ...new Set(sources.filter((s): s is string => s !== undefined)),
  ];
  const directives = {
    ...APP_CSP_DIRECTIVES,
    'media-src': [...(APP_CSP_DIRECTIVES['media-src'] ?? []), ...present([api])],
    'connect-src': [...(APP_CSP_DIRECTIVES['connect-src'] ?? []), ...present([sip, api])],
  };
  const meta = serializeCsp(directives);
  return { meta, header: `${meta}; ${FRAME_ANCESTORS_NONE}` };
}

/** Replaces index.html's production CSP meta tag with the web host's policy for this page. */
export function withWebHostCsp(html: string, metaPolicy: string): string {
  return html.replace(APP_CONTENT_SECURITY_POLICY, metaPolicy);
}

/** Headers every response carries: the page is a local tool, so nothing is cached or shared. */
export function securityHeaders(contentSecurityPolicy: string): Readonly<Record<string, string>> {
  return {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

/** For answers that are not the page (refusals, errors): the production policy, nothing added. */
export const SECURITY_HEADERS = securityHeaders(APP_HEADER_CONTENT_SECURITY_POLICY);

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
