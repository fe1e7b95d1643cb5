import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryQuery } from '../../../src/main/services/api/types';
import { createCallHistoryCache } from '../../../src/main/services/call-history-cache';
import { RECORDS_PER_SLICE } from '../../../src/main/services/call-history-cache/call-history-cache';
import { appError } from '../../../src/shared/errors';
import { err, ok } from '../../../src/shared/result';
import { record } from './fixtures';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-11-27T03:00:00.000Z'));
});
afterEach(() => vi.useRealTimers());

describe('call history cache', () => {
  it('loads the last 31 days, then refreshes from shortly before the last load', async () => {
    const queries: HistoryQuery[] = [];
    let pages = [[record({ caller: { number: '0912345678', type: 'realnumber' } })]];
    const cache = createCallHistoryCache({
      source: {
        getHistoryPage: async (query) => {
          queries.push(query);
          return ok({ records: query.page === 1 ? (pages.shift() ?? []) : [], page: query.page, limit: query.limit });
        },
      },
      refreshEveryMs: 60_000,
      overlapMs: 10_000,
    });
    cache.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(cache.loaded).toBe(true);
    expect(cache.index.recent('+84912345678', 5)).toHaveLength(1);
    const earliest = Math.min(...queries.map((q) => q.from.getTime()));
    const latest = Math.max(...queries.map((q) => q.to.getTime()));
    expect(latest - earliest).toBe(31 * 86_400_000);

    pages = [[record({ caller: { number: '84912345678', type: 'realnumber' } })]];
    queries.length = 0;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(new Set(queries.map((q) => q.from.toISOString()))).toEqual(new Set(['2025-11-27T02:59:50.000Z']));
    expect(cache.index.recent('0912 345 678', 5)).toHaveLength(2);
    cache.dispose();
  });

  it('retries after a failure, reporting the error', async () => {
    const errors: string[] = [];
    let fail = true;
    const cache = createCallHistoryCache({
      source: {
        getHistoryPage: async (query) =>
          fail
            ? err(appError('network', 'down', 'mất mạng'))
            : ok({ records: [], page: query.page, limit: query.limit }),
      },
      retryAfterMs: 5_000,
      onError: (e) => errors.push(e.code),
    });
    cache.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(cache.loaded).toBe(false);
    expect(errors).toEqual(['network']);
    fail = false;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(cache.loaded).toBe(true);
    cache.dispose();
  });

  it('files a big load in slices, so a call ringing meanwhile is handled before the filing ends', async () => {
    const pages = [1, 2, 3].map((page) =>
      Array.from({ length: 100 }, (_, i) =>
        record({ caller: { number: `0912${String(page * 1000 + i).padStart(6, '0')}`, type: 'realnumber' } }),
      ),
    );
    const seenByTheRing: number[] = [];
    let rang = false;
    const cache = createCallHistoryCache({
      source: {
        getHistoryPage: async (query) => {
          const records = pages[query.page - 1] ?? [];
          // The last page has arrived: a call rings now, on the next turn of the event loop.
          if (records.length === 0 && !rang) {
            rang = true;
            setTimeout(() => seenByTheRing.push(cache.index.size), 0);
          }
          return ok({ records, page: query.page, limit: query.limit });
        },
      },
    });
    cache.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(cache.loaded).toBe(true);
    expect(cache.index.size).toBe(300);
    // The ring ran between two slices: after the first, well before the last.
    expect(seenByTheRing).toHaveLength(1);
    expect(seenByTheRing[0]).toBeGreaterThanOrEqual(RECORDS_PER_SLICE);
    expect(seenByTheRing[0]).toBeLessThan(300);
    cache.dispose();
  });
});
