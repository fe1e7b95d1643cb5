import type { Migration } from './migration';

/**
 * One row per other party, kept up to date by the writer with every call stored, changed or
 * pruned: the History screen's "group by number" view without filters is then a walk down
 * an index (by last call) instead of grouping a year of calls on every page.
 */
export const SQL = `
CREATE TABLE parties (
  party_key TEXT PRIMARY KEY,
  calls INTEGER NOT NULL,
  missed INTEGER NOT NULL,
  last_ms INTEGER NOT NULL,
  last_id INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX parties_by_last ON parties (last_ms, party_key);

INSERT INTO parties (party_key, calls, missed, last_ms, last_id)
SELECT party_key, count(*), sum(status_class = 'missed'), max(start_ms), 0 FROM calls GROUP BY party_key;
UPDATE parties SET last_id = (
  SELECT id FROM calls WHERE calls.party_key = parties.party_key ORDER BY start_ms DESC, id DESC LIMIT 1
);
`;

export const migration004: Migration = {
  version: 4,
  name: 'party-summary',
  up: (db) => db.exec(SQL),
};
