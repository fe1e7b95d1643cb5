import type { AppError } from '../../../shared/errors';
import type { CallRecord } from '../api/types';
import { fetchHistory, type HistorySource } from '../history';
import { RecentCallsIndex } from './recent-calls-index';
import { backgroundClock, type Clock } from '../clock';
import { createPeriodicRefresh } from '../periodic-refresh';

export type HistoryCacheTimers = Clock;
const systemTimers: HistoryCacheTimers = backgroundClock;

export interface CallHistoryCacheOptions {
  readonly source: HistorySource;
  /** How far back the first load reaches. Default 31 days (one history window). */
  readonly days?: number;
  /** Time between background refreshes. Default 3 minutes. */
  readonly refreshEveryMs?: number;
  /** A refresh re-reads this much before the last one ended, for records the server files late. Default 15 minutes. */
  readonly overlapMs?: number;
  /** After a failed load or refresh, the next try comes this soon. Default 30 s. */
  readonly retryAfterMs?: number;
  readonly timers?: HistoryCacheTimers;
  readonly onError?: (error: AppError) => void;
}

export interface CallHistoryCache {
  readonly index: RecentCallsIndex;
  /** True once the first load has succeeded. */
  readonly loaded: boolean;
  /** Starts the first load and the background refreshes; idempotent. */
  start(): void;
  /** Refreshes soon (e.g. after a call ended, so its record is on the next pop); coalesces calls. */
  refreshSoon(delayMs?: number): void;
  /** One refresh now; resolves when it is filed. */
  refresh(): Promise<void>;
  dispose(): void;
}

const DAY_MS = 86_400_000;

/**
 * Records filed between two turns of the event loop. Filing one costs tens of microseconds
 * (its numbers are normalised), and a busy center's month is 150,000 records: filed at once
 * they would hold main for seconds, and a call ringing meanwhile would pop only after. In
 * slices of this size a ring waits a few milliseconds at most.
 */
export const RECORDS_PER_SLICE = 50;

async function fileInSlices(
  index: RecentCallsIndex,
  records: readonly CallRecord[],
  timers: Clock,
  stopped: () => boolean,
): Promise<void> {
  for (let start = 0; start < records.length && !stopped(); start += RECORDS_PER_SLICE) {
    if (start > 0) await new Promise<void>((resolve) => timers.setTimeout(resolve, 0));
    index.addRecords(records.slice(start, start + RECORDS_PER_SLICE));
  }
}

/**
 * A local copy of recent call history for screen-pop lookups. The network is only read in the
 * background: the ring path reads `index`, which is filled from the last `days` at start and
 * topped up every few minutes (and shortly after calls end).
 */
export function createCallHistoryCache(options: CallHistoryCacheOptions): CallHistoryCache {
  const timers = options.timers ?? systemTimers;
  const days = options.days ?? 31;
  const refreshEveryMs = options.refreshEveryMs ?? 3 * 60_000;
  const overlapMs = options.overlapMs ?? 15 * 60_000;
  const retryAfterMs = options.retryAfterMs ?? 30_000;
  const index = new RecentCallsIndex();
  let loadedUntil: number | undefined;
  let disposed = false;

  const loop = createPeriodicRefresh({
    clock: timers,
    everyMs: refreshEveryMs,
    retryAfterMs,
    random: Math.random,
    run: async () => {
      const to = timers.now();
      const from =
        loadedUntil === undefined ? to - days * DAY_MS : Math.max(to - days * DAY_MS, loadedUntil - overlapMs);
      const result = await fetchHistory(options.source, { from: new Date(from), to: new Date(to) });
      if (disposed) return false;
      if (!result.ok) {
        options.onError?.(result.error);
        return false;
      }
      await fileInSlices(index, result.value, timers, () => disposed);
      if (disposed) return false;
      loadedUntil = to;
      return true;
    },
  });

  return {
    index,
    get loaded() {
      return loadedUntil !== undefined;
    },
    start: loop.start,
    refreshSoon(delayMs = 5_000) {
      loop.refreshSoon(delayMs);
    },
    refresh: loop.refresh,
    dispose() {
      disposed = true;
      loop.dispose();
    },
  };
}
