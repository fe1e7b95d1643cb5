import type { AppError } from '../../../shared/errors';
import type { Result } from '../../../shared/result';
import type { Clock, SignalLogger, SignalToken, TokenSource } from './types';

/**
 * Holds the voice auth token. A fresh one is fetched before every connect; while connected,
 * it is refreshed ahead of expiry (at 80 % of its life or 5 minutes before it ends, whichever
 * comes first) so later messages that carry it, and the next reconnect, never use a stale one.
 * Concurrent callers share one fetch.
 */

const EARLY_MS = 5 * 60_000;
const MIN_REFRESH_DELAY_MS = 5_000;
const RETRY_AFTER_FAILURE_MS = 30_000;
/** Timers cannot wait longer than 2^31 ms; a day is plenty between refreshes anyway. */
const MAX_REFRESH_DELAY_MS = 24 * 3_600_000;

export function refreshDelayMs(obtainedAtMs: number, expiresAtMs: number): number {
  const life = Math.max(0, expiresAtMs - obtainedAtMs);
  const at = Math.min(obtainedAtMs + life * 0.8, expiresAtMs - EARLY_MS);
  return Math.min(MAX_REFRESH_DELAY_MS, Math.max(MIN_REFRESH_DELAY_MS, at - obtainedAtMs));
}

export class TokenKeeper {
  private token: SignalToken | undefined;
  /** Recent tokens: the server echoes a refused (maybe older) one in its errors. */
  private readonly recent: string[] = [];
  private inFlight: Promise<Result<SignalToken, AppError>> | undefined;
  private timer: unknown;
  private active = false;

  constructor(
    private readonly source: TokenSource,
    private readonly clock: Clock,
    private readonly log: SignalLogger,
  ) {}

  /** The token to put on outgoing messages, if there is one. */
  current(): string | undefined {
    return this.token?.token;
  }

  /** Every token this keeper has held recently, for redaction. */
  secrets(): string[] {
    return [...this.recent];
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

  /** A new token from the source (shared by concurrent callers). */
  fetch(): Promise<Result<SignalToken, AppError>> {
    this.inFlight ??= this.source
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
        this.inFlight = undefined;
        if (result.ok) {
          this.token = result.value;
          if (!this.recent.includes(result.value.token)) this.recent.push(result.value.token);
          if (this.recent.length > 4) this.recent.shift();
          this.schedule();
        }
        return result;
      });
    return this.inFlight;
  }

  /**
   * After the server refused `rejected`: a newer token if one arrived meanwhile, else a
   * fresh fetch. Several refused messages therefore cost one fetch.
   */
  async replace(rejected: string | undefined): Promise<Result<SignalToken, AppError>> {
    if (this.token && this.token.token !== rejected) return { ok: true, value: this.token };
    return this.fetch();
  }

  private schedule(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.active || !this.token) return;
    const now = this.clock.now();
    const expires = this.token.expiresAt.getTime();
    const delay = Number.isFinite(expires) ? refreshDelayMs(now, expires) : RETRY_AFTER_FAILURE_MS;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.fetch().then((result) => {
        if (result.ok || !this.active) return;
        this.log.warn('signals: token refresh failed; retrying', { code: result.error.code });
        if (this.timer === undefined)
          this.timer = this.clock.setTimeout(() => void this.refreshNow(), RETRY_AFTER_FAILURE_MS);
      });
    }, delay);
  }

  private async refreshNow(): Promise<void> {
    this.timer = undefined;
    if (!this.active) return;
    const result = await this.fetch();
    if (!result.ok && this.active && this.timer === undefined) {
      this.timer = this.clock.setTimeout(() => void this.refreshNow(), RETRY_AFTER_FAILURE_MS);
    }
  }
}
