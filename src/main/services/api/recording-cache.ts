import type { RecordingUrl } from './types';

/**
 * Signed recording URLs, reused only while they stay valid for a safety margin more (so a
 * player that starts just before expiry still gets a working URL). URLs that do not say
 * when they expire are never kept.
 */
export class RecordingUrlCache {
  private readonly entries = new Map<string, { url: string; expiresAt: Date }>();

  constructor(
    private readonly now: () => number,
    private readonly marginMs = 60_000,
    private readonly maxEntries = 200,
  ) {}

  get(key: string): RecordingUrl | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt.getTime() - this.now() <= this.marginMs) {
      this.entries.delete(key);
      return undefined;
    }
    return { url: entry.url, expiresAt: entry.expiresAt };
  }

  set(key: string, value: RecordingUrl): void {
    if (!value.expiresAt || value.expiresAt.getTime() - this.now() <= this.marginMs) return;
    this.entries.delete(key);
    this.entries.set(key, { url: value.url, expiresAt: value.expiresAt });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
