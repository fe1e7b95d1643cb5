import type { Statement } from 'better-sqlite3';
import type { ScreenPopRecentCall } from '../../../shared/contract';
import type { CallDirection } from '../../../shared/domain';
import { phoneKey } from '../../../shared/phone';
import type { Db } from './database';
import type { DirectoryIndex } from './directory-index';
import type { RecentCallsFound, RecentCallsQuery } from './store-types';

/** A name is looked for among a number's latest calls only: a number called a thousand times without one is not read whole. */
const NAME_LOOKBACK = 50;

/** The most identities a colleague's lookup merges (a user name, a SIP user, a few extensions). */
const MAX_IDENTITIES = 8;

const RECENT_COLUMNS = 'c.start_ms, c.direction, c.status_detail, c.duration_seconds, c.talk_seconds, c.recording';

interface RecentColumns {
  start_ms: number;
  direction: CallDirection;
  status_detail: string;
  duration_seconds: number;
  talk_seconds: number;
  recording: string | null;
}

function toRecentCall(row: RecentColumns): ScreenPopRecentCall {
  return {
    at: new Date(row.start_ms).toISOString(),
    direction: row.direction,
    status: row.status_detail,
    durationSeconds: row.duration_seconds,
    talkSeconds: row.talk_seconds,
    ...(row.recording !== null ? { recording: row.recording } : {}),
  };
}

/**
 * The screen-pop's "last calls with this number", read from the store on the ring path: each
 * lookup walks one index newest first and stops at the limit (calls_by_party for a caller's
 * number, call_agents' (agent, start_ms) key for each of a colleague's identities), so it costs
 * well under a millisecond whatever the size of the store.
 */
export class RecentCallsReader {
  readonly #db: Db;
  readonly #directory: () => DirectoryIndex;
  readonly #statements = new Map<string, Statement>();

  constructor(db: Db, directory: () => DirectoryIndex) {
    this.#db = db;
    this.#directory = directory;
  }

  #prepare(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  find(query: RecentCallsQuery): RecentCallsFound {
    // Asked from main with a small constant; anything else still gets a well-formed answer.
    const limit = Number.isFinite(query.limit) ? Math.min(100, Math.max(0, Math.floor(query.limit))) : 0;
    if (query.party.kind === 'number') return this.#forNumber(query.party.number, limit);
    return { calls: this.#forAgent(query.party.identities, limit) };
  }

  #forNumber(number: string, limit: number): RecentCallsFound {
    if (number.trim() === '') return { calls: [] };
    const key = phoneKey(number);
    const rows = this.#prepare(
      `SELECT ${RECENT_COLUMNS} FROM calls c WHERE c.party_key = ? ORDER BY c.start_ms DESC LIMIT ?`,
    ).all(key, limit) as RecentColumns[];
    const name = this.#prepare(
      `SELECT party_name FROM (SELECT party_name FROM calls WHERE party_key = ? ORDER BY start_ms DESC LIMIT ${NAME_LOOKBACK})
       WHERE party_name IS NOT NULL LIMIT 1`,
    )
      .pluck()
      .get(key) as string | undefined;
    return { calls: rows.map(toRecentCall), ...(name !== undefined ? { name } : {}) };
  }

  #forAgent(identities: readonly string[], limit: number): ScreenPopRecentCall[] {
    const tokens = this.#directory().expand(identities).slice(0, MAX_IDENTITIES);
    if (tokens.length === 0 || limit === 0) return [];
    // Each identity's newest calls through its own key, then merged: one sorted walk per identity.
    const newest = tokens
      .map(() => 'SELECT call_id FROM (SELECT call_id FROM call_agents WHERE agent = ? ORDER BY start_ms DESC LIMIT ?)')
      .join(' UNION ');
    const rows = this.#prepare(
      `SELECT ${RECENT_COLUMNS} FROM calls c WHERE c.id IN (${newest}) ORDER BY c.start_ms DESC, c.id DESC LIMIT ?`,
    ).all(...tokens.flatMap((token) => [token, limit]), limit) as RecentColumns[];
    return rows.map(toRecentCall);
  }
}
