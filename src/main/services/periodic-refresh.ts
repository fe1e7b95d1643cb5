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
 * when the run failed. Never two runs at once, nothing after dispose.
 */
export function createPeriodicRefresh(options: {
  readonly clock: Clock;
  readonly everyMs: number;
  readonly retryAfterMs: number;
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
    schedule(succeeded ? (soonAfterRun ?? options.everyMs) : options.retryAfterMs);
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
