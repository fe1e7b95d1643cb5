import type { Statement } from 'better-sqlite3';
import type { CallDirection } from '../../../shared/domain';
import {
  HISTORY_CURSOR,
  type HistoryGroup,
  type HistoryGroupPage,
  type HistoryPage,
  type HistoryRow,
  type HistoryStatus,
} from '../../../shared/history';
import type { Db } from './database';
import { DirectoryIndex } from './directory-index';
import { parseSearch } from './search-query';
import {
  isUnfiltered,
  missedClause,
  setSizeStatements,
  whereClause,
  type SetStrategy,
  type SqlFragment,
} from './query-sql';
import type { DirectoryAgent, MissedQuery, StoreCountQuery, StoreGroupQuery, StoreQuery } from './store-types';

/** The columns a page shows (never raw_json: the screen does not need it, export reads it). */
export const ROW_COLUMNS = `c.id, c.record_key, c.start_ms, c.direction, c.status_class, c.status_detail,
  c.party_raw, c.party_display, c.party_e164, c.party_is_extension, c.party_name,
  c.caller_number, c.caller_name, c.callee_number, c.callee_name, c.agent_number, c.agent_username,
  c.did_number, c.queue_id, c.duration_seconds, c.talk_seconds, c.recording`;

export interface CallColumns {
  id: number;
  record_key: string;
  start_ms: number;
  direction: CallDirection;
  status_class: HistoryStatus;
  status_detail: string;
  party_raw: string;
  party_display: string;
  party_e164: string | null;
  party_is_extension: number;
  party_name: string | null;
  caller_number: string;
  caller_name: string | null;
  callee_number: string;
  callee_name: string | null;
  agent_number: string | null;
  agent_username: string | null;
  did_number: string | null;
  queue_id: string | null;
  duration_seconds: number;
  talk_seconds: number;
  recording: string | null;
}

interface GroupColumns {
  party_key: string;
  calls: number;
  missed: number;
  last_ms: number;
  status_class: HistoryStatus;
  direction: CallDirection;
  party_raw: string;
  party_display: string;
  party_e164: string | null;
  party_is_extension: number;
  party_name: string | null;
}

/** What a group shows of its last call (`l`). */
const GROUP_DISPLAY = `l.status_class, l.direction, l.party_raw, l.party_display, l.party_e164,
  l.party_is_extension, l.party_name`;

function toGroup(g: GroupColumns): HistoryGroup {
  return {
    number: g.party_key,
    party: partyNumber(g),
    calls: g.calls,
    missed: g.missed,
    lastAt: new Date(g.last_ms).toISOString(),
    lastMs: g.last_ms,
    lastStatus: g.status_class,
    lastDirection: g.direction,
  };
}

const party = (number: string, name: string | null) => (name ? { number, name } : { number });

function partyNumber(
  row: Pick<CallColumns, 'party_raw' | 'party_display' | 'party_e164' | 'party_is_extension' | 'party_name'>,
) {
  return {
    raw: row.party_raw,
    display: row.party_display,
    ...(row.party_e164 ? { e164: row.party_e164 } : {}),
    isExtension: row.party_is_extension === 1,
    ...(row.party_name ? { name: row.party_name } : {}),
  };
}

export function parseCursor(cursor: string | undefined): { startMs: number; id: number } | undefined {
  if (cursor === undefined || !HISTORY_CURSOR.test(cursor)) return undefined;
  const [startMs, id] = cursor.split(':').map(Number);
  return startMs === undefined || id === undefined ? undefined : { startMs, id };
}

const ALL_CALLS_SQL = 'SELECT count(*) FROM calls c';
const NO_WHERE: SqlFragment = { sql: '', params: [], hasSets: false };
/** A count this small costs about a millisecond: below it, `if-cheap` answers carry the exact total. */
const CHEAP_COUNT_CAP = 2000;

/**
 * Every read, on a reader thread's own connection: in WAL mode it reads the last committed
 * state while the writer is in the middle of a transaction, so the screen never waits for a sync.
 */
export class CallReader {
  readonly #db: Db;
  readonly #statements = new Map<string, Statement>();
  readonly #counts = new Map<string, number>();
  #dataVersion = -1;
  #directory = new DirectoryIndex([]);
  #queues = new Map<string, string>();

  constructor(db: Db) {
    this.#db = db;
  }

  #prepare(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      // The set of filter combinations is small, but bound it anyway.
      if (this.#statements.size > 500) this.#statements.clear();
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** Another connection committed since the last read: cached counts and the directory are stale. */
  #refreshCaches(): void {
    const version = this.#db.pragma('data_version', { simple: true }) as number;
    if (version === this.#dataVersion) return;
    this.#dataVersion = version;
    this.#counts.clear();
    const agents = (
      this.#prepare('SELECT id, username, name, name_folded, extensions FROM directory_agents').all() as {
        id: string;
        username: string;
        name: string;
        name_folded: string;
        extensions: string;
      }[]
    ).map((a): DirectoryAgent & { nameFolded: string } => ({
      id: a.id,
      username: a.username,
      name: a.name,
      nameFolded: a.name_folded,
      extensions: parseExtensions(a.extensions),
    }));
    this.#directory = new DirectoryIndex(agents);
    this.#queues = new Map(
      (this.#prepare('SELECT id, name FROM directory_queues').all() as { id: string; name: string }[]).map((q) => [
        q.id,
        q.name,
      ]),
    );
  }

  get directory(): DirectoryIndex {
    this.#refreshCaches();
    return this.#directory;
  }

  #countKey(sql: string, where: Pick<SqlFragment, 'params'>): string {
    return JSON.stringify([sql, where.params]);
  }

  #count(sql: string, where: SqlFragment): number {
    const key = this.#countKey(sql, where);
    const cached = this.#counts.get(key);
    if (cached !== undefined) return cached;
    const count = this.#prepare(sql)
      .pluck()
      .get(...where.params) as number;
    this.#counts.set(key, count);
    return count;
  }

  toRow(row: CallColumns): HistoryRow {
    const agent = this.#directory.find(row.agent_username) ?? this.#directory.find(row.agent_number);
    const queueName = row.queue_id ? this.#queues.get(row.queue_id) : undefined;
    const agentInfo = {
      ...(row.agent_number ? { number: row.agent_number } : {}),
      ...(row.agent_username ? { username: row.agent_username } : {}),
      ...(agent ? { name: agent.name } : {}),
    };
    return {
      key: row.record_key,
      startedAt: new Date(row.start_ms).toISOString(),
      startMs: row.start_ms,
      direction: row.direction,
      status: row.status_class,
      statusDetail: row.status_detail,
      party: partyNumber(row),
      caller: party(row.caller_number, row.caller_name),
      callee: party(row.callee_number, row.callee_name),
      ...(Object.keys(agentInfo).length > 0 ? { agent: agentInfo } : {}),
      ...(row.did_number ? { did: row.did_number } : {}),
      ...(row.queue_id ? { queueId: row.queue_id } : {}),
      ...(queueName ? { queueName } : {}),
      durationSeconds: row.duration_seconds,
      talkSeconds: row.talk_seconds,
      ...(row.recording ? { recording: row.recording } : {}),
    };
  }

  /**
   * Every stored call, for the strategy choice: the exact count when one was made since the
   * last write, else the span of ids (an upper bound read off the primary key at once, where
   * counting a million calls takes tens of milliseconds).
   */
  #allCallsEstimate(): number {
    const exact = this.#counts.get(this.#countKey(ALL_CALLS_SQL, NO_WHERE));
    if (exact !== undefined) return exact;
    // Two subqueries: SQLite answers a lone min() or max() from the key's ends, never both in one.
    return this.#prepare('SELECT coalesce((SELECT max(id) FROM calls) - (SELECT min(id) FROM calls) + 1, 0)')
      .pluck()
      .get() as number;
  }

  /**
   * Probe (walk newest first, test each call) when a page is expected within a few times the
   * set's size of calls walked; drive (look the set up, sort it) otherwise. See query-sql.
   * With `walked = reach × all / matching`, probing wins once `matching > √(reach × all / 4)`:
   * that bound is all a query needs to know when the exact count is not at hand.
   */
  #probeThreshold(reach: number): number {
    return Math.ceil(Math.sqrt((reach * this.#allCallsEstimate()) / 4));
  }

  #strategyFor(matching: number, reach: number): SetStrategy {
    if (matching === 0) return 'drive';
    return matching > this.#probeThreshold(reach) ? 'probe' : 'drive';
  }

  /** The exact count's statement for a query: on call_agents alone for "my calls", else on calls. */
  #totalStatement(query: StoreCountQuery, counted: SqlFragment): { sql: string; where: SqlFragment } {
    const sql = counted.sql ? `${ALL_CALLS_SQL} ${counted.sql}` : ALL_CALLS_SQL;
    return this.#agentCallsStatement(query) ?? { sql, where: counted };
  }

  /**
   * Counts matching calls, but stops at `cap`: cheap for filters alone (their indexes stop at
   * the cap). Not for sets: see #setsBound.
   */
  #countUpTo(counted: SqlFragment, cap: number): number {
    return this.#prepare(`SELECT count(*) FROM (SELECT 1 FROM calls c ${counted.sql} LIMIT ?)`)
      .pluck()
      .get(...counted.params, cap) as number;
  }

  /** An upper bound of the calls a query's sets match, counted up to `cap` on the sets' own indexes. */
  #setsBound(query: StoreCountQuery, cap: number): number {
    let bound = Number.POSITIVE_INFINITY;
    for (const alternatives of setSizeStatements(query.filters, query.search, this.#directory)) {
      let sum = 0;
      for (const statement of alternatives) {
        sum += this.#prepare(statement.sql)
          .pluck()
          .get(...statement.params, cap) as number;
        if (sum >= cap) break;
      }
      bound = Math.min(bound, sum);
    }
    return bound;
  }

  /**
   * "My calls" (or one agent's), at most with a date range: counted on call_agents alone,
   * whose key is (agent, start_ms, call_id), instead of looking every call up. Undefined when
   * other filters apply.
   */
  #agentCallsStatement(query: StoreCountQuery): { sql: string; where: SqlFragment } | undefined {
    const { agent, mine, fromMs, toMs, ...others } = query.filters;
    const identities = agent && !mine ? agent : mine && !agent ? mine : undefined;
    const narrowed = Object.entries(others).some(([, value]) =>
      Array.isArray(value) ? value.length > 0 : value !== undefined,
    );
    if (!identities || narrowed || parseSearch(query.search).kind !== 'none') return undefined;
    const tokens = this.#directory.expand(identities);
    if (tokens.length === 0) return { sql: 'SELECT 0', where: NO_WHERE };
    const range = `${fromMs !== undefined ? ' AND start_ms >= ?' : ''}${toMs !== undefined ? ' AND start_ms <= ?' : ''}`;
    const params = [...tokens, ...(fromMs !== undefined ? [fromMs] : []), ...(toMs !== undefined ? [toMs] : [])];
    return {
      sql: `SELECT count(DISTINCT call_id) FROM call_agents WHERE agent IN (${tokens.map(() => '?').join(', ')})${range}`,
      where: { sql: '', params, hasSets: true },
    };
  }

  /** Exactly how many calls a query matches (cached until the next write). */
  count(query: StoreCountQuery): number {
    this.#refreshCaches();
    const counted = whereClause(query.filters, query.search, this.#directory);
    const { sql, where } = this.#totalStatement(query, counted);
    return this.#count(sql, where);
  }

  /**
   * The total a page answer carries: exact when asked (or counted before); for `if-cheap`, a
   * count that stops at `cap` gives it when fewer match, else it is left out and the set is
   * known to be big (the probe side of the strategy choice).
   */
  #pageTotal(query: StoreQuery, counted: SqlFragment, cap: number): { total?: number; big: boolean } {
    const { sql, where } = this.#totalStatement(query, counted);
    const cached = this.#counts.get(this.#countKey(sql, where));
    if (cached !== undefined) return { total: cached, big: cached > cap };
    if (query.total !== 'if-cheap') {
      const total = this.#count(sql, where);
      return { total, big: total > cap };
    }
    if (counted.hasSets) {
      // Few calls in the sets: counting exactly what matches is as cheap (they drive the count).
      if (this.#setsBound(query, cap + 1) > cap) return { big: true };
      const total = this.#count(sql, where);
      return { total, big: total > cap };
    }
    const upTo = this.#countUpTo(counted, cap + 1);
    return upTo <= cap ? { total: upTo, big: false } : { big: true };
  }

  query(query: StoreQuery): HistoryPage {
    this.#refreshCaches();
    const counted = whereClause(query.filters, query.search, this.#directory);
    const cursor = parseCursor(query.cursor);
    const offset = cursor ? 0 : (query.offset ?? 0);
    const reach = offset + query.limit;
    // Without sets the cap only bounds the cheap count; with sets it is also the strategy's threshold.
    const threshold = counted.hasSets ? this.#probeThreshold(reach) : CHEAP_COUNT_CAP;
    const { total, big } = this.#pageTotal(query, counted, Math.max(threshold, CHEAP_COUNT_CAP));
    const strategy: SetStrategy =
      !counted.hasSets || total === 0
        ? 'drive'
        : total !== undefined
          ? this.#strategyFor(total, reach)
          : big
            ? 'probe'
            : 'drive';
    const where =
      strategy === 'drive' ? counted : whereClause(query.filters, query.search, this.#directory, { strategy });
    const keyset = cursor ? `${where.sql ? `${where.sql} AND` : 'WHERE'} (c.start_ms, c.id) < (?, ?)` : where.sql;
    const params = cursor ? [...where.params, cursor.startMs, cursor.id] : [...where.params];
    const rows = (
      total === 0
        ? []
        : this.#prepare(
            `SELECT ${ROW_COLUMNS} FROM calls c ${keyset} ORDER BY c.start_ms DESC, c.id DESC LIMIT ? OFFSET ?`,
          ).all(...params, query.limit, offset)
    ) as CallColumns[];
    const last = rows.at(-1);
    const more = rows.length === query.limit && (cursor || total === undefined ? true : offset + rows.length < total);
    return {
      rows: rows.map((row) => this.toRow(row)),
      ...(total !== undefined ? { total } : {}),
      ...(last && more ? { nextCursor: `${last.start_ms}:${last.id}` } : {}),
    };
  }

  group(query: StoreGroupQuery): HistoryGroupPage {
    this.#refreshCaches();
    if (isUnfiltered(query.filters, query.search)) {
      // The summary the writer keeps: no grouping of a year of calls for the default view.
      const total = this.#count('SELECT count(*) FROM parties', { sql: '', params: [], hasSets: false });
      const groups = this.#prepare(
        `SELECT p.party_key, p.calls, p.missed, p.last_ms, ${GROUP_DISPLAY}
         FROM parties p JOIN calls l ON l.id = p.last_id
         ORDER BY p.last_ms DESC, p.party_key DESC LIMIT ? OFFSET ?`,
      ).all(query.limit, query.offset) as GroupColumns[];
      return { total, groups: groups.map(toGroup) };
    }
    const where = whereClause(query.filters, query.search, this.#directory, { groupByParty: true });
    const total = this.#count(`SELECT count(DISTINCT c.party_key) FROM calls c ${where.sql}`, where);
    // Group on the index (party_key, start_ms, status_class), then read one row per group shown.
    const groups = this.#prepare(
      `WITH g AS (
         SELECT c.party_key, count(*) AS calls, sum(c.status_class = 'missed') AS missed, max(c.start_ms) AS last_ms
         FROM calls c ${where.sql} GROUP BY c.party_key ORDER BY last_ms DESC, c.party_key DESC LIMIT ? OFFSET ?)
       SELECT g.party_key, g.calls, g.missed, g.last_ms, ${GROUP_DISPLAY}
       FROM g JOIN calls l ON l.id = (
         SELECT x.id FROM calls x WHERE x.party_key = g.party_key AND x.start_ms = g.last_ms ORDER BY x.id DESC LIMIT 1)
       ORDER BY g.last_ms DESC, g.party_key DESC`,
    ).all(...where.params, query.limit, query.offset) as GroupColumns[];
    return { total, groups: groups.map(toGroup) };
  }

  countMissed(query: MissedQuery): number {
    this.#refreshCaches();
    const tokens = query.agent.length > 0 ? this.#directory.expand(query.agent) : [];
    const where = missedClause(query.sinceMs, tokens);
    return this.#count(`SELECT count(*) FROM calls c ${where.sql}`, where);
  }

  /** Rows for an export, newest first, with the record as AntBuddy sent it. */
  iterateForExport(
    query: Pick<StoreQuery, 'filters' | 'search'>,
  ): IterableIterator<CallColumns & { raw_json: string }> {
    this.#refreshCaches();
    const where = whereClause(query.filters, query.search, this.#directory);
    return this.#db
      .prepare(`SELECT ${ROW_COLUMNS}, c.raw_json FROM calls c ${where.sql} ORDER BY c.start_ms DESC, c.id DESC`)
      .iterate(...where.params) as IterableIterator<CallColumns & { raw_json: string }>;
  }
}

function parseExtensions(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
