import { appError, type AppError, type AppResult } from '../../../shared/errors';
import { err, ok } from '../../../shared/result';
import { invalidInput } from '../api/api-errors';
import type { AntBuddyClient } from '../api/client';
import type { CallRecord } from '../api/types';
import { checkLimit, MAX_HISTORY_LIMIT } from '../api/validate';
import { recordKey } from './record-key';
import { splitIntoWindows, type TimeWindow } from './windows';

export interface HistoryProgress {
  readonly windowsDone: number;
  readonly windowsTotal: number;
  /** Pages received so far. */
  readonly pages: number;
  /** Distinct records received so far. */
  readonly records: number;
}

export interface HistorySyncOptions {
  readonly from: Date;
  readonly to: Date;
  /** Records per page, 1..100. Default 100 (fewest requests). */
  readonly limit?: number;
  /** Requests in flight at once, 1..16. Default 3. */
  readonly concurrency?: number;
  readonly onProgress?: (progress: HistoryProgress) => void;
  /**
   * First page requested in every window, default 1: a caller that stores pages durably
   * resumes a window after the pages it already holds.
   */
  readonly firstPage?: number;
  /**
   * Every page as it arrives, before de-duplication and before its records are yielded: for a
   * caller that commits pages and must know which page of which window it holds.
   */
  readonly onPage?: (page: HistoryPageReport) => void;
}

export interface HistoryPageReport {
  readonly window: TimeWindow;
  readonly page: number;
  readonly records: readonly CallRecord[];
  /** Every page of the window from firstPage up to its last page has now arrived. */
  readonly windowComplete: boolean;
}

/** All the sync needs from the client, so tests and other hosts can supply just this. */
export type HistorySource = Pick<AntBuddyClient, 'getHistoryPage'>;

const MAX_CONCURRENCY = 16;

interface WindowCursor {
  readonly window: TimeWindow;
  nextPage: number;
  inFlight: number;
  /** The first page that came back short: there is nothing after it. */
  lastPage?: number;
  readonly completed: Set<number>;
  done: boolean;
}

function checkOptions(
  options: HistorySyncOptions,
): AppResult<{ limit: number; concurrency: number; firstPage: number; windows: TimeWindow[] }> {
  const { from, to } = options;
  if (!(from instanceof Date) || !Number.isFinite(from.getTime())) {
    return err(invalidInput('from', 'not a valid date', 'không phải ngày hợp lệ'));
  }
  if (!(to instanceof Date) || !Number.isFinite(to.getTime())) {
    return err(invalidInput('to', 'not a valid date', 'không phải ngày hợp lệ'));
  }
  if (from.getTime() > to.getTime()) {
    return err(invalidInput('from', 'the start is after the end', 'thời điểm bắt đầu sau thời điểm kết thúc'));
  }
  const limit = checkLimit(options.limit ?? MAX_HISTORY_LIMIT);
  if (!limit.ok) return limit;
  const concurrency = options.concurrency ?? 3;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    return err(invalidInput('concurrency', 'must be a whole number from 1 to 16', 'phải là số nguyên từ 1 đến 16'));
  }
  const firstPage = options.firstPage ?? 1;
  if (!Number.isInteger(firstPage) || firstPage < 1) {
    return err(invalidInput('firstPage', 'must be a whole number from 1', 'phải là số nguyên từ 1'));
  }
  return ok({ limit: limit.value, concurrency, firstPage, windows: splitIntoWindows(from, to) });
}

/**
 * Streams the call history of [from, to]: the range is cut into ≤ 31-day windows, each window
 * is paged until a short page, and every distinct record is yielded once, page by page, as it
 * arrives (order across pages is not guaranteed). Each item is a Result; an error item is the
 * last one. Breaking out of the loop stops further requests.
 *
 * Scheduling: each request goes to the unfinished window with the fewest requests in flight,
 * so windows are fetched side by side; once fewer windows than workers remain, workers fetch
 * a window's next pages ahead, which costs at most `concurrency − 1` empty pages per window.
 * At most `2 × concurrency` pages wait for a slow consumer before fetching pauses, so memory
 * stays bounded by the consumer, not the history's size (plus one key per record, for
 * de-duplication).
 */
export async function* streamHistory(
  source: HistorySource,
  options: HistorySyncOptions,
): AsyncGenerator<AppResult<CallRecord[]>, void, undefined> {
  const checked = checkOptions(options);
  if (!checked.ok) {
    yield checked;
    return;
  }
  const { limit, concurrency, firstPage, windows } = checked.value;
  const cursors: WindowCursor[] = windows.map((window) => ({
    window,
    nextPage: firstPage,
    inFlight: 0,
    completed: new Set<number>(),
    done: false,
  }));
  const maxBuffered = 2 * concurrency;
  const ready: AppResult<CallRecord[]>[] = [];
  const seen = new Set<string>();
  let pages = 0;
  let windowsDone = 0;
  let stopped = false;
  let workersRunning = concurrency;
  let wakeConsumer: (() => void) | undefined;
  const wakeProducers: (() => void)[] = [];

  const notifyConsumer = (): void => {
    const wake = wakeConsumer;
    wakeConsumer = undefined;
    wake?.();
  };
  const notifyProducers = (): void => {
    for (const wake of wakeProducers.splice(0)) wake();
  };

  const claim = (): { cursor: WindowCursor; page: number } | undefined => {
    let best: WindowCursor | undefined;
    for (const cursor of cursors) {
      if (cursor.done || cursor.lastPage !== undefined) continue;
      if (!best || cursor.inFlight < best.inFlight) best = cursor;
    }
    if (!best) return undefined;
    best.inFlight++;
    return { cursor: best, page: best.nextPage++ };
  };

  const settle = (cursor: WindowCursor, page: number, records: CallRecord[]): void => {
    cursor.inFlight--;
    cursor.completed.add(page);
    pages++;
    if (records.length < limit && (cursor.lastPage === undefined || page < cursor.lastPage)) cursor.lastPage = page;
    if (!cursor.done && cursor.lastPage !== undefined) {
      let complete = true;
      for (let p = firstPage; p <= cursor.lastPage && complete; p++) complete = cursor.completed.has(p);
      if (complete) {
        cursor.done = true;
        windowsDone++;
      }
    }
    options.onPage?.({ window: cursor.window, page, records, windowComplete: cursor.done });
    const fresh: CallRecord[] = [];
    for (const record of records) {
      const key = recordKey(record);
      if (seen.has(key)) continue;
      seen.add(key);
      fresh.push(record);
    }
    if (fresh.length > 0) ready.push(ok(fresh));
    options.onProgress?.({ windowsDone, windowsTotal: cursors.length, pages, records: seen.size });
  };

  const fail = (error: AppError): void => {
    if (stopped) return;
    stopped = true;
    ready.push(err(error));
  };

  const worker = async (): Promise<void> => {
    try {
      while (!stopped) {
        if (ready.length >= maxBuffered) {
          await new Promise<void>((resolve) => wakeProducers.push(resolve));
          continue;
        }
        const job = claim();
        if (!job) return;
        const { cursor, page } = job;
        const result = await source.getHistoryPage({ from: cursor.window.from, to: cursor.window.to, limit, page });
        if (stopped) return;
        if (!result.ok) fail(result.error);
        else settle(cursor, page, result.value.records);
        notifyConsumer();
      }
    } catch {
      // The client returns errors as values; a throw here is a bug, reported without its details.
      fail(
        appError('internal', 'History sync failed unexpectedly', 'Đồng bộ lịch sử cuộc gọi gặp lỗi không mong muốn'),
      );
    } finally {
      workersRunning--;
      notifyConsumer();
    }
  };

  for (let i = 0; i < concurrency; i++) void worker();

  try {
    for (;;) {
      const item = ready.shift();
      if (item) {
        notifyProducers();
        yield item;
        if (!item.ok) return;
        continue;
      }
      if (workersRunning === 0) return;
      await new Promise<void>((resolve) => {
        wakeConsumer = resolve;
      });
    }
  } finally {
    stopped = true;
    notifyProducers();
  }
}

/**
 * Collects the whole history of [from, to], newest call first. Holds every record in
 * memory: for long ranges prefer streamHistory.
 */
export async function fetchHistory(
  source: HistorySource,
  options: HistorySyncOptions,
): Promise<AppResult<CallRecord[]>> {
  const all: CallRecord[] = [];
  for await (const batch of streamHistory(source, options)) {
    if (!batch.ok) return batch;
    for (const record of batch.value) all.push(record);
  }
  all.sort((a, b) => b.unix_timestamp - a.unix_timestamp);
  return ok(all);
}
