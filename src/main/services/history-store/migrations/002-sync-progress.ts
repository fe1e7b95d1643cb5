import type { Migration } from './migration';

/**
 * Sync progress lives next to the calls and is written in the same transaction as each page,
 * so a crash can never record a page as stored without its calls, or the other way round.
 * A window is a ≤ 31-day range of the history endpoint; `pages_done` counts the pages 1..n
 * already committed (a resumed window starts at n + 1); `completed_at_ms` marks it whole.
 * sync_meta holds single values: the high-water mark of the incremental refresh, how far back
 * the plan reaches, and when the last refresh finished.
 */
export const SQL = `
CREATE TABLE sync_windows (
  id INTEGER PRIMARY KEY,
  from_ms INTEGER NOT NULL,
  to_ms INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('backfill', 'refresh')),
  page_limit INTEGER NOT NULL,
  pages_done INTEGER NOT NULL DEFAULT 0,
  records INTEGER NOT NULL DEFAULT 0,
  completed_at_ms INTEGER,
  CHECK (from_ms <= to_ms)
);
CREATE INDEX sync_windows_pending ON sync_windows (to_ms) WHERE completed_at_ms IS NULL;

CREATE TABLE sync_meta (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
`;

export const migration002: Migration = {
  version: 2,
  name: 'sync-progress',
  up: (db) => db.exec(SQL),
};
