import type { AppError } from '../../../shared/errors';
import type { Result } from '../../../shared/result';
import { DEFAULT_REQUEST_RETRY, reconnectDelayMs, type ReconnectPolicy } from './backoff';
import type { Clock, SignalLogger, SignalToken, TokenSource } from './types';

/**
 * Holds the voice auth token. While connected it is refreshed ahead of expiry (at 80 % of its
 * life or 5 minutes before it ends, whichever comes first), so the next reconnect normally
 * finds a good one at hand and does not depend on the API at all. Concurrent callers share one
 * fetch, and requests are paced: after a failure no new request goes out before the jittered
 * backoff has passed (meanwhile a fetch answers the last failure), so an API outage costs a
 * request every few seconds at most, never a storm.
 */

const EARLY_MS = 5 * 60_000;
const MIN_REFRESH_DELAY_MS = 5_000;
/** A token with no readable expiry is refreshed this often. */
const UNKNOWN_EXPIRY_REFRESH_MS = 30 * 60_000;
/** Timers cannot wait longer than 2^31 ms; a day is plenty between refreshes anyway. */
const MAX_REFRESH_DELAY_MS = 24 * 3_600_000;
/**
 * A token is reused for a (re)connect only while it has at least this long to live: enough
 * to open the socket and subscribe every binding before the server could find it expired.
 */
const REUSE_MARGIN_MS = 60_000;

export function refreshDelayMs(obtainedAtMs: number, expiresAtMs: number): number {
  const life = Math.max(0, expiresAtMs - obtainedAtMs);
  const at = Math.min(obtainedAtMs + life * 0.8, expiresAtMs - EARLY_MS);
  return Math.min(MAX_REFRESH_DELAY_MS, Math.max(MIN_REFRESH_DELAY_MS, at - obtainedAtMs));
}

export interface TokenPacing {
  /** Uniform in [0, 1): the jitter of the wait after a failed request. */
  readonly random: () => number;
  readonly retry: ReconnectPolicy;
}

export class TokenKeeper {
  private token: SignalToken | undefined;
  /** The server refused this token: it is never offered for a connect again. */
  private refused: string | undefined;
  /** Recent tokens: the server echoes a refused (maybe older) one in its errors. */
  private readonly recent: string[] = [];
  private inFlight: Promise<Result<SignalToken, AppError>> | undefined;
  private timer: unknown;
  private active = false;
  /** Failed requests in a row, and the failure to answer with until the next may go out. */
  private failures = 0;
  private lastFailure: Result<SignalToken, AppError> | undefined;
  private notBeforeMs = 0;
  /** Bumped by reset(): a fetch begun before it answers its caller but changes nothing here. */
  private generation = 0;

  constructor(
    private readonly source: TokenSource,
    private readonly clock: Clock,
    private readonly log: SignalLogger,
    private readonly pacing: TokenPacing = { random: Math.random, retry: DEFAULT_REQUEST_RETRY },
  ) {}

  /** The token to put on outgoing messages, if there is one. */
  current(): string | undefined {
    return this.token?.token;
  }

  /** Every token this keeper has held recently, for redaction. */
  secrets(): string[] {
    return [...this.recent];
  }

  /** The token at hand when the server should still accept it: not refused, not about to expire. */
  usable(): SignalToken | undefined {
    const token = this.token;
    if (!token || token.token === this.refused) return undefined;
    const expires = token.expiresAt.getTime();
    if (!Number.isFinite(expires) || expires - this.clock.now() < REUSE_MARGIN_MS) return undefined;
    return token;
  }

  /** How long until a new request may go out (0: now); after a failure, the jittered backoff. */
  waitBeforeRequestMs(): number {
    return Math.max(0, this.notBeforeMs - this.clock.now());
  }

  /** Starts keeping the token fresh in the background (call after the first fetch). */
  keepFresh(): void {
    this.active = true;
    this.schedule();
  }

  stop(): void {
    this.active = false;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * Forgets the token and the backoff: a (re)started service may have another account, server
   * or secret, and a token must never be offered to a server it was not issued for. The
   * recent tokens stay known for redaction.
   */
  reset(): void {
    this.stop();
    this.generation++;
    this.token = undefined;
    this.refused = undefined;
    this.inFlight = undefined;
    this.failures = 0;
    this.lastFailure = undefined;
    this.notBeforeMs = 0;
  }

  /**
   * A new token from the source (shared by concurrent callers). During the backoff after a
   * failure it answers that failure again without asking.
   */
  fetch(): Promise<Result<SignalToken, AppError>> {
    if (this.inFlight) return this.inFlight;
    if (this.lastFailure && this.waitBeforeRequestMs() > 0) return Promise.resolve(this.lastFailure);
    const generation = this.generation;
    const request: Promise<Result<SignalToken, AppError>> = this.source
      .getToken()
      .catch((error: unknown): Result<SignalToken, AppError> => {
        // A TokenSource must return errors as values; one that throws is still survived.
        this.log.error('signals: token source threw', { error: error instanceof Error ? error.name : typeof error });
        return {
          ok: false,
          error: {
            code: 'internal',
            message: 'Could not get the call-signal token.',
            messageVi: 'Không lấy được mã xác thực tín hiệu cuộc gọi.',
          },
        };
      })
      .then((result) => {
        if (result.ok && !this.recent.includes(result.value.token)) {
          this.recent.push(result.value.token);
          if (this.recent.length > 4) this.recent.shift();
        }
        if (generation !== this.generation) return result;
        this.inFlight = undefined;
        if (result.ok) {
          this.token = result.value;
          this.failures = 0;
          this.lastFailure = undefined;
          this.notBeforeMs = 0;
          this.schedule();
        } else {
          this.failures++;
          this.lastFailure = result;
          this.notBeforeMs = this.clock.now() + this.pauseAfter(result.error);
        }
        return result;
      });
    this.inFlight = request;
    return request;
  }

  /**
   * After the server refused `rejected`: a newer token if one arrived meanwhile, else a
   * fresh fetch. Several refused messages therefore cost one fetch.
   */
  async replace(rejected: string | undefined): Promise<Result<SignalToken, AppError>> {
    if (rejected !== undefined) this.refused = rejected;
    const usable = this.usable();
    if (usable && usable.token !== rejected) return { ok: true, value: usable };
    return this.fetch();
  }

  /**
   * The jittered backoff, or the server's Retry-After when it asks for longer; never past the
   * policy's cap, which is what keeps a reconnect within its 30 s of a drop.
   */
  private pauseAfter(error: AppError): number {
    const backoff = reconnectDelayMs(this.failures, this.pacing.random, this.pacing.retry);
    const asked = error.retryAfterMs ?? 0;
    return Math.min(this.pacing.retry.capMs, Math.max(backoff, asked));
  }

  private schedule(delayMs?: number): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.active || !this.token) return;
    const expires = this.token.expiresAt.getTime();
    const delay =
      delayMs ?? (Number.isFinite(expires) ? refreshDelayMs(this.clock.now(), expires) : UNKNOWN_EXPIRY_REFRESH_MS);
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delay);
  }

  private async refresh(): Promise<void> {
    if (!this.active) return;
    const result = await this.fetch();
    if (result.ok || !this.active || this.timer !== undefined) return;
    this.log.warn('signals: token refresh failed; retrying', { code: result.error.code });
    this.schedule(Math.max(1, this.waitBeforeRequestMs()));
  }
}
