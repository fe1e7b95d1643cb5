/**
 * The renderer's production Content Security Policy, in one place for every host that serves
 * the page: index.html's meta tag carries it (a unit test keeps them equal), the Electron
 * shell's app:// protocol and session send it as a header, and the web host starts from it.
 */

export type CspDirectives = Readonly<Record<string, readonly string[]>>;

/** Directive by directive, so a host can add a source to one without rewriting strings. */
export const APP_CSP_DIRECTIVES: CspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'media-src': ["'self'", 'blob:', 'https:'],
  'connect-src': ["'self'", 'wss:', 'https:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

export function serializeCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** What index.html's meta tag says. */
export const APP_CONTENT_SECURITY_POLICY = serializeCsp(APP_CSP_DIRECTIVES);

/**
 * `frame-ancestors` only works as a header (browsers ignore it in a meta tag), so the header
 * is the meta policy plus this.
 */
export const FRAME_ANCESTORS_NONE = "frame-ancestors 'none'";

/** What every response carrying the page sends as its Content-Security-Policy header. */
export const APP_HEADER_CONTENT_SECURITY_POLICY = `${APP_CONTENT_SECURITY_POLICY}; ${FRAME_ANCESTORS_NONE}`;
