import type { Clock } from '../clock';

/**
 * When the history sync runs: at start, every `everyMs`, `debounceMs` after a call ends
 * (several endings in a row make one run), and again after `retryAfterMs` (doubling up to
 * `everyMs`, each wait jittered between half and all of it, so that the agents of a company
 * whose API came back do not all retry in the same second) when a run failed. One run at a time; a request that arrives during a run is
 * remembered and served by the next one, and the running pass is asked to yield at its next
 * backfill page so the refresh is not stuck behind months of backfill.
 */

export interface RefreshRequest {
  /** Re-read history at least from here (unix ms). */
  readonly fromMs?: number;
}

export type PassResult = 'complete' | 'yielded' | 'failed';

export interface SyncSchedulerOptions {
  readonly clock: Clock;
  readonly everyMs: number;
  readonly debounceMs: number;
  readonly retryAfterMs: number;
  /** Uniform in [0, 1): the retry jitter. Default Math.random. */
  readonly random?: () => number;
  readonly runPass: (request: RefreshRequest, shouldYield: () => boolean) => Promise<PassResult>;
  /** A failed run will be retried at this moment (unix ms). */
  readonly onRetryScheduled?: (atMs: number) => void;
}

export interface SyncScheduler {
  /** First run now, then on the schedule; idempotent. */
  start(): void;
  /** A run as soon as possible; resolves when a run that includes this request has ended. */
  refreshNow(request?: RefreshRequest): Promise<void>;
  /** A run in `debounceMs` (a call just ended); later requests within the delay join it. */
  refreshSoon(request?: RefreshRequest): void;
  /** When the next automatic retry is due, while a failure is being retried. */
  readonly retryAt: number | undefined;
  /** Resolves when no run is in progress. */
  idle(): Promise<void>;
  dispose(): void;
}

function merge(a: RefreshRequest | undefined, b: RefreshRequest): RefreshRequest {
  if (!a) return b;
  if (a.fromMs === undefined || b.fromMs === undefined) return a.fromMs === undefined ? b : a;
  return { fromMs: Math.min(a.fromMs, b.fromMs) };
}

export function createSyncScheduler(options: SyncSchedulerOptions): SyncScheduler {
  const { clock } = options;
  let started = false;
  let disposed = false;
  let wanted: RefreshRequest | undefined;
  let running: Promise<void> | undefined;
  let periodicTimer: unknown;
  let soonTimer: unknown;
  let soonRequest: RefreshRequest | undefined;
  let retryTimer: unknown;
  let retryDelay = options.retryAfterMs;
  let retryAt: number | undefined;
  let waiters: (() => void)[] = [];

  const clear = (timer: unknown): undefined => {
    if (timer !== undefined) clock.clearTimeout(timer);
    return undefined;
  };

  const armPeriodic = (): void => {
    periodicTimer = clear(periodicTimer);
    if (disposed) return;
    periodicTimer = clock.setTimeout(() => {
      periodicTimer = undefined;
      request({});
      armPeriodic();
    }, options.everyMs);
  };

  const armRetry = (): void => {
    retryTimer = clear(retryTimer);
    if (disposed) return;
    const r = (options.random ?? Math.random)();
    const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
    const wait = Math.floor(retryDelay / 2 + (unit * retryDelay) / 2);
    retryAt = clock.now() + wait;
    retryTimer = clock.setTimeout(() => {
      retryTimer = undefined;
      retryAt = undefined;
      request({});
    }, wait);
    retryDelay = Math.min(retryDelay * 2, Math.max(options.retryAfterMs, options.everyMs));
    options.onRetryScheduled?.(retryAt);
  };

  async function loop(): Promise<void> {
    while (wanted && !disposed) {
      const current = wanted;
      wanted = undefined;
      const served = waiters;
      waiters = [];
      const result = await options.runPass(current, () => wanted !== undefined || disposed);
      if (result === 'failed') {
        armRetry();
      } else {
        retryTimer = clear(retryTimer);
        retryAt = undefined;
        retryDelay = options.retryAfterMs;
        // A yielded pass left windows pending: carry on with them (after any new request).
        if (result === 'yielded') wanted = merge(wanted, {});
      }
      for (const done of served) done();
    }
  }

  function request(next: RefreshRequest): Promise<void> {
    if (disposed) return Promise.resolve();
    wanted = merge(wanted, next);
    const served = new Promise<void>((resolve) => waiters.push(resolve));
    running ??= loop().finally(() => {
      running = undefined;
      // Requests that arrived as the loop ended still get their run.
      if (wanted && !disposed) void request({});
      else for (const done of waiters.splice(0)) done();
    });
    return served;
  }

  return {
    start() {
      if (started || disposed) return;
      started = true;
      void request({});
      armPeriodic();
    },
    refreshNow(next = {}) {
      return request(next);
    },
    refreshSoon(next = {}) {
      if (disposed) return;
      soonRequest = merge(soonRequest, next);
      soonTimer = clear(soonTimer);
      soonTimer = clock.setTimeout(() => {
        soonTimer = undefined;
        const pending = soonRequest ?? {};
        soonRequest = undefined;
        void request(pending);
      }, options.debounceMs);
    },
    get retryAt() {
      return retryAt;
    },
    async idle() {
      while (running) await running;
    },
    dispose() {
      disposed = true;
      periodicTimer = clear(periodicTimer);
      soonTimer = clear(soonTimer);
      retryTimer = clear(retryTimer);
      for (const done of waiters.splice(0)) done();
    },
  };
}
