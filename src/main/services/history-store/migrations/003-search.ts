import { searchDigits, searchNames } from '../search-text';
import type { Migration } from './migration';

/**
 * Number and name search through an index instead of a LIKE '%…%' scan: an FTS5 table with
 * trigram tokens, so any run of three or more characters is an index lookup (contentless: it
 * stores only the index, the text lives in calls; rowid = calls.id). The company's agents and
 * queues are kept too, so names and "my calls" resolve offline: an agent's name finds the calls
 * of its extensions and user name, a queue id gets its name.
 */
export const SQL = `
CREATE VIRTUAL TABLE calls_search USING fts5(
  digits,
  names,
  tokenize = 'trigram',
  content = '',
  contentless_delete = 1
);

CREATE TABLE directory_agents (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  name TEXT NOT NULL,
  name_folded TEXT NOT NULL,
  extensions TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE directory_queues (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL
) WITHOUT ROWID;
`;

interface SearchColumns {
  id: number;
  caller_number: string;
  callee_number: string;
  caller_name: string | null;
  callee_name: string | null;
  party_name: string | null;
}

export const migration003: Migration = {
  version: 3,
  name: 'search',
  up(db) {
    db.exec(SQL);
    // Calls stored before this step get their search text now, a batch at a time (a
    // connection cannot write while it iterates).
    const insert = db.prepare('INSERT INTO calls_search (rowid, digits, names) VALUES (?, ?, ?)');
    const batch = db.prepare(
      'SELECT id, caller_number, callee_number, caller_name, callee_name, party_name FROM calls WHERE id > ? ORDER BY id LIMIT 5000',
    );
    for (let after = 0; ;) {
      const rows = batch.all(after) as SearchColumns[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const source = {
          callerNumber: row.caller_number,
          calleeNumber: row.callee_number,
          callerName: row.caller_name,
          calleeName: row.callee_name,
          partyName: row.party_name,
        };
        insert.run(row.id, searchDigits(source), searchNames(source));
      }
      after = rows.at(-1)?.id ?? after;
    }
  },
};
