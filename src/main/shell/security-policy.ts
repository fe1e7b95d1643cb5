import { appError, type AppError } from '../../shared/errors';
import { err, ok, type Result } from '../../shared/result';
import { isAppUrl, safeUrl } from './app-url';

/**
 * Pure security decisions, kept apart from the Electron wiring in security.ts so each rule can
 * be unit-tested without Electron.
 */

/** Schemes the OS may open for us. Anything else (file:, smb:, custom app schemes) could run a program. */
const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:']);

export function parseExternalUrl(raw: unknown): Result<URL, AppError> {
  const url = typeof raw === 'string' ? safeUrl(raw) : undefined;
  if (!url) {
    return err(
      appError('invalid_input', 'The link is not a valid web address.', 'Liên kết không phải là địa chỉ web hợp lệ.', {
        field: 'url',
      }),
    );
  }
  if (!EXTERNAL_PROTOCOLS.has(url.protocol)) {
    // Name the scheme, never the whole URL: it may carry tokens.
    return err(
      appError(
        'invalid_input',
        `Links with ${url.protocol} cannot be opened; only http and https are allowed.`,
        `Không thể mở liên kết ${url.protocol}; chỉ cho phép http và https.`,
        {
          field: 'url',
        },
      ),
    );
  }
  return ok(url);
}

export function isAllowedExternalUrl(raw: unknown): boolean {
  return parseExternalUrl(raw).ok;
}

export type PermissionRequest = {
  readonly permission: string;
  /** URL of the frame asking. */
  readonly requestingUrl: string;
  /** Whether the asking frame is the top-level frame of its window. */
  readonly isMainFrame: boolean;
  /** For `media`: what is asked for. Electron reports an empty list or 'unknown' when it cannot tell. */
  readonly mediaTypes: readonly string[];
  readonly appUrl: string;
};

/**
 * The app needs the microphone for calls and nothing else. Notifications are shown from main,
 * the camera is never used, and no other page may ask for anything.
 */
export function decidePermission(request: PermissionRequest): boolean {
  if (request.permission !== 'media') return false;
  if (!request.isMainFrame) return false;
  if (!isAppUrl(request.requestingUrl, request.appUrl)) return false;
  if (request.mediaTypes.length === 0) return false;
  return request.mediaTypes.every((type) => type === 'audio');
}

export type NavigationDecision = { readonly kind: 'allow' } | { readonly kind: 'deny' };

/** In-window navigation: only to the app's own page (reloads, hash routes). */
export function decideNavigation(url: string, appUrl: string): NavigationDecision {
  return isAppUrl(url, appUrl) ? { kind: 'allow' } : { kind: 'deny' };
}

export type WindowOpenDecision = { readonly kind: 'deny' } | { readonly kind: 'open-externally'; readonly url: string };

/** New windows are never created; web links go to the user's browser instead. */
export function decideWindowOpen(url: string): WindowOpenDecision {
  const parsed = parseExternalUrl(url);
  return parsed.ok ? { kind: 'open-externally', url: parsed.value.href } : { kind: 'deny' };
}
