/**
 * Reconnect timing: exponential backoff with full jitter (uniform in [0, min(cap, base·2^n)]),
 * so a thousand agents recovering from one outage do not reconnect in lockstep.
 */

export interface ReconnectPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { baseMs: 250, capMs: 30_000 };

/** `failures` counts consecutive failed attempts, 1 for the wait after the first failure. */
export function reconnectDelayMs(
  failures: number,
  random: () => number,
  policy: ReconnectPolicy = DEFAULT_RECONNECT,
): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return Math.floor(unit * ceiling);
}
