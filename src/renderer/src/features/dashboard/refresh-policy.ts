/** How often the dashboard refreshes, and how it backs off when refreshing fails. */

export const DEFAULT_REFRESH_SECONDS = 10;
export const MIN_REFRESH_SECONDS = 5;
export const MAX_REFRESH_SECONDS = 300;

/** Backoff never waits longer than this, unless the normal period itself is longer. */
export const MAX_BACKOFF_MS = 60_000;

/** Figures older than this many refresh periods are flagged as out of date. */
export const STALE_AFTER_PERIODS = 2;

/** A setting from the host is trusted, but the store must never spin on a bad number. */
export function clampRefreshSeconds(seconds: number): number {
  if (!Number.isFinite(seconds)) return DEFAULT_REFRESH_SECONDS;
  return Math.min(MAX_REFRESH_SECONDS, Math.max(MIN_REFRESH_SECONDS, Math.round(seconds)));
}

/**
 * The wait after `failures` failed refreshes in a row: the period, then doubling (10 s → 20 →
 * 40 → 60 s with the default period), capped at a minute, and never shorter than the period.
 */
export function backoffDelayMs(periodMs: number, failures: number): number {
  if (failures <= 0) return periodMs;
  const doubled = periodMs * 2 ** Math.min(failures - 1, 16);
  return Math.min(doubled, Math.max(periodMs, MAX_BACKOFF_MS));
}
