import type { AppResult } from '../../../shared/errors';
import { ok } from '../../../shared/result';
import { MAX_HISTORY_LIMIT } from '../api/validate';
import { streamHistory, type HistoryPageReport, type HistorySource } from '../history/sync';
import type { HistoryStore } from './history-store';
import type { PlannedWindow } from './store-types';

const DAY_MS = 86_400_000;

export interface SyncProgress {
  readonly windowsDone: number;
  readonly windowsTotal: number;
  /** Records received in this pass. */
  readonly records: number;
  /** The store's revision after the last page (changes when stored calls changed). */
  readonly revision: number;
}

export interface SyncPassOptions {
  readonly store: Pick<HistoryStore, 'planSync' | 'commitPage' | 'prune'>;
  readonly source: HistorySource;
  readonly now: () => number;
  readonly historyDays: number;
  /** A refresh re-reads this much before the high-water mark (records are filed when calls end). */
  readonly overlapMs: number;
  /** Refresh at least from here (the start of a call that just ended). */
  readonly refreshFromMs?: number;
  /** History requests in flight at once (default 3). */
  readonly concurrency?: number;
  /**
   * Asked between pages of a backfill window: true stops the pass (its progress is stored)
   * so that a refresh can run first; the backfill resumes at the next page afterwards.
   */
  readonly shouldYield?: () => boolean;
  readonly onProgress?: (progress: SyncProgress) => void;
}

export type SyncPassOutcome = 'complete' | 'yielded';

/**
 * One sync run: plan (in the store), then fetch each pending window newest first through
 * streamHistory, committing every page as it arrives together with the window's progress.
 * Killed at any point, the store keeps every committed page and the next run resumes after
 * the pages it holds. An error stops the run and leaves everything stored so far in place;
 * old calls are pruned only after a run that reached the end.
 */
export async function runSyncPass(options: SyncPassOptions): Promise<AppResult<SyncPassOutcome>> {
  const { store } = options;
  const nowMs = options.now();
  const retentionFromMs = nowMs - options.historyDays * DAY_MS;
  const plan = await store.planSync({
    nowMs,
    retentionFromMs,
    overlapMs: options.overlapMs,
    pageLimit: MAX_HISTORY_LIMIT,
    ...(options.refreshFromMs !== undefined ? { refreshFromMs: options.refreshFromMs } : {}),
  });
  if (!plan.ok) return plan;
  const progress = {
    windowsDone: 0,
    windowsTotal: plan.value.pending.length,
    records: 0,
    revision: plan.value.meta.revision,
  };
  options.onProgress?.({ ...progress });

  for (const window of plan.value.pending) {
    const synced = await syncWindow(window, options, (records, revision) => {
      progress.records += records;
      progress.revision = revision;
      options.onProgress?.({ ...progress });
    });
    if (!synced.ok) return synced;
    if (synced.value === 'yielded') return synced;
    progress.windowsDone++;
    options.onProgress?.({ ...progress });
  }
  const pruned = await store.prune(retentionFromMs);
  if (!pruned.ok) return pruned;
  return ok('complete');
}

async function syncWindow(
  window: PlannedWindow,
  options: SyncPassOptions,
  onCommitted: (records: number, revision: number) => void,
): Promise<AppResult<SyncPassOutcome>> {
  const arrived: HistoryPageReport[] = [];
  const stored = new Set<number>();
  let pagesDone = window.pagesDone;
  let completed = false;

  const commitArrived = async (): Promise<AppResult<void>> => {
    for (let page = arrived.shift(); page; page = arrived.shift()) {
      stored.add(page.page);
      while (stored.has(pagesDone + 1)) pagesDone++;
      completed ||= page.windowComplete;
      const committed = await options.store.commitPage({
        windowId: window.id,
        records: page.records,
        pagesDone,
        windowComplete: page.windowComplete,
        nowMs: options.now(),
      });
      if (!committed.ok) return committed;
      onCommitted(page.records.length, committed.value.revision);
    }
    return ok(undefined);
  };

  const pages = streamHistory(options.source, {
    from: new Date(window.fromMs),
    to: new Date(window.toMs),
    limit: window.pageLimit,
    firstPage: window.pagesDone + 1,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    onPage: (page) => arrived.push(page),
  });
  // The yielded batches only pace the stream: the pages themselves arrive through onPage,
  // with their numbers, and are committed in arrival order.
  for await (const batch of pages) {
    const committed = await commitArrived();
    if (!committed.ok) return committed;
    if (!batch.ok) return batch;
    if (window.kind === 'backfill' && options.shouldYield?.()) return ok('yielded');
  }
  const committed = await commitArrived();
  if (!committed.ok) return committed;
  if (!completed) {
    // Defensive: the stream ended without a page saying the window is whole; it is.
    const marked = await options.store.commitPage({
      windowId: window.id,
      records: [],
      pagesDone,
      windowComplete: true,
      nowMs: options.now(),
    });
    if (!marked.ok) return marked;
  }
  return ok('complete');
}
