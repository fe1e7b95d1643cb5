import { afterEach, describe, expect, it, vi } from 'vitest';
import { appError } from '../../../src/shared/errors';
import { err, ok } from '../../../src/shared/result';
import { DEFAULT_RECONNECT, DEFAULT_REQUEST_RETRY, reconnectDelayMs } from '../../../src/main/services/signals';
import { TokenKeeper, refreshDelayMs } from '../../../src/main/services/signals/token-keeper';
import { silentLogger, systemClock } from '../../../src/main/services/signals/types';

describe('reconnect backoff with equal jitter', () => {
  it('doubles from 250 ms up to the 30 s cap at the top of the jitter range', () => {
    const top = () => 0.999_999;
    const ceilings = Array.from({ length: 12 }, (_, i) => reconnectDelayMs(i + 1, top));
    expect(ceilings).toEqual([249, 499, 999, 1999, 3999, 7999, 15_999, 29_999, 29_999, 29_999, 29_999, 29_999]);
    expect(DEFAULT_RECONNECT).toEqual({ baseMs: 250, capMs: 30_000 });
  });

  it('draws uniformly between half the ceiling and the ceiling (equal jitter), never above the cap', () => {
    expect(reconnectDelayMs(1, () => 0)).toBe(125);
    expect(reconnectDelayMs(3, () => 0.5)).toBe(750);
    expect(reconnectDelayMs(50, () => 0.5)).toBe(22_500);
    expect(reconnectDelayMs(4, () => 2)).toBe(2_000);
    expect(reconnectDelayMs(4, () => -1)).toBe(1_000);
    expect(reconnectDelayMs(4, () => Number.NaN)).toBe(1_000);
  });

  it('spaces API request retries from 1–2 s up to 15–30 s', () => {
    const lowest = Array.from({ length: 7 }, (_, i) => reconnectDelayMs(i + 1, () => 0, DEFAULT_REQUEST_RETRY));
    expect(lowest).toEqual([1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000]);
    expect(reconnectDelayMs(9, () => 0.999_999, DEFAULT_REQUEST_RETRY)).toBe(29_999);
  });
});

describe('token lifecycle', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refreshes at 80 % of the life or 5 minutes before expiry, whichever is sooner', () => {
    const hour = 3_600_000;
    // One hour: 80 % (48 min) comes before 5 min ahead (55 min).
    expect(refreshDelayMs(0, hour)).toBe(48 * 60_000);
    // Ten hours: 80 % (8 h) is sooner than 5 min ahead (9 h 55).
    expect(refreshDelayMs(0, 10 * hour)).toBe(8 * hour);
    // Twenty minutes: 5 min ahead (15 min) is sooner than 80 % (16 min).
    expect(refreshDelayMs(0, 20 * 60_000)).toBe(15 * 60_000);
    // Already (nearly) expired: soon, but never a hot loop.
    expect(refreshDelayMs(0, 1_000)).toBe(5_000);
    // Absurd lifetimes stay within what a timer can wait.
    expect(refreshDelayMs(0, 1e15)).toBe(24 * hour);
  });

  it('keeps the token fresh ahead of expiry and shares one fetch between callers', async () => {
    vi.useFakeTimers({ now: 0 });
    let n = 0;
    const getToken = vi.fn(async () => ok({ token: `tok-${++n}`, expiresAt: new Date(Date.now() + 3_600_000) }));
    const keeper = new TokenKeeper({ getToken }, systemClock, silentLogger);
    const [a, b] = await Promise.all([keeper.fetch(), keeper.fetch()]);
    expect(getToken).toHaveBeenCalledTimes(1);
    expect(a).toEqual(b);
    keeper.keepFresh();
    await vi.advanceTimersByTimeAsync(48 * 60_000 - 1);
    expect(getToken).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(keeper.current()).toBe('tok-2');
    // A refused token is replaced once, however many messages it was on.
    await Promise.all([keeper.replace('tok-2'), keeper.replace('tok-2')]);
    expect(getToken).toHaveBeenCalledTimes(3);
    expect(await keeper.replace('tok-2')).toMatchObject({ ok: true, value: { token: 'tok-3' } });
    keeper.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('a failed voice-token request and the server’s Retry-After', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const policy = { baseMs: 2_000, capMs: 30_000 };
  const refusedFor = (retryAfterMs?: number) =>
    err({
      ...appError('rate_limited', 'AntBuddy is limiting requests', 'AntBuddy đang giới hạn số yêu cầu', {
        status: 503,
      }),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });

  it('waits what the server asked when that is longer than the backoff', async () => {
    vi.useFakeTimers({ now: 0 });
    const keeper = new TokenKeeper({ getToken: async () => refusedFor(12_000) }, systemClock, silentLogger, {
      random: () => 0.5,
      retry: policy,
    });
    await keeper.fetch();
    // The first backoff would be 1.5 s; the server asked for 12.
    expect(keeper.waitBeforeRequestMs()).toBe(12_000);
  });

  it('keeps the backoff when the server asks for less, and never waits past the cap', async () => {
    vi.useFakeTimers({ now: 0 });
    const short = new TokenKeeper({ getToken: async () => refusedFor(100) }, systemClock, silentLogger, {
      random: () => 0.5,
      retry: policy,
    });
    await short.fetch();
    expect(short.waitBeforeRequestMs()).toBe(1_500);
    const long = new TokenKeeper({ getToken: async () => refusedFor(600_000) }, systemClock, silentLogger, {
      random: () => 0.5,
      retry: policy,
    });
    await long.fetch();
    expect(long.waitBeforeRequestMs()).toBe(30_000);
  });
});
