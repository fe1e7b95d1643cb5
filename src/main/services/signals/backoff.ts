/**
 * Retry timing for everything call signals ask of the network (the socket, the voice token,
 * the gap's history): exponential backoff with "equal" jitter, uniform in [c/2, c] where
 * c = min(cap, base·2^(n−1)) after the n-th failure in a row. The jitter keeps a thousand
 * agents recovering from one outage out of lockstep; the floor of c/2 makes the spacing a
 * guarantee rather than a likelihood (full jitter may draw 0 ms again and again: a storm).
 * Every wait stays under the cap, which is how reconnects keep their 30 s promise.
 */

export interface ReconnectPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

/** The socket: 250 ms doubling to 30 s, as the 2600Hz web client does (with a lower cap). */
export const DEFAULT_RECONNECT: ReconnectPolicy = { baseMs: 250, capMs: 30_000 };

/**
 * Requests to the Open API (voice token, gap history) after a failure. They start slower than
 * the socket: a gap's history still costs up to four HTTP requests a page (the client's own
 * retries); the voice token is asked for without them (one request per attempt), so this
 * spacing is its whole rate during an outage.
 */
export const DEFAULT_REQUEST_RETRY: ReconnectPolicy = { baseMs: 2_000, capMs: 30_000 };

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
  return Math.floor(ceiling / 2 + (unit * ceiling) / 2);
}
