import type {
  HeadersReceivedResponse,
  OnHeadersReceivedListenerDetails,
  PermissionCheckHandlerHandlerDetails,
  Session,
  WebContents,
} from 'electron';
import { appError, type AppError } from '../../shared/errors';
import { err, ok, type Result } from '../../shared/result';
import { PRODUCTION_RENDERER_CSP, type RendererCsp } from './renderer-csp';
import { decideNavigation, decidePermission, decideWindowOpen, parseExternalUrl } from './security-policy';

/**
 * Electron wiring of the security checklist. The decisions themselves live in
 * security-policy.ts; this file only plugs them into sessions and web contents. The handler
 * factories are exported so tests can drive them with fake Electron objects.
 */

type Log = (message: string) => void;

/**
 * Adds the Content-Security-Policy to every response the session receives: the process's
 * renderer policy (renderer-csp.ts), the production one unless this process started the demo,
 * the same policy the app:// protocol's responses and index.html's meta tag carry. The
 * security scanner evaluates the production policy in index.html's meta tag; unit tests keep
 * header and meta equal to src/shared/content-security-policy.ts.
 */
export function contentSecurityPolicyListener(csp: RendererCsp = PRODUCTION_RENDERER_CSP) {
  return (
    details: Pick<OnHeadersReceivedListenerDetails, 'responseHeaders'>,
    callback: (response: HeadersReceivedResponse) => void,
  ): void => {
    const headers = withoutHeader(details.responseHeaders ?? {}, 'content-security-policy');
    callback({ responseHeaders: withPolicy(headers, csp.header) });
  };
}

function withPolicy(headers: Record<string, string[]>, policy: string): Record<string, string[]> {
  return { ...headers, 'Content-Security-Policy': [policy] };
}

/** A server's own (weaker) policy must not survive next to ours under another letter case. */
function withoutHeader(headers: Record<string, string[]>, name: string): Record<string, string[]> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== name));
}

type PermissionDetails = {
  readonly isMainFrame: boolean;
  readonly requestingUrl?: string;
  readonly mediaTypes?: readonly string[];
};

export function permissionRequestHandler(appUrl: string, log: Log) {
  return (
    webContents: Pick<WebContents, 'getURL'>,
    permission: string,
    callback: (granted: boolean) => void,
    details: PermissionDetails,
  ): void => {
    const requestingUrl = details.requestingUrl ?? webContents.getURL();
    const granted = decidePermission({
      permission,
      requestingUrl,
      isMainFrame: details.isMainFrame,
      mediaTypes: details.mediaTypes ?? [],
      appUrl,
    });
    if (!granted) log(`Denied permission "${permission}" to ${originOf(requestingUrl)}`);
    callback(granted);
  };
}

export function permissionCheckHandler(appUrl: string) {
  return (
    webContents: Pick<WebContents, 'getURL'> | null,
    permission: string,
    _requestingOrigin: string,
    details: Pick<PermissionCheckHandlerHandlerDetails, 'isMainFrame' | 'requestingUrl' | 'mediaType'>,
  ): boolean =>
    decidePermission({
      permission,
      // The URL, not the origin Electron reports: isAppUrl spells out what is the app's.
      requestingUrl: details.requestingUrl ?? webContents?.getURL() ?? '',
      isMainFrame: details.isMainFrame,
      mediaTypes: details.mediaType ? [details.mediaType] : [],
      appUrl,
    });
}

export function installSessionSecurity(
  session: Session,
  appUrl: string,
  log: Log,
  csp: RendererCsp = PRODUCTION_RENDERER_CSP,
): void {
  session.webRequest.onHeadersReceived(contentSecurityPolicyListener(csp));
  session.setPermissionRequestHandler(permissionRequestHandler(appUrl, log));
  session.setPermissionCheckHandler(permissionCheckHandler(appUrl));
}

export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

/** Opens a web page in the user's browser; refuses every other scheme with a typed error. */
export async function openExternalSafely(shell: ExternalOpener, raw: unknown): Promise<Result<void, AppError>> {
  const parsed = parseExternalUrl(raw);
  if (!parsed.ok) return parsed;
  try {
    await shell.openExternal(parsed.value.href); // eng-disable OPEN_EXTERNAL_JS_CHECK (validated above: http/https only)
  } catch {
    // No browser registered, or the OS refused: an answer for the caller, never an unhandled rejection.
    return err(appError('internal', 'The browser could not be opened.', 'Không mở được trình duyệt.'));
  }
  return ok(undefined);
}

/**
 * Locks down any web contents the app creates: no navigation away from the app page, no
 * webviews, no new windows (web links go to the browser instead).
 */
export function hardenWebContents(contents: WebContents, appUrl: string, shell: ExternalOpener, log: Log): void {
  const blockForeignNavigation = (event: { preventDefault(): void }, url: string): void => {
    if (decideNavigation(url, appUrl).kind === 'deny') {
      event.preventDefault();
      log(`Blocked navigation to ${originOf(url)}`);
    }
  };
  contents.on('will-navigate', blockForeignNavigation);
  contents.on('will-redirect', blockForeignNavigation);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('Blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.kind === 'open-externally') {
      void openExternalSafely(shell, decision.url).then((opened) => {
        if (!opened.ok) log(`Refused to open a link: ${opened.error.message}`);
      });
    } else {
      log(`Blocked a new window for ${originOf(url)}`);
    }
    return { action: 'deny' };
  });
}

/** Logs name the origin only: paths and queries of foreign URLs may carry tokens. */
function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'file:') return 'a local file';
    // Node gives custom schemes (app:) the opaque origin "null": name scheme and host instead.
    return parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
  } catch {
    return 'an invalid URL';
  }
}
