import { appError, type AppError, type AppResult } from '../../../../shared/errors';
import { PageCache } from './page-cache';

/**
 * One long list (calls or groups) read from the host a page at a time, around whatever the
 * screen shows. Jumps (the scrollbar dragged to the middle of a million calls) ask by offset;
 * reading on from a page already here asks with that page's cursor, which the store answers
 * cheaply however deep it is. A bounded cache keeps the pages near the view, never the whole
 * list, and at most a couple of requests run at once, so a fast scroll only loads where it
 * stops.
 */

export type PageRequest =
  { readonly offset: number; readonly limit: number } | { readonly cursor: string; readonly limit: number };

export interface PageAnswer<T> {
  readonly items: readonly T[];
  /** Items matching the query, all pages together; absent when the host counts it later (the counter). */
  readonly total?: number;
  /** Where the page after this one starts (keyset paging), when the host gives one. */
  readonly nextCursor?: string;
}

export type PageFetcher<T> = (request: PageRequest) => Promise<AppResult<PageAnswer<T>>>;

/** The exact total of the query, asked only when a page came without it. */
export type TotalCounter = () => Promise<AppResult<number>>;

export interface PagedListOptions {
  readonly pageSize: number;
  /** The cache's bound, in pages. */
  readonly maxPages: number;
  /** Requests running at once (default 2). */
  readonly maxInFlight?: number;
  /** Rows loaded beyond each end of the visible range (default 20). */
  readonly overscanRows?: number;
  /** Called after every change a screen would show (a page arrived, the total, an error). */
  readonly onChange: () => void;
}

interface CachedPage<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
  /** The query generation the page was read for: older pages are shown until replaced. */
  readonly generation: number;
}

export interface PagedListSnapshot {
  /** The exact number of items; null until it is known (with the first page, or counted after it). */
  readonly total: number | null;
  /**
   * How long the list is to show: the total when known, else the rows read so far plus a page
   * when more follow (the scrollbar grows until the count arrives). null until the first answer.
   */
  readonly extent: number | null;
  /** A request of the current query is under way. */
  readonly loading: boolean;
  readonly error: AppError | null;
  /** Moves on every change: a cheap way for a screen to know it must re-read items. */
  readonly version: number;
}

const hostFailed = appError(
  'internal',
  'The app could not read the call history.',
  'Ứng dụng không đọc được lịch sử cuộc gọi.',
);

export class PagedList<T> {
  private readonly cache: PageCache<CachedPage<T>>;
  private readonly pageSize: number;
  private readonly maxInFlight: number;
  private readonly overscanRows: number;
  private readonly onChange: () => void;
  private fetcher: PageFetcher<T> | null = null;
  private generation = 0;
  private start = 0;
  private end = 0;
  /** Page index → generation it was asked for. */
  private readonly inFlight = new Map<number, number>();
  /** Pages of the current generation whose request failed: not asked again until a retry. */
  private readonly failed = new Set<number>();
  private total: number | null = null;
  private counter: TotalCounter | null = null;
  /** The generation whose count was asked (one count per query or refresh). */
  private countedFor = -1;
  /** Rows known to exist in the current generation (end of the furthest page read), and whether more follow it. */
  private known: { readonly end: number; readonly more: boolean } | null = null;
  private error: AppError | null = null;
  private version = 0;

  constructor(options: PagedListOptions) {
    this.pageSize = options.pageSize;
    this.cache = new PageCache(options.maxPages);
    this.maxInFlight = options.maxInFlight ?? 2;
    this.overscanRows = options.overscanRows ?? 20;
    this.onChange = options.onChange;
  }

  /** A new query (other filters, another search): forget every page and start from the top. */
  reset(fetcher: PageFetcher<T>, counter?: TotalCounter): void {
    this.fetcher = fetcher;
    this.counter = counter ?? null;
    this.generation += 1;
    this.cache.clear();
    this.failed.clear();
    this.total = null;
    this.known = null;
    this.error = null;
    this.start = 0;
    this.end = 0;
    this.changed();
    this.pump();
  }

  /** The same query over newer data (the store synced): pages stay shown until their new version arrives. */
  refresh(): void {
    if (!this.fetcher) return;
    this.generation += 1;
    this.known = null;
    this.failed.clear();
    this.error = null;
    this.changed();
    this.pump();
  }

  /** Asks again for the pages that failed. */
  retry(): void {
    this.failed.clear();
    this.error = null;
    this.changed();
    this.pump();
  }

  /** The rows on screen now, first and last index (inclusive). */
  setRange(start: number, end: number): void {
    const first = Math.max(0, Math.floor(start));
    const last = Math.max(first, Math.floor(end));
    if (first === this.start && last === this.end) return;
    this.start = first;
    this.end = last;
    this.cache.touch(new Set(this.wantedPages()));
    this.pump();
  }

  /** The item at `index` when its page is here (possibly from before the last refresh). */
  item(index: number): T | undefined {
    if (index < 0 || (this.total !== null && index >= this.total)) return undefined;
    const page = this.cache.peek(Math.floor(index / this.pageSize));
    return page?.items[index % this.pageSize];
  }

  snapshot(): PagedListSnapshot {
    return {
      total: this.total,
      extent: this.extent(),
      loading: [...this.inFlight.values()].some((g) => g === this.generation),
      error: this.error,
      version: this.version,
    };
  }

  private extent(): number | null {
    if (this.total !== null) return this.total;
    if (!this.known) return null;
    return this.known.end + (this.known.more ? this.pageSize : 0);
  }

  /** Page indices in the cache (tests and diagnostics). */
  cachedPages(): number[] {
    return this.cache.indices();
  }

  /** Pages the visible range (with its overscan) needs, nearest to the view first. */
  private wantedPages(): number[] {
    // An empty list still wants its first page: asking it again is how a refresh learns of new rows.
    const lastIndex = this.total === null ? Number.POSITIVE_INFINITY : Math.max(0, this.total - 1);
    const from = Math.max(0, this.start - this.overscanRows);
    const to = Math.min(lastIndex, this.end + this.overscanRows);
    if (from > to) return [];
    const first = Math.floor(from / this.pageSize);
    const last = Math.floor(to / this.pageSize);
    const centre = Math.floor((this.start + this.end) / 2 / this.pageSize);
    const pages: number[] = [];
    for (let page = first; page <= last; page++) pages.push(page);
    return pages.sort((a, b) => Math.abs(a - centre) - Math.abs(b - centre) || a - b);
  }

  private needsLoad(page: number): boolean {
    if (this.failed.has(page) || this.inFlight.get(page) === this.generation) return false;
    return this.cache.peek(page)?.generation !== this.generation;
  }

  private pump(): void {
    if (!this.fetcher) return;
    for (const page of this.wantedPages()) {
      if (this.runningNow() >= this.maxInFlight) return;
      if (this.needsLoad(page)) void this.load(page, this.fetcher, this.generation);
    }
  }

  /** Requests of the current generation only: an outdated one no longer holds a slot for the view. */
  private runningNow(): number {
    let running = 0;
    for (const generation of this.inFlight.values()) if (generation === this.generation) running += 1;
    return running;
  }

  /** Keyset paging when the page before is here and current; an offset otherwise (a jump). */
  private requestFor(page: number): PageRequest {
    const previous = page > 0 ? this.cache.peek(page - 1) : undefined;
    if (previous?.generation === this.generation && previous.nextCursor !== undefined) {
      return { cursor: previous.nextCursor, limit: this.pageSize };
    }
    return { offset: page * this.pageSize, limit: this.pageSize };
  }

  private async load(page: number, fetcher: PageFetcher<T>, generation: number): Promise<void> {
    this.inFlight.set(page, generation);
    const result = await fetcher(this.requestFor(page)).catch(() => ({ ok: false as const, error: hostFailed }));
    if (this.inFlight.get(page) === generation) this.inFlight.delete(page);
    if (generation !== this.generation) {
      // Asked for an older query: its answer is not shown, but the slot it held is free again.
      this.pump();
      return;
    }
    if (result.ok) {
      const { total, items, nextCursor } = result.value;
      if (total !== undefined) this.total = total;
      else this.countLater(generation);
      const end = page * this.pageSize + items.length;
      if (!this.known || end >= this.known.end) {
        this.known = { end, more: nextCursor !== undefined || items.length === this.pageSize };
      }
      this.error = null;
      this.cache.set(
        page,
        {
          items: result.value.items,
          ...(result.value.nextCursor !== undefined ? { nextCursor: result.value.nextCursor } : {}),
          generation,
        },
        new Set(this.wantedPages()),
      );
    } else {
      this.failed.add(page);
      this.error = result.error;
    }
    this.changed();
    this.pump();
  }

  /** A page came without the total: ask for it once for this generation; a newer query drops the answer. */
  private countLater(generation: number): void {
    const counter = this.counter;
    if (!counter || this.countedFor === generation) return;
    this.countedFor = generation;
    void counter()
      .catch(() => ({ ok: false as const, error: hostFailed }))
      .then((counted) => {
        if (generation !== this.generation) return;
        // A failed count leaves the provisional length: the rows still page on.
        if (!counted.ok) return;
        this.total = counted.value;
        this.changed();
        this.pump();
      });
  }

  private changed(): void {
    this.version += 1;
    this.onChange();
  }
}
