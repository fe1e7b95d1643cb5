import { extname, join, normalize, sep } from 'node:path';

/**
 * Pure mapping of a URL path to a file of the built renderer, shared by the two hosts that
 * serve it (the Electron shell's app:// protocol and the web host). No file system access:
 * reading, and refusing links that lead out, is static-files.ts's job.
 */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Separators hidden in an encoding: no real asset name has one, only a traversal attempt does. */
const ENCODED_SEPARATOR = /%2f|%5c/i;

/**
 * Maps a URL path to a file inside `root`, or null when it would leave `root` (traversal,
 * encoded separators, backslashes, NUL bytes), names `root` itself, or cannot be decoded.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  if (ENCODED_SEPARATOR.test(urlPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // Refuse any ".." segment outright rather than trusting normalisation to contain it.
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) return null;
  const relative = normalize(decoded).replace(/^[/\\]+/, '');
  const full = join(root, relative);
  const rootWithSep = root.endsWith(sep) ? root : root + sep;
  return full.startsWith(rootWithSep) ? full : null;
}
