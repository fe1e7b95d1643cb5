/**
 * A sliding one-second window on the sandbox clock: past `perSecond` requests, answer 503
 * until the oldest request in the window is a second old. The injected clock makes this
 * exact in tests (a frozen clock keeps the window full).
 */
export class RateLimiter {
  private readonly times: number[] = [];

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number,
  ) {
    if (!Number.isInteger(perSecond) || perSecond < 1)
      throw new Error('rateLimitPerSecond must be a whole number >= 1');
  }

  /** Records a request; returns undefined when allowed, else the seconds to wait (>= 1). */
  admit(): number | undefined {
    const now = this.now();
    while (this.times.length > 0 && (this.times[0] as number) <= now - 1000) this.times.shift();
    if (this.times.length >= this.perSecond) {
      const oldest = this.times[0] as number;
      return Math.max(1, Math.ceil((oldest + 1000 - now) / 1000));
    }
    this.times.push(now);
    return undefined;
  }
}
