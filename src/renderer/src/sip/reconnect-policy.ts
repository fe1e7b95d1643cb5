/**
 * How long the phone waits before opening the SIP websocket again. Capped exponential backoff
 * with full jitter (every client waits a random time up to the ceiling), so a whole call center
 * whose server restarted does not reconnect in lock step and knock it over again.
 */

export interface BackoffOptions {
  /** The shortest wait; JsSIP's own recovery timer counts in whole seconds, so 1 s is its floor anyway. */
  readonly floorMs: number;
  /** The ceiling of the first retry; it doubles with every failure in a row. */
  readonly baseMs: number;
  readonly capMs: number;
  /** A connection that stayed up this long was a real one: the next failure starts from the first step. */
  readonly stableAfterMs: number;
}

export const SIP_BACKOFF: BackoffOptions = { floorMs: 1_000, baseMs: 2_000, capMs: 30_000, stableAfterMs: 30_000 };

/** The wait before retry number `attempt` (1 = the first retry): uniform in [floor, min(cap, base·2^(attempt−1))]. */
export function backoffDelay(attempt: number, random: () => number, options: BackoffOptions = SIP_BACKOFF): number {
  const step = Math.max(1, Math.floor(attempt));
  const ceiling = Math.max(options.floorMs, Math.min(options.capMs, options.baseMs * 2 ** Math.min(step - 1, 30)));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(options.floorMs + r * (ceiling - options.floorMs));
}

/**
 * The failures in a row and when the next attempt is due. Plain state, no timers: the socket
 * asks it how long to wait, the watchdog asks it to skip the wait when it knows better.
 */
export class ReconnectSchedule {
  private failures = 0;
  private dueAt = 0;
  private openedAt: number | null = null;

  constructor(
    private readonly random: () => number = Math.random,
    private readonly options: BackoffOptions = SIP_BACKOFF,
  ) {}

  /** The socket opened. */
  opened(now: number): void {
    this.openedAt = now;
    this.dueAt = 0;
  }

  /** The socket closed, or an attempt failed, at `now`: returns the time the next attempt is due. */
  failed(now: number): number {
    const wasStable = this.openedAt !== null && now - this.openedAt >= this.options.stableAfterMs;
    this.openedAt = null;
    this.failures = wasStable ? 1 : this.failures + 1;
    this.dueAt = now + backoffDelay(this.failures, this.random, this.options);
    return this.dueAt;
  }

  /** How long an attempt asked for at `now` must still wait (0: go). */
  waitFor(now: number): number {
    return Math.max(0, this.dueAt - now);
  }

  /** The network is back, or the machine woke up: the next attempt goes at once. */
  skipWait(): void {
    this.dueAt = 0;
  }

  /** Failures in a row so far; a connection that stayed up starts the count again. */
  get attempts(): number {
    return this.failures;
  }
}
