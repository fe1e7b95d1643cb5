import type { Clock } from './clock';

export interface PeriodicRefresh {
  /** First run now, then every `everyMs`; idempotent. */
  start(): void;
  readonly started: boolean;
  /** Runs now, or joins the run in progress: one run at a time. */
  refresh(): Promise<void>;
  /** Runs after `delayMs`; asked during a run, it replaces that run's regular schedule. */
  refreshSoon(delayMs: number): void;
  dispose(): void;
}

/**
 * A background cache's heartbeat: run, then again after `everyMs`, or after `retryAfterMs`
 * when the run failed (jittered between half of it and all of it when `random` is given, so
 * the agents of a company whose API failed for all of them at once do not retry in lockstep).
 * Never two runs at once, nothing after dispose.
 */
export function createPeriodicRefresh(options: {
  readonly clock: Clock;
  readonly everyMs: number;
  readonly retryAfterMs: number;
  /** Uniform in [0, 1): the retry jitter; without it every retry waits `retryAfterMs` exactly. */
  readonly random?: () => number;
  /** Resolves true when the run succeeded. */
  readonly run: () => Promise<boolean>;
}): PeriodicRefresh {
  const { clock } = options;
  let started = false;
  let disposed = false;
  let running: Promise<void> | undefined;
  let timer: unknown;
  /** A refreshSoon that arrived while a run was in progress. */
  let soonAfterRun: number | undefined;

  const retryDelay = (): number => {
    if (!options.random) return options.retryAfterMs;
    const r = options.random();
    const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
    return Math.floor(options.retryAfterMs / 2 + (unit * options.retryAfterMs) / 2);
  };

  const schedule = (ms: number): void => {
    if (disposed) return;
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = clock.setTimeout(() => {
      timer = undefined;
      void refresh();
    }, ms);
  };

  async function runOnce(): Promise<void> {
    const succeeded = await options.run();
    if (disposed) return;
    schedule(succeeded ? (soonAfterRun ?? options.everyMs) : retryDelay());
    soonAfterRun = undefined;
  }

  function refresh(): Promise<void> {
    if (disposed) return Promise.resolve();
    running ??= runOnce().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    start() {
      if (started || disposed) return;
      started = true;
      void refresh();
    },
    get started() {
      return started;
    },
    refresh,
    refreshSoon(delayMs) {
      if (!started || disposed) return;
      if (running) soonAfterRun = delayMs;
      else schedule(delayMs);
    },
    dispose() {
      disposed = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
