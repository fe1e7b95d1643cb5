import { describe, expect, it } from 'vitest';
import { backoffDelay, ReconnectSchedule, SIP_BACKOFF } from '../../../src/renderer/src/sip/reconnect-policy';

describe('backoff with full jitter', () => {
  it('spans [floor, base·2^(n−1)] for retry n, capped at 30 s', () => {
    expect(backoffDelay(1, () => 0)).toBe(SIP_BACKOFF.floorMs);
    expect(backoffDelay(1, () => 1)).toBe(2_000);
    expect(backoffDelay(2, () => 1)).toBe(4_000);
    expect(backoffDelay(4, () => 1)).toBe(16_000);
    expect(backoffDelay(5, () => 1)).toBe(30_000);
    expect(backoffDelay(50, () => 1)).toBe(30_000);
    expect(backoffDelay(50, () => 0)).toBe(1_000);
    expect(backoffDelay(3, () => 0.5)).toBe(1_000 + 0.5 * (8_000 - 1_000));
  });

  it('spreads clients over the whole range (jitter), never below the floor or above the cap', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const delays = Array.from({ length: 500 }, () => backoffDelay(10, random));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(1_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(30_000);
    expect(Math.min(...delays)).toBeLessThan(5_000);
    expect(Math.max(...delays)).toBeGreaterThan(25_000);
  });
});

describe('reconnect schedule', () => {
  it('waits longer after each failure in a row and not at all once told to skip', () => {
    const schedule = new ReconnectSchedule(() => 1);
    expect(schedule.waitFor(0)).toBe(0);
    schedule.failed(0);
    expect(schedule.waitFor(0)).toBe(2_000);
    expect(schedule.waitFor(1_500)).toBe(500);
    schedule.failed(2_000);
    expect(schedule.waitFor(2_000)).toBe(4_000);
    schedule.skipWait();
    expect(schedule.waitFor(2_000)).toBe(0);
    expect(schedule.attempts).toBe(2);
  });

  it('starts from the first step after a connection that stayed up, not after a flapping one', () => {
    const schedule = new ReconnectSchedule(() => 1);
    schedule.failed(0);
    schedule.failed(1_000);
    schedule.opened(5_000);
    schedule.failed(6_000); // up 1 s: still flapping
    expect(schedule.attempts).toBe(3);
    schedule.opened(10_000);
    schedule.failed(10_000 + SIP_BACKOFF.stableAfterMs);
    expect(schedule.attempts).toBe(1);
  });
});
