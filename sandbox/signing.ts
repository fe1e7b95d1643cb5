import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Hex SHA-256 of UTF-8 text: AntBuddy's request hash (parameters concatenated, secret last). */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function hmacSha256Hex(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

/** Compares two hex digests in constant time; case-insensitive, false on any length mismatch. */
export function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected.toLowerCase(), 'utf8');
  const b = Buffer.from(given.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
