import { describe, expect, it } from 'vitest';
import { PageCache } from '../../../src/renderer/src/features/history/page-cache';
import { PagedList, type PageAnswer, type PageRequest } from '../../../src/renderer/src/features/history/paged-list';
import { appError, type AppResult } from '../../../src/shared/errors';
import { err, ok } from '../../../src/shared/result';
import { settle } from './history-fixtures';

/** A list of `total` numbers served a page at a time; every request waits until the test answers it. */
function pagedSource(total: number) {
  const asked: { request: PageRequest; answer: (result?: AppResult<PageAnswer<number>>) => void }[] = [];
  const fetch = (request: PageRequest): Promise<AppResult<PageAnswer<number>>> =>
    new Promise((resolve) => {
      const start = 'offset' in request ? request.offset : Number(request.cursor.split(':')[1]) + 1;
      const items = Array.from({ length: Math.max(0, Math.min(request.limit, total - start)) }, (_, i) => start + i);
      const last = items[items.length - 1];
      asked.push({
        request,
        answer: (result) =>
          resolve(
            result ??
              ok({
                items,
                total,
                ...(last !== undefined && last < total - 1 ? { nextCursor: `${1_000_000 - last}:${last}` } : {}),
              }),
          ),
      });
    });
  return { asked, fetch };
}

const offsetOf = (request: PageRequest): number | undefined => ('offset' in request ? request.offset : undefined);

function makeList(options: { maxPages?: number; maxInFlight?: number } = {}) {
  let changes = 0;
  const list = new PagedList<number>({
    pageSize: 10,
    maxPages: options.maxPages ?? 4,
    overscanRows: 2,
    ...(options.maxInFlight !== undefined ? { maxInFlight: options.maxInFlight } : {}),
    onChange: () => {
      changes += 1;
    },
  });
  return { list, changes: () => changes };
}

describe('PagedList: pages around the visible range', () => {
  it('asks for the first page, learns the total from it, then only the pages the view needs', async () => {
    const source = pagedSource(1_000_000);
    const { list } = makeList();
    list.reset(source.fetch);
    expect(source.asked.map((a) => a.request)).toEqual([{ offset: 0, limit: 10 }]);
    expect(list.snapshot()).toMatchObject({ total: null, loading: true });

    source.asked[0]?.answer();
    await settle();
    expect(list.snapshot()).toMatchObject({ total: 1_000_000, loading: false, error: null });
    expect(list.item(0)).toBe(0);
    expect(list.item(9)).toBe(9);
    expect(list.item(10)).toBeUndefined();

    // Rows 15..24 on screen (with 2 rows of overscan: 13..26): pages 1 and 2.
    list.setRange(15, 24);
    const pages = source.asked.slice(1).map((a) => a.request);
    expect(pages).toHaveLength(2);
    expect(pages).toContainEqual({ cursor: '999991:9', limit: 10 });
    expect(pages).toContainEqual({ offset: 20, limit: 10 });
  });

  it('jumps deep by offset and reads on with the cursor of the page before', async () => {
    const source = pagedSource(1_000_000);
    const { list } = makeList();
    list.reset(source.fetch);
    source.asked[0]?.answer();
    await settle();

    list.setRange(500_003, 500_006);
    expect(source.asked[1]?.request).toEqual({ offset: 500_000, limit: 10 });
    source.asked[1]?.answer();
    await settle();
    expect(list.item(500_004)).toBe(500_004);

    list.setRange(500_011, 500_016);
    expect(source.asked[2]?.request).toEqual({ cursor: `${1_000_000 - 500_009}:500009`, limit: 10 });
  });

  it('runs at most two requests at once, nearest to the view first, and skips pages scrolled past', async () => {
    const source = pagedSource(1_000_000);
    const { list } = makeList({ maxPages: 20 });
    list.reset(source.fetch);
    source.asked[0]?.answer();
    await settle();

    // A tall view: rows 100..149 (pages 9..15 with overscan); the middle pages go first.
    list.setRange(100, 149);
    expect(source.asked.slice(1).map((a) => offsetOf(a.request))).toEqual([120, 110]);
    // The view moves on before they answer: the pages passed are never asked.
    list.setRange(400, 409);
    source.asked[1]?.answer();
    source.asked[2]?.answer();
    await settle();
    const later = source.asked.slice(3).map((a) => offsetOf(a.request));
    expect(later).toContain(400);
    expect(later).not.toContain(130);
    expect(later).not.toContain(100);
  });

  it('never holds more than its bound, and never evicts what is on screen', async () => {
    const source = pagedSource(1_000_000);
    const { list } = makeList({ maxPages: 4 });
    list.reset(source.fetch);
    for (let row = 0; row < 2_000; row += 7) {
      list.setRange(row, row + 5);
      for (const pending of source.asked.splice(0)) pending.answer();
      await settle();
      expect(list.cachedPages().length).toBeLessThanOrEqual(4);
      expect(list.item(row)).toBe(row);
      expect(list.item(row + 5)).toBe(row + 5);
    }
    // The first pages are long gone: scrolling back asks for them again (by offset: no cursor left).
    list.setRange(0, 5);
    expect(source.asked.map((a) => a.request)).toEqual([{ offset: 0, limit: 10 }]);
  });

  it('drops the answers of an older query, and frees their slots', async () => {
    const source = pagedSource(100);
    const { list } = makeList();
    list.reset(source.fetch);
    const newer = pagedSource(3);
    list.reset(newer.fetch);
    source.asked[0]?.answer();
    await settle();
    expect(list.snapshot().total).toBeNull();
    expect(list.item(0)).toBeUndefined();
    newer.asked[0]?.answer();
    await settle();
    expect(list.snapshot().total).toBe(3);
    expect(list.item(2)).toBe(2);
  });

  it('after a refresh shows the old rows until their new version arrives', async () => {
    const source = pagedSource(50);
    const { list } = makeList();
    list.reset(source.fetch);
    source.asked[0]?.answer();
    await settle();
    list.refresh();
    expect(list.item(3)).toBe(3);
    expect(source.asked[1]?.request).toEqual({ offset: 0, limit: 10 });
    source.asked[1]?.answer(ok({ items: [100, 101, 102, 103], total: 51 }));
    await settle();
    expect(list.item(3)).toBe(103);
    expect(list.snapshot().total).toBe(51);
  });

  it('an empty list asks again on refresh (the store was still syncing)', async () => {
    const source = pagedSource(0);
    const { list } = makeList();
    list.reset(source.fetch);
    source.asked[0]?.answer();
    await settle();
    expect(list.snapshot().total).toBe(0);
    list.refresh();
    expect(source.asked.map((a) => a.request)).toEqual([
      { offset: 0, limit: 10 },
      { offset: 0, limit: 10 },
    ]);
    source.asked[1]?.answer(ok({ items: [7, 8], total: 2 }));
    await settle();
    expect(list.snapshot().total).toBe(2);
    expect(list.item(1)).toBe(8);
  });

  it('reports a failed page and asks it again only on retry', async () => {
    const source = pagedSource(50);
    const { list } = makeList();
    list.reset(source.fetch);
    const failure = appError('internal', 'store down', 'kho lỗi');
    source.asked[0]?.answer(err(failure));
    await settle();
    expect(list.snapshot()).toMatchObject({ total: null, error: failure, loading: false });
    list.setRange(0, 2);
    list.setRange(1, 3);
    expect(source.asked).toHaveLength(1);
    list.retry();
    expect(source.asked).toHaveLength(2);
    source.asked[1]?.answer();
    await settle();
    expect(list.snapshot()).toMatchObject({ total: 50, error: null });
  });

  it('turns a host that throws into an error on screen', async () => {
    const { list } = makeList();
    list.reset(() => Promise.reject(new Error('bridge closed')));
    await settle();
    expect(list.snapshot().error?.code).toBe('internal');
  });
});

describe('PageCache', () => {
  it('evicts the least recently used page that is not pinned', () => {
    const cache = new PageCache<string>(2);
    cache.set(0, 'a');
    cache.set(1, 'b');
    cache.touch(new Set([0]));
    cache.set(2, 'c');
    expect(cache.indices().sort()).toEqual([0, 2]);
    cache.set(3, 'd', new Set([0, 2, 3]));
    // Everything pinned: the bound waits until the range shrinks.
    expect(cache.indices().sort()).toEqual([0, 2, 3]);
    cache.set(4, 'e', new Set([4]));
    expect(cache.size).toBe(2);
    expect(cache.has(4)).toBe(true);
  });

  it('refuses a bound of zero pages', () => {
    expect(() => new PageCache(0)).toThrow();
  });
});

describe('PagedList: rows first, the exact total after', () => {
  /** Pages of a 1,000-item list that never say the total; the counter answers when the test says. */
  function uncountedSource() {
    const source = pagedSource(1_000);
    const fetch = async (request: PageRequest): Promise<AppResult<PageAnswer<number>>> => {
      const answer = await source.fetch(request);
      if (!answer.ok) return answer;
      const { total: _total, ...withoutTotal } = answer.value;
      return ok(withoutTotal);
    };
    const counts: ((result: AppResult<number>) => void)[] = [];
    const counter = (): Promise<AppResult<number>> => new Promise((resolve) => counts.push(resolve));
    return { asked: source.asked, fetch, counts, counter };
  }

  it('shows the first page at once with a provisional length, asks for the count once, then knows it', async () => {
    const source = uncountedSource();
    const { list } = makeList();
    list.reset(source.fetch, source.counter);
    list.setRange(0, 5);
    expect(list.snapshot()).toMatchObject({ total: null, extent: null });
    source.asked[0]?.answer();
    await settle();
    // The rows read so far and a page more: the scrollbar can move on before the count.
    expect(list.snapshot()).toMatchObject({ total: null, extent: 20 });
    expect(list.item(3)).toBe(3);
    expect(source.counts).toHaveLength(1);

    source.asked[1]?.answer();
    await settle();
    expect(source.counts).toHaveLength(1);

    source.counts[0]?.(ok(1_000));
    await settle();
    expect(list.snapshot()).toMatchObject({ total: 1_000, extent: 1_000 });
  });

  it('drops a count answered for an older query, and keeps paging when a count fails', async () => {
    const source = uncountedSource();
    const { list } = makeList();
    list.reset(source.fetch, source.counter);
    list.setRange(0, 5);
    source.asked[0]?.answer();
    await settle();
    list.reset(source.fetch, source.counter);
    source.counts[0]?.(ok(999_999));
    await settle();
    expect(list.snapshot().total).toBeNull();

    source.asked.at(-1)?.answer();
    await settle();
    expect(source.counts).toHaveLength(2);
    source.counts[1]?.(err(appError('internal', 'count failed', 'đếm thất bại')));
    await settle();
    expect(list.snapshot()).toMatchObject({ total: null, extent: 20, error: null });
  });

  it('asks no count when the page carries the total', async () => {
    const source = pagedSource(15);
    const counts: unknown[] = [];
    const { list } = makeList();
    list.reset(source.fetch, () => {
      counts.push(1);
      return Promise.resolve(ok(15));
    });
    list.setRange(0, 5);
    source.asked[0]?.answer();
    await settle();
    expect(list.snapshot()).toMatchObject({ total: 15, extent: 15 });
    expect(counts).toHaveLength(0);
  });
});
