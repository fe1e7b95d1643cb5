import type { CustomScheme, Protocol } from 'electron';
import { readFileInside } from '../services/static-files';
import { contentTypeFor, resolveStaticPath } from '../services/static-path';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, safeUrl } from './app-url';
import { PRODUCTION_RENDERER_CSP, withRendererCsp, type RendererCsp } from './renderer-csp';

/**
 * The app:// protocol: the built renderer (out/renderer), served under its own origin
 * `app://antring` instead of file://. On file:// the CSP's 'self' and any "is this our page"
 * check cover every file on the disk; here they cover exactly the renderer folder.
 */

/**
 * Registered before `ready` (Electron allows it only then, once). standard: real origins and
 * relative URLs; secure: a secure context, which getUserMedia needs for the microphone;
 * supportFetchAPI and stream: module scripts and media load through it; codeCache: V8 caches
 * the bundle. Deliberately not bypassCSP (the page keeps its policy) and not corsEnabled
 * (other origins cannot read the app's files).
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
};

/** What the handler reads of a request (Electron passes a fetch Request with initiatorOrigin added). */
export interface AppRequest {
  readonly url: string;
  readonly method: string;
  /** Who started the request; absent when the browser did (loadURL, reload from main). */
  readonly initiatorOrigin?: string | undefined;
}

/**
 * The file inside `rendererDir` an app:// URL names, or null for anything else: another host,
 * a port or credentials, a path leading out of the folder (see resolveStaticPath).
 */
export function appRequestPath(rendererDir: string, rawUrl: string): string | null {
  const url = safeUrl(rawUrl);
  if (!url || url.protocol !== `${APP_SCHEME}:`) return null;
  if (url.host !== APP_HOST || url.username !== '' || url.password !== '') return null;
  return resolveStaticPath(rendererDir, url.pathname);
}

const TEXT = 'text/plain; charset=utf-8';
const HTML = 'text/html; charset=utf-8';

/**
 * The answers of one process, all under its renderer policy (renderer-csp.ts): production, or
 * the demo's, whose Kamailio the page may then reach.
 */
function answerer(csp: RendererCsp) {
  return (status: number, body: Buffer | string | null, contentType: string): Response =>
    // A copy as a plain Uint8Array: what fetch's Response takes (a Buffer may share a pooled ArrayBuffer).
    new Response(Buffer.isBuffer(body) ? new Uint8Array(body) : body, {
      status,
      headers: {
        'Content-Type': contentType,
        // Every response carries the page's policy: whatever loads is held to it.
        'Content-Security-Policy': csp.header,
        'X-Content-Type-Options': 'nosniff',
      },
    });
}

/** A page's meta tag must say what the header says: the page obeys both. Other files are served as they are. */
function withPagePolicy(body: Buffer, contentType: string, csp: RendererCsp): Buffer {
  if (csp.kind === 'production' || contentType !== HTML) return body;
  return Buffer.from(withRendererCsp(body.toString('utf8'), csp), 'utf8');
}

export function createAppProtocolHandler(
  rendererDir: string,
  csp: RendererCsp = PRODUCTION_RENDERER_CSP,
): (request: AppRequest) => Promise<Response> {
  const answer = answerer(csp);
  return async (request) => {
    // Only the app's own pages (or the browser itself) may load the app's files.
    if (request.initiatorOrigin !== undefined && request.initiatorOrigin !== APP_ORIGIN) {
      return answer(403, 'Forbidden\n', TEXT);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, 'Method not allowed\n', TEXT);
    const path = appRequestPath(rendererDir, request.url);
    const body = path ? await readFileInside(rendererDir, path) : null;
    if (!path || !body) return answer(404, 'Not found\n', TEXT);
    const contentType = contentTypeFor(path);
    return answer(200, request.method === 'HEAD' ? null : withPagePolicy(body, contentType, csp), contentType);
  };
}

function initiatorOf(request: Request): string | undefined {
  // Electron adds initiatorOrigin to the fetch Request it passes; the DOM type does not know it.
  const extended = request as Request & { readonly initiatorOrigin?: unknown };
  return typeof extended.initiatorOrigin === 'string' ? extended.initiatorOrigin : undefined;
}

/** Serves app:// from `rendererDir` in the default session (call inside `whenReady`, before any window loads). */
export function registerAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  rendererDir: string,
  csp: RendererCsp = PRODUCTION_RENDERER_CSP,
): void {
  const handle = createAppProtocolHandler(rendererDir, csp);
  protocol.handle(APP_SCHEME, (request) =>
    handle({ url: request.url, method: request.method, initiatorOrigin: initiatorOf(request) }),
  );
}
