/**
 * A bounded cache of list pages, least recently used out first. The History list never holds
 * the whole history: a million calls would not fit in a renderer, and the store pages anyway.
 * Pages in use (the visible range) are pinned so scrolling never evicts what is on screen.
 */
export class PageCache<T> {
  /** Insertion order is recency order: a touched page moves to the end. */
  private readonly pages = new Map<number, T>();

  constructor(readonly maxPages: number) {
    if (!Number.isInteger(maxPages) || maxPages < 1) throw new Error('PageCache needs room for at least one page');
  }

  get size(): number {
    return this.pages.size;
  }

  has(index: number): boolean {
    return this.pages.has(index);
  }

  /** Reads without changing recency (rendering must not reorder the cache). */
  peek(index: number): T | undefined {
    return this.pages.get(index);
  }

  /** Stores a page as the most recent, then evicts the oldest pages not in `pinned` beyond the bound. */
  set(index: number, page: T, pinned: ReadonlySet<number> = new Set()): void {
    this.pages.delete(index);
    this.pages.set(index, page);
    this.touch(pinned);
    this.evict(pinned);
  }

  /** Marks pinned pages as recently used, so pages far from the view leave first. */
  touch(pinned: ReadonlySet<number>): void {
    for (const index of pinned) {
      const page = this.pages.get(index);
      if (page === undefined) continue;
      this.pages.delete(index);
      this.pages.set(index, page);
    }
  }

  delete(index: number): void {
    this.pages.delete(index);
  }

  clear(): void {
    this.pages.clear();
  }

  indices(): number[] {
    return [...this.pages.keys()];
  }

  private evict(pinned: ReadonlySet<number>): void {
    if (this.pages.size <= this.maxPages) return;
    for (const index of [...this.pages.keys()]) {
      if (this.pages.size <= this.maxPages) return;
      // A range wider than the whole cache keeps its pages until it shrinks.
      if (!pinned.has(index)) this.pages.delete(index);
    }
  }
}
