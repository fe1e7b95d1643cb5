import { phoneKey } from '../../../shared/phone';
import { SIDE_CODE } from './agent-tokens';
import type { DirectoryIndex } from './directory-index';
import { ftsPhrase, MIN_PARTIAL_MATCH, parseSearch } from './search-query';
import type { StoreFilters } from './store-types';

/**
 * The WHERE clause shared by every read (page, count, groups, export), so a count always
 * counts exactly what the pages show. Values are bound as parameters, never spliced in.
 *
 * Conditions that narrow to a set of calls (an agent, a search) can be evaluated two ways,
 * and which is fast depends on how many calls match:
 * - `drive`: `c.id IN (set)`: SQLite looks the set's calls up by id, then sorts them. Best for
 *   small sets (a customer's number: a handful of calls), and what counts use.
 * - `probe`: walk the calls newest first and test each against the set (an agent's identities
 *   through call_agents' (agent, start_ms, call_id) key, a search through its materialised
 *   matches), stopping at the page's last row. Best for big sets ("my calls": thousands),
 *   where looking everything up and sorting it would read far more than one page.
 */

export type SetStrategy = 'drive' | 'probe';

export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly (string | number)[];
  /** Some condition narrows to a set of calls (the strategy matters). */
  readonly hasSets: boolean;
}

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

function agentSet(
  tokens: readonly string[],
  strategy: SetStrategy,
  side?: 'callee',
): { sql: string; params: (string | number)[] } {
  if (tokens.length === 0) return { sql: '0', params: [] };
  const sideSql = side ? ' AND side = ?' : '';
  const sideParams = side ? [SIDE_CODE[side]] : [];
  if (strategy === 'probe') {
    return {
      sql: `EXISTS (SELECT 1 FROM call_agents a WHERE a.agent IN (${placeholders(tokens.length)}) AND a.start_ms = c.start_ms AND a.call_id = c.id${sideSql})`,
      params: [...tokens, ...sideParams],
    };
  }
  return {
    sql: `c.id IN (SELECT call_id FROM call_agents WHERE agent IN (${placeholders(tokens.length)})${sideSql})`,
    params: [...tokens, ...sideParams],
  };
}

function ftsSet(match: string, strategy: SetStrategy): { sql: string; params: string[] } {
  // `+c.id` stops SQLite from driving by the matches, so it walks calls in time order instead.
  const id = strategy === 'probe' ? '+c.id' : 'c.id';
  return { sql: `${id} IN (SELECT rowid FROM calls_search WHERE calls_search MATCH ?)`, params: [match] };
}

function either(a: { sql: string; params: (string | number)[] }, b?: { sql: string; params: (string | number)[] }) {
  return b ? { sql: `(${a.sql} OR ${b.sql})`, params: [...a.params, ...b.params] } : a;
}

function searchCondition(
  search: string,
  directory: DirectoryIndex,
  strategy: SetStrategy,
): { sql: string; params: (string | number)[] } | undefined {
  const parsed = parseSearch(search);
  if (parsed.kind === 'none') return undefined;
  if (parsed.kind === 'number') {
    const { digits } = parsed;
    // An extension typed in full also finds the calls of the agent it belongs to.
    const agents = agentSet(directory.expand([digits]), strategy);
    if (digits.length < MIN_PARTIAL_MATCH) return either({ sql: 'c.party_local = ?', params: [digits] }, agents);
    return either(ftsSet(ftsPhrase('digits', digits), strategy), agents);
  }
  const tokens = directory.tokensForName(parsed.folded);
  const agents = tokens.length > 0 ? agentSet(tokens, strategy) : undefined;
  if (parsed.folded.length < MIN_PARTIAL_MATCH) return agents ?? { sql: '0', params: [] };
  return either(ftsSet(ftsPhrase('names', parsed.folded), strategy), agents);
}

export interface WhereOptions {
  readonly strategy?: SetStrategy;
  /**
   * Grouping by number: keep SQLite off the direction and outcome indexes (`+c.direction`),
   * so it groups on calls_by_party, which holds both, instead of looking every call up.
   */
  readonly groupByParty?: boolean;
}

export function whereClause(
  filters: StoreFilters,
  search: string,
  directory: DirectoryIndex,
  options: WhereOptions = {},
): SqlFragment {
  const strategy = options.strategy ?? 'drive';
  const column = (name: string): string => (options.groupByParty ? `+c.${name}` : `c.${name}`);
  const parts: string[] = [];
  const params: (string | number)[] = [];
  let hasSets = false;
  const add = (fragment: { sql: string; params: readonly (string | number)[] }, isSet = false): void => {
    parts.push(fragment.sql);
    params.push(...fragment.params);
    hasSets ||= isSet;
  };
  if (filters.directions && filters.directions.length > 0) {
    add({ sql: `${column('direction')} IN (${placeholders(filters.directions.length)})`, params: filters.directions });
  }
  if (filters.statuses && filters.statuses.length > 0) {
    add({ sql: `${column('status_class')} IN (${placeholders(filters.statuses.length)})`, params: filters.statuses });
  }
  if (filters.agent) add(agentSet(directory.expand(filters.agent), strategy), true);
  if (filters.mine) add(agentSet(directory.expand(filters.mine), strategy), true);
  if (filters.queueId !== undefined) add({ sql: 'c.queue_id = ?', params: [filters.queueId] });
  if (filters.hasRecording !== undefined) {
    add({ sql: filters.hasRecording ? 'c.recording IS NOT NULL' : 'c.recording IS NULL', params: [] });
  }
  if (filters.fromMs !== undefined) add({ sql: 'c.start_ms >= ?', params: [filters.fromMs] });
  if (filters.toMs !== undefined) add({ sql: 'c.start_ms <= ?', params: [filters.toMs] });
  if (filters.number !== undefined) add({ sql: 'c.party_key = ?', params: [phoneKey(filters.number)] });
  const searched = searchCondition(search, directory, strategy);
  if (searched) add(searched, true);
  return { sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params, hasSets };
}

/** A statement counting one set's calls, at most `LIMIT ?` of them (bind the cap last). */
export interface SetSizeStatement {
  readonly sql: string;
  readonly params: readonly (string | number)[];
}

/**
 * What bounds the number of calls a query's sets can match, read off their own indexes (the
 * agents' call_agents key, the search's FTS table, party_local): each list stands for sets
 * joined by OR (their sizes add up), and the lists are joined by AND (the smallest bounds the
 * whole). Counting the sets this way stops at a cap in a few milliseconds however big they are,
 * where counting the calls that match the whole WHERE can only stop early by walking them all.
 * Empty when the query has no set.
 */
export function setSizeStatements(
  filters: StoreFilters,
  search: string,
  directory: DirectoryIndex,
): (readonly SetSizeStatement[])[] {
  const agents = (tokens: readonly string[]): SetSizeStatement[] =>
    tokens.length === 0
      ? []
      : [
          {
            sql: `SELECT count(*) FROM (SELECT 1 FROM call_agents WHERE agent IN (${placeholders(tokens.length)}) LIMIT ?)`,
            params: tokens,
          },
        ];
  const fts = (match: string): SetSizeStatement => ({
    sql: 'SELECT count(*) FROM (SELECT 1 FROM calls_search WHERE calls_search MATCH ? LIMIT ?)',
    params: [match],
  });
  const lists: SetSizeStatement[][] = [];
  if (filters.agent) lists.push(agents(directory.expand(filters.agent)));
  if (filters.mine) lists.push(agents(directory.expand(filters.mine)));
  const parsed = parseSearch(search);
  if (parsed.kind === 'number') {
    const { digits } = parsed;
    const own =
      digits.length < MIN_PARTIAL_MATCH
        ? { sql: 'SELECT count(*) FROM (SELECT 1 FROM calls WHERE party_local = ? LIMIT ?)', params: [digits] }
        : fts(ftsPhrase('digits', digits));
    lists.push([own, ...agents(directory.expand([digits]))]);
  } else if (parsed.kind !== 'none') {
    const names = agents(directory.tokensForName(parsed.folded));
    lists.push(parsed.folded.length < MIN_PARTIAL_MATCH ? names : [fts(ftsPhrase('names', parsed.folded)), ...names]);
  }
  return lists;
}

/** Missed calls that rang one of these identities (the callee side), since `sinceMs`. */
export function missedClause(sinceMs: number, tokens: readonly string[]): SqlFragment {
  const base = { sql: "WHERE c.status_class = 'missed' AND c.start_ms >= ?", params: [sinceMs] };
  if (tokens.length === 0) return { ...base, hasSets: false };
  const agent = agentSet(tokens, 'drive', 'callee');
  return { sql: `${base.sql} AND ${agent.sql}`, params: [...base.params, ...agent.params], hasSets: true };
}

/** True when no filter or search narrows the calls at all (empty direction or status lists mean "all"). */
export function isUnfiltered(filters: StoreFilters, search: string): boolean {
  const { directions, statuses, ...rest } = filters;
  return (
    (directions?.length ?? 0) === 0 &&
    (statuses?.length ?? 0) === 0 &&
    Object.values(rest).every((value) => value === undefined) &&
    parseSearch(search).kind === 'none'
  );
}
