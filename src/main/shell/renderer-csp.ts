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
 * the phone reach encrypted SIP servers only (wss:). The demo's Kamailio is a plain ws:// one
 * on this computer, so a process that started the demo sandbox itself, and only such a
 * process, adds exactly that Kamailio's origin to connect-src. The page obeys index.html's
 * meta tag AND the header (a page's effective policy is the intersection of all its policies),
 * so both carry the same policy: the app:// handler rewrites the meta tag for the demo, as the
 * web host does for its loopback servers.
 */
export type RendererCsp =
  | { readonly kind: 'production'; readonly meta: string; readonly header: string }
  | { readonly kind: 'demo'; readonly sipOrigin: string; readonly meta: string; readonly header: string };

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

/** `ws://127.0.0.1:<port>` for the demo Kamailio's address, or undefined for anything else. */
export function demoKamailioOrigin(sipWsUrl: unknown): string | undefined {
  if (typeof sipWsUrl !== 'string') return undefined;
  const digits = DEMO_KAMAILIO_URL.exec(sipWsUrl)?.[1];
  if (digits === undefined) return undefined;
  const port = Number(digits);
  // Port 0 is "any port" to a listener, never one a server is on.
  if (!Number.isInteger(port) || port < 1 || port > 65_535) return undefined;
  return `ws://127.0.0.1:${port}`;
}

/** What the main process knows of the demo it started: its SIP outcome and its services' environment. */
export type StartedDemo = Pick<DemoSession, 'sip' | 'env'>;

function demoCsp(sipOrigin: string): RendererCsp {
  const meta = serializeCsp({
    ...APP_CSP_DIRECTIVES,
    'connect-src': [...(APP_CSP_DIRECTIVES['connect-src'] ?? []), sipOrigin],
  });
  return { kind: 'demo', sipOrigin, meta, header: `${meta}; ${FRAME_ANCESTORS_NONE}` };
}

/**
 * The policy for this process. `demo` is the session the main process started itself (never
 * read from argv or the environment of the process: those anyone launching the app controls).
 * Its SIP address is the one its services were given (ANTRING_SIP_WS_URL of the demo
 * environment wins over saved settings), so it is the server the phone will dial.
 */
export function rendererCspFor(demo: StartedDemo | undefined): RendererCsp {
  if (!demo || demo.sip.kind !== 'withSip') return PRODUCTION_RENDERER_CSP;
  const sipOrigin = demoKamailioOrigin(demo.env['ANTRING_SIP_WS_URL']);
  return sipOrigin ? demoCsp(sipOrigin) : PRODUCTION_RENDERER_CSP;
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
