import { describe, expect, it } from 'vitest';
import { backoffDelayMs, parseRetryAfterMs } from '../../../src/main/services/api/backoff';

describe('backoffDelayMs (full jitter)', () => {
  const policy = { baseMs: 300, capMs: 5000 };
  it('draws from [0, base·2^attempt] and is capped', () => {
    expect(backoffDelayMs(0, () => 0.999999, policy)).toBe(299);
    expect(backoffDelayMs(1, () => 0.5, policy)).toBe(300);
    expect(backoffDelayMs(3, () => 0.5, policy)).toBe(1200);
    expect(backoffDelayMs(10, () => 0.999999, policy)).toBe(4999);
    expect(backoffDelayMs(10, () => 0, policy)).toBe(0);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-01-28T08:00:00.000Z');
  it('reads delta seconds', () => expect(parseRetryAfterMs('7', now)).toBe(7000));
  it('reads an HTTP date', () => expect(parseRetryAfterMs('Wed, 28 Jan 2026 08:00:12 GMT', now)).toBe(12_000));
  it('treats a past date as now', () => expect(parseRetryAfterMs('Wed, 28 Jan 2026 07:00:00 GMT', now)).toBe(0));
  it('ignores absent or garbage values', () => {
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
    expect(parseRetryAfterMs('-3', now)).toBeUndefined();
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
  });
});
