/**
 * The app's own pages. A built or packaged app serves its renderer from the privileged
 * `app://antring` scheme (app-protocol.ts), never from file://, where 'self' in the page's
 * CSP and a "same page" check would cover every local file. During `electron-vite dev` the
 * pages come from the loopback dev server.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'antring';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * The page the windows load. Everything that is not the app's origin (remote pages, local
 * files, data: URLs) is foreign and gets no IPC, no permissions and no navigation.
 */
export function resolveAppUrl(options: {
  readonly devServerUrl: string | undefined;
  readonly isPackaged: boolean;
}): string {
  // A packaged app never trusts a dev server URL, even if the variable leaks into its env.
  if (!options.isPackaged && options.devServerUrl && isLoopbackHttpUrl(options.devServerUrl)) {
    return new URL(options.devServerUrl).href;
  }
  return APP_INDEX_URL;
}

function isLoopbackHttpUrl(raw: string): boolean {
  const url = safeUrl(raw);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return false;
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

export function safeUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

/**
 * The origin a URL belongs to, when it can be one of the app's: `app://antring` exactly (no
 * port, no credentials), or an http(s) origin. Node gives custom schemes the opaque origin
 * "null" (so does file:), which would make every such URL equal: they are spelled out here.
 */
function trustableOrigin(url: URL): string | undefined {
  if (url.protocol === `${APP_SCHEME}:`) {
    const exact = url.host === APP_HOST && url.username === '' && url.password === '';
    return exact ? APP_ORIGIN : undefined;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  return undefined;
}

/**
 * True when `url` is one of the app's pages: same origin as `appUrl`, any path (the popup
 * loads the same page with a hash route), any query or hash. A local file never is.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  const candidate = safeUrl(url);
  const app = safeUrl(appUrl);
  if (!candidate || !app) return false;
  const appOrigin = trustableOrigin(app);
  return appOrigin !== undefined && trustableOrigin(candidate) === appOrigin;
}
