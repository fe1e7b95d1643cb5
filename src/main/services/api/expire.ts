/**
 * Reads the auth token's `expire`, whose unit the vendor does not document. Numbers (or
 * numeric strings) are told apart by magnitude; every range below is decades away from the
 * next, so a real value cannot land in the wrong one:
 *
 *   n ≥ 1e11                    unix milliseconds (1e11 ms is March 1973; as seconds it would be year 5138)
 *   62167219200 ≤ n < 1e11      Kazoo Gregorian seconds (the platform is Kazoo-based: unix = n − 62167219200;
 *                               as unix seconds these would be past year 3900)
 *   1e9 ≤ n < 62167219200       unix seconds (1e9 s is September 2001)
 *   0 < n < 1e9                 a lifetime in seconds from now (1e9 s is ~31 years: no token lives that long)
 *
 * Any other string is read as a date (ISO 8601 or anything Date.parse understands with a
 * zone). A lifetime in milliseconds cannot be told from one in seconds; it would read as a
 * far later expiry, which callers bound by refreshing early anyway.
 */

const UNIX_MS_FROM = 1e11;
const GREGORIAN_OFFSET_S = 62_167_219_200;
const UNIX_S_FROM = 1e9;

export type ExpireUnit = 'unix_ms' | 'gregorian_s' | 'unix_s' | 'lifetime_s' | 'date_string';

export interface ParsedExpire {
  readonly expiresAt: Date;
  readonly unit: ExpireUnit;
}

export function parseExpire(raw: string | number, nowMs: number): ParsedExpire | undefined {
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (/^\d+(\.\d+)?$/.test(text)) return fromNumber(Number(text), nowMs);
    if (text === '') return undefined;
    const ms = Date.parse(text);
    return Number.isFinite(ms) ? { expiresAt: new Date(ms), unit: 'date_string' } : undefined;
  }
  return fromNumber(raw, nowMs);
}

function fromNumber(n: number, nowMs: number): ParsedExpire | undefined {
  if (!Number.isFinite(n) || n <= 0) return undefined;
  if (n >= UNIX_MS_FROM) return { expiresAt: new Date(n), unit: 'unix_ms' };
  if (n >= GREGORIAN_OFFSET_S) return { expiresAt: new Date((n - GREGORIAN_OFFSET_S) * 1000), unit: 'gregorian_s' };
  if (n >= UNIX_S_FROM) return { expiresAt: new Date(n * 1000), unit: 'unix_s' };
  return { expiresAt: new Date(nowMs + n * 1000), unit: 'lifetime_s' };
}
