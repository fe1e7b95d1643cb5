import { pathToFileURL } from 'node:url';

/**
 * The one page the app trusts. In a packaged or built app it is the renderer's index.html on
 * disk; during `electron-vite dev` it is the loopback dev server. Everything else (remote
 * pages, other local files, data: URLs) is foreign and gets no IPC, no permissions and no
 * navigation.
 */
export function resolveAppUrl(options: {
  readonly rendererHtmlPath: string;
  readonly devServerUrl: string | undefined;
  readonly isPackaged: boolean;
}): string {
  // A packaged app never trusts a dev server URL, even if the variable leaks into its env.
  if (!options.isPackaged && options.devServerUrl && isLoopbackHttpUrl(options.devServerUrl)) {
    return new URL(options.devServerUrl).href;
  }
  return pathToFileURL(options.rendererHtmlPath).href;
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
 * True when `url` is the app's own page. For a file:// app the exact file must match (a
 * different local file is not ours); for the dev server the origin must match. Query and
 * hash are ignored, so in-app routing (#/history) stays allowed.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  const candidate = safeUrl(url);
  const app = safeUrl(appUrl);
  if (!candidate || !app) return false;
  if (app.protocol === 'file:') {
    return candidate.protocol === 'file:' && candidate.host === app.host && candidate.pathname === app.pathname;
  }
  return candidate.origin === app.origin;
}
