/**
 * The web host's per-run access token travels in the URL fragment (`/#token=…`): browsers
 * never send a fragment to the server, so the token reaches no request line or server log,
 * and the bridge script removes it from the address bar (and so the history) at once. The
 * fragment may also hold the app's hash route (`#/popup`): parts are joined with `&`.
 */

const TOKEN_PREFIX = 'token=';

/** The address the web host prints: its page, with the token in the fragment. */
export function webHostPageUrl(origin: string, token: string): string {
  return `${origin}/#${TOKEN_PREFIX}${token}`;
}

function decodeToken(raw: string): string | null {
  try {
    const token = decodeURIComponent(raw);
    return token === '' ? null : token;
  } catch {
    return null;
  }
}

/**
 * Splits `location.hash` into the token (null when there is none) and the fragment the page
 * should keep showing ('' when only the token was there). Every token part is removed, even
 * one that cannot be read, so nothing token-like stays visible.
 */
export function splitTokenFromHash(hash: string): { readonly token: string | null; readonly hash: string } {
  const parts = (hash.startsWith('#') ? hash.slice(1) : hash).split('&');
  const tokenParts = parts.filter((part) => part.startsWith(TOKEN_PREFIX));
  if (tokenParts.length === 0) return { token: null, hash };
  const rest = parts.filter((part) => !part.startsWith(TOKEN_PREFIX) && part !== '');
  const last = tokenParts[tokenParts.length - 1] ?? '';
  return { token: decodeToken(last.slice(TOKEN_PREFIX.length)), hash: rest.length > 0 ? `#${rest.join('&')}` : '' };
}
