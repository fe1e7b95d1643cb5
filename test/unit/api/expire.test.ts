import { describe, expect, it } from 'vitest';
import { parseExpire } from '../../../src/main/services/api/expire';

const now = Date.parse('2026-01-28T08:00:00.000Z');

describe('parseExpire', () => {
  it.each([
    ['unix seconds', 1769590800, '2026-01-28T09:00:00.000Z', 'unix_s'],
    ['unix seconds as a string', '1769590800', '2026-01-28T09:00:00.000Z', 'unix_s'],
    ['unix milliseconds', 1769590800000, '2026-01-28T09:00:00.000Z', 'unix_ms'],
    ['unix milliseconds as a string', ' 1769590800000 ', '2026-01-28T09:00:00.000Z', 'unix_ms'],
    ['Kazoo Gregorian seconds', 1769590800 + 62167219200, '2026-01-28T09:00:00.000Z', 'gregorian_s'],
    ['a lifetime in seconds', 3600, '2026-01-28T09:00:00.000Z', 'lifetime_s'],
    ['a lifetime as a string', '3600', '2026-01-28T09:00:00.000Z', 'lifetime_s'],
    ['an ISO date', '2026-01-28T09:00:00.000Z', '2026-01-28T09:00:00.000Z', 'date_string'],
    ['an ISO date with offset', '2026-01-28T16:00:00+07:00', '2026-01-28T09:00:00.000Z', 'date_string'],
  ] as const)('reads %s', (_label, raw, expected, unit) => {
    const parsed = parseExpire(raw, now);
    expect(parsed?.expiresAt.toISOString()).toBe(expected);
    expect(parsed?.unit).toBe(unit);
  });

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY, '', 'soon', 'abc123'])('rejects %s', (raw) => {
    expect(parseExpire(raw, now)).toBeUndefined();
  });
});
