import {
  APP_CONTENT_SECURITY_POLICY,
  APP_CSP_DIRECTIVES,
  APP_HEADER_CONTENT_SECURITY_POLICY,
  FRAME_ANCESTORS_NONE,
  serializeCsp,
} from '../../shared/content-security-policy';
import { DESKTOP_DEMO_SIP, type DemoSession, type DemoSipPolicy } from '../services/demo';
import { APP_INDEX_URL } from './app-url';

/**
 * The Electron renderer's Content-Security-Policy for this process. The production policy lets
 * the phone reach encrypted SIP servers only (wss:) and plays recordings over https: only. The
 * demo's sandbox runs on this computer in plain ws:// and http://, so a process that started the
 * demo sandbox itself, and only such a process, adds exactly its Kamailio's origin to
 * connect-src and exactly its API's origin (recordings play from there) to media-src. The page
 * obeys index.html's meta tag AND the header (a page's effective policy is the intersection of
 * all its policies), so both carry the same policy: the app:// handler rewrites the meta tag for
 * the demo, as the web host does for its loopback servers.
 */
export type RendererCsp =
  | { readonly kind: 'production'; readonly meta: string; readonly header: string }
  | {
      readonly kind: 'demo';
      /** The demo Kamailio's `ws://127.0.0.1:<port>`, when the demo runs SIP. */
      readonly sipOrigin?: string;
      /** The demo sandbox's `http://127.0.0.1:<port>`, where its recordings play from. */
      readonly recordingsOrigin?: string;
      readonly meta: string;
      readonly header: string;
    };

export const PRODUCTION_RENDERER_CSP: RendererCsp = {
  kind: 'production',
  meta: APP_CONTENT_SECURITY_POLICY,
  header: APP_HEADER_CONTENT_SECURITY_POLICY,
};

/**
 * The whole address, spelled exactly as the sandbox writes it (sandbox/kamailio.ts):
 * ws://127.0.0.1:<digits>, optionally a path. Matched literally rather than through URL
 * normalisation, so nothing but this shape (no other host, no credentials, no query, no
 * spaces or separators a policy could be extended with) can become a source.
 */
const DEMO_KAMAILIO_URL = /^ws:\/\/127\.0\.0\.1:(\d{1,5})(?:\/[A-Za-z0-9._~/-]*)?$/;

/** The demo sandbox's API address, as the demo profile writes it: http://127.0.0.1:<digits>, optionally a path. */
const DEMO_API_URL = /^http:\/\/127\.0\.0\.1:(\d{1,5})(?:\/[A-Za-z0-9._~/-]*)?$/;

/** `<scheme>://127.0.0.1:<port>` when `url` has exactly the shape `pattern` allows and a real port. */
function loopbackOrigin(url: unknown, pattern: RegExp, scheme: 'ws' | 'http'): string | undefined {
  if (typeof url !== 'string') return undefined;
  const digits = pattern.exec(url)?.[1];
  if (digits === undefined) return undefined;
  const port = Number(digits);
  // Port 0 is "any port" to a listener, never one a server is on.
  if (!Number.isInteger(port) || port < 1 || port > 65_535) return undefined;
  return `${scheme}://127.0.0.1:${port}`;
}

/** `ws://127.0.0.1:<port>` for the demo Kamailio's address, or undefined for anything else. */
export function demoKamailioOrigin(sipWsUrl: unknown): string | undefined {
  return loopbackOrigin(sipWsUrl, DEMO_KAMAILIO_URL, 'ws');
}

/** `http://127.0.0.1:<port>` for the demo sandbox's API address, or undefined for anything else. */
export function demoRecordingsOrigin(apiUrl: unknown): string | undefined {
  return loopbackOrigin(apiUrl, DEMO_API_URL, 'http');
}

/** What the main process knows of the demo it started: its SIP outcome and its services' environment. */
export type StartedDemo = Pick<DemoSession, 'sip' | 'env'>;

function demoCsp(origins: { readonly sipOrigin?: string; readonly recordingsOrigin?: string }): RendererCsp {
  const { sipOrigin, recordingsOrigin } = origins;
  const meta = serializeCsp({
    ...APP_CSP_DIRECTIVES,
    'media-src': [...(APP_CSP_DIRECTIVES['media-src'] ?? []), ...(recordingsOrigin ? [recordingsOrigin] : [])],
    'connect-src': [...(APP_CSP_DIRECTIVES['connect-src'] ?? []), ...(sipOrigin ? [sipOrigin] : [])],
  });
  return {
    kind: 'demo',
    ...(sipOrigin ? { sipOrigin } : {}),
    ...(recordingsOrigin ? { recordingsOrigin } : {}),
    meta,
    header: `${meta}; ${FRAME_ANCESTORS_NONE}`,
  };
}

/**
 * The policy for this process. `demo` is the session the main process started itself (never
 * read from argv or the environment of the process: those anyone launching the app controls).
 * Its addresses are the ones its services were given (the demo environment's
 * ANTRING_SIP_WS_URL and ANTRING_API_URL win over saved settings), so they are the servers the
 * phone dials and the recordings come from. Kamailio only when the demo runs SIP.
 */
export function rendererCspFor(demo: StartedDemo | undefined): RendererCsp {
  if (!demo) return PRODUCTION_RENDERER_CSP;
  const sipOrigin = demo.sip.kind === 'withSip' ? demoKamailioOrigin(demo.env['ANTRING_SIP_WS_URL']) : undefined;
  const recordingsOrigin = demoRecordingsOrigin(demo.env['ANTRING_API_URL']);
  if (!sipOrigin && !recordingsOrigin) return PRODUCTION_RENDERER_CSP;
  return demoCsp({
    ...(sipOrigin ? { sipOrigin } : {}),
    ...(recordingsOrigin ? { recordingsOrigin } : {}),
  });
}

/**
 * index.html with its production meta policy replaced by `csp`'s. A page whose meta tag says
 * anything else is left as it is: the intersection then stays at least as strict (fails closed).
 */
export function withRendererCsp(html: string, csp: RendererCsp): string {
  if (csp.kind === 'production') return html;
  return html.replace(`content="${APP_CONTENT_SECURITY_POLICY}"`, `content="${csp.meta}"`);
}

/**
 * During `electron-vite dev` the dev server serves its own index.html, whose production meta
 * tag app:// never gets to rewrite: that page can never reach the demo's Kamailio, so such a
 * demo runs without SIP and says why, rather than show a phone that can never register.
 */
export const DEV_SERVER_DEMO_SIP: DemoSipPolicy = { allowed: false, reason: 'desktop-policy' };

/** Whether the demo this process may start gets its Kamailio, by where the page comes from. */
export function demoSipPolicyFor(appUrl: string): DemoSipPolicy {
  return appUrl === APP_INDEX_URL ? DESKTOP_DEMO_SIP : DEV_SERVER_DEMO_SIP;
}
