import type { Statement } from 'better-sqlite3';
import type { CallRecord } from '../api/types';
import { agentTokensOf, SIDE_CODE } from './agent-tokens';
import { toCallRow, type CallRow } from './call-row';
import type { Db } from './database';
import { foldText } from './search-text';
import { newestFirst, planSync, type StoredWindow, type WindowKind } from './sync-plan';
import { syntheticAgents, syntheticCalls } from './synthetic-calls';
import type {
  PageCommit,
  PageCommitResult,
  PlannedWindow,
  PlanRequest,
  StoreDirectory,
  SyncMeta,
  SyncPlan,
  SyntheticJob,
} from './store-types';

type MetaKey = 'high_water_ms' | 'covered_from_ms' | 'last_refresh_at_ms' | 'revision';

/** What the writer reads back of a stored call before changing or forgetting it. */
interface StoredCall {
  id: number;
  raw_json: string;
  start_ms: number;
  party_key: string;
  status_class: string;
}

interface WindowRow {
  id: number;
  from_ms: number;
  to_ms: number;
  kind: WindowKind;
  page_limit: number;
  pages_done: number;
  records: number;
  completed_at_ms: number | null;
}

const CALL_COLUMNS = [
  'record_key',
  'start_ms',
  'direction',
  'status_class',
  'status_detail',
  'party_raw',
  'party_display',
  'party_e164',
  'party_local',
  'party_key',
  'party_is_extension',
  'party_name',
  'caller_number',
  'caller_name',
  'callee_number',
  'callee_name',
  'agent_number',
  'agent_username',
  'did_number',
  'queue_id',
  'duration_seconds',
  'talk_seconds',
  'recording',
  'raw_json',
] as const;

function callParams(row: CallRow): Record<(typeof CALL_COLUMNS)[number], string | number | null> {
  return {
    record_key: row.recordKey,
    start_ms: row.startMs,
    direction: row.direction,
    status_class: row.statusClass,
    status_detail: row.statusDetail,
    party_raw: row.partyRaw,
    party_display: row.partyDisplay,
    party_e164: row.partyE164,
    party_local: row.partyLocal,
    party_key: row.partyKey,
    party_is_extension: row.partyIsExtension ? 1 : 0,
    party_name: row.partyName,
    caller_number: row.callerNumber,
    caller_name: row.callerName,
    callee_number: row.calleeNumber,
    callee_name: row.calleeName,
    agent_number: row.agentNumber,
    agent_username: row.agentUsername,
    did_number: row.didNumber,
    queue_id: row.queueId,
    duration_seconds: row.durationSeconds,
    talk_seconds: row.talkSeconds,
    recording: row.recording,
    raw_json: row.rawJson,
  };
}

function toPlanned(row: WindowRow): PlannedWindow {
  return {
    id: row.id,
    fromMs: row.from_ms,
    toMs: row.to_ms,
    kind: row.kind,
    pagesDone: row.pages_done,
    pageLimit: row.page_limit,
  };
}

/**
 * Every write to a store file, on the writer thread's connection. Each public method is one
 * transaction: a page of calls is stored together with the sync progress it represents, so a
 * crash keeps both or neither.
 */
export class CallWriter {
  readonly #db: Db;
  readonly #findCall: Statement;
  readonly #insertCall: Statement;
  readonly #updateCall: Statement;
  readonly #insertSearch: Statement;
  readonly #deleteSearch: Statement;
  readonly #insertAgent: Statement;
  readonly #deleteAgent: Statement;
  readonly #getMeta: Statement;
  readonly #setMeta: Statement;
  readonly #partyAdd: Statement;
  readonly #partyRemove: Statement;
  readonly #partyDeleteEmpty: Statement;
  readonly #partyLast: Statement;

  constructor(db: Db) {
    this.#db = db;
    this.#findCall = db.prepare(
      'SELECT id, raw_json, start_ms, party_key, status_class FROM calls WHERE record_key = ?',
    );
    this.#insertCall = db.prepare(
      `INSERT INTO calls (${CALL_COLUMNS.join(', ')}) VALUES (${CALL_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    );
    this.#updateCall = db.prepare(
      `UPDATE calls SET ${CALL_COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`,
    );
    this.#insertSearch = db.prepare('INSERT INTO calls_search (rowid, digits, names) VALUES (?, ?, ?)');
    this.#deleteSearch = db.prepare('DELETE FROM calls_search WHERE rowid = ?');
    this.#insertAgent = db.prepare(
      'INSERT OR IGNORE INTO call_agents (agent, side, start_ms, call_id) VALUES (?, ?, ?, ?)',
    );
    this.#deleteAgent = db.prepare(
      'DELETE FROM call_agents WHERE agent = ? AND start_ms = ? AND call_id = ? AND side = ?',
    );
    // The party summary: a call adds to its party and becomes its last call if it is the newest.
    this.#partyAdd = db.prepare(
      `INSERT INTO parties (party_key, calls, missed, last_ms, last_id) VALUES (@key, 1, @missed, @start, @id)
       ON CONFLICT (party_key) DO UPDATE SET
         calls = calls + 1,
         missed = missed + excluded.missed,
         last_id = CASE WHEN (excluded.last_ms, excluded.last_id) > (last_ms, last_id) THEN excluded.last_id ELSE last_id END,
         last_ms = max(last_ms, excluded.last_ms)`,
    );
    this.#partyRemove = db.prepare(
      'UPDATE parties SET calls = calls - @calls, missed = missed - @missed WHERE party_key = @key',
    );
    this.#partyDeleteEmpty = db.prepare('DELETE FROM parties WHERE party_key = ? AND calls <= 0');
    this.#partyLast = db.prepare(
      `UPDATE parties SET (last_ms, last_id) = (
         SELECT start_ms, id FROM calls WHERE party_key = @key ORDER BY start_ms DESC, id DESC LIMIT 1)
       WHERE party_key = @key AND calls > 0`,
    );
    this.#getMeta = db.prepare('SELECT value FROM sync_meta WHERE key = ?').pluck();
    this.#setMeta = db.prepare(
      'INSERT INTO sync_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  #meta(key: MetaKey): number | undefined {
    const value = this.#getMeta.get(key) as number | undefined;
    return typeof value === 'number' ? value : undefined;
  }

  #bumpRevision(): number {
    const next = (this.#meta('revision') ?? 0) + 1;
    this.#setMeta.run('revision', next);
    return next;
  }

  /** The index rows of a stored call, found again from its stored record. */
  #forgetIndexes(call: StoredCall): void {
    this.#deleteSearch.run(call.id);
    const record = JSON.parse(call.raw_json) as CallRecord;
    for (const { token, side } of agentTokensOf(record))
      this.#deleteAgent.run(token, call.start_ms, call.id, SIDE_CODE[side]);
    this.#partyRemove.run({ key: call.party_key, calls: 1, missed: call.status_class === 'missed' ? 1 : 0 });
    this.#partyDeleteEmpty.run(call.party_key);
  }

  /** Adds or updates one call; 0 when the same record was already stored unchanged. */
  #upsert(row: CallRow): number {
    const existing = this.#findCall.get(row.recordKey) as StoredCall | undefined;
    if (existing && existing.raw_json === row.rawJson) return 0;
    let id: number;
    if (existing) {
      id = existing.id;
      this.#forgetIndexes(existing);
      this.#updateCall.run({ ...callParams(row), id });
      // The changed call may have been its party's last one.
      this.#partyLast.run({ key: existing.party_key });
    } else {
      id = Number(this.#insertCall.run(callParams(row)).lastInsertRowid);
    }
    this.#insertSearch.run(id, row.searchDigits, row.searchNames);
    for (const { token, side } of row.agentTokens) this.#insertAgent.run(token, SIDE_CODE[side], row.startMs, id);
    this.#partyAdd.run({ key: row.partyKey, missed: row.statusClass === 'missed' ? 1 : 0, start: row.startMs, id });
    return 1;
  }

  #upsertRecords(records: readonly CallRecord[]): number {
    let changed = 0;
    for (const record of records) changed += this.#upsert(toCallRow(record));
    return changed;
  }

  commitPage(commit: PageCommit): PageCommitResult {
    return this.#db.transaction((): PageCommitResult => {
      const changed = this.#upsertRecords(commit.records);
      const window = this.#db.prepare('SELECT id, kind, to_ms FROM sync_windows WHERE id = ?').get(commit.windowId) as
        Pick<WindowRow, 'id' | 'kind' | 'to_ms'> | undefined;
      if (window) {
        this.#db
          .prepare(
            `UPDATE sync_windows SET pages_done = max(pages_done, ?), records = records + ?,
               completed_at_ms = CASE WHEN ? THEN coalesce(completed_at_ms, ?) ELSE completed_at_ms END
             WHERE id = ?`,
          )
          .run(commit.pagesDone, commit.records.length, commit.windowComplete ? 1 : 0, commit.nowMs, window.id);
        if (commit.windowComplete && window.kind === 'refresh') {
          this.#setMeta.run('high_water_ms', Math.max(this.#meta('high_water_ms') ?? 0, window.to_ms));
          this.#setMeta.run('last_refresh_at_ms', commit.nowMs);
          // Only the newest completed refresh is worth keeping: one run every few minutes adds up.
          this.#db
            .prepare("DELETE FROM sync_windows WHERE kind = 'refresh' AND completed_at_ms IS NOT NULL AND id <> ?")
            .run(window.id);
        }
      }
      const revision = changed > 0 ? this.#bumpRevision() : (this.#meta('revision') ?? 0);
      return { changed, revision };
    })();
  }

  planSync(request: PlanRequest): SyncPlan {
    return this.#db.transaction((): SyncPlan => {
      const rows = this.#db.prepare('SELECT * FROM sync_windows').all() as WindowRow[];
      const windows: StoredWindow[] = rows.map((r) => ({
        id: r.id,
        fromMs: r.from_ms,
        toMs: r.to_ms,
        kind: r.kind,
        pagesDone: r.pages_done,
        records: r.records,
        completedAtMs: r.completed_at_ms,
      }));
      const changes = planSync(
        { highWaterMs: this.#meta('high_water_ms'), coveredFromMs: this.#meta('covered_from_ms'), windows },
        request,
      );
      const remove = this.#db.prepare('DELETE FROM sync_windows WHERE id = ?');
      for (const id of changes.removeIds) remove.run(id);
      const add = this.#db.prepare('INSERT INTO sync_windows (from_ms, to_ms, kind, page_limit) VALUES (?, ?, ?, ?)');
      for (const w of changes.add) add.run(w.fromMs, w.toMs, w.kind, request.pageLimit);
      this.#setMeta.run('covered_from_ms', changes.coveredFromMs);
      // Page numbers mean nothing under another page size: such windows start over.
      this.#db
        .prepare(
          'UPDATE sync_windows SET pages_done = 0, page_limit = ? WHERE completed_at_ms IS NULL AND page_limit <> ?',
        )
        .run(request.pageLimit, request.pageLimit);
      const pending = (
        this.#db.prepare('SELECT * FROM sync_windows WHERE completed_at_ms IS NULL').all() as WindowRow[]
      ).map(toPlanned);
      return { pending: newestFirst(pending), meta: this.meta() };
    })();
  }

  /** Forgets calls that started before the retention start; returns how many. */
  prune(retentionFromMs: number): number {
    return this.#db.transaction((): number => {
      // Calls age out a day at a time: a batch of old calls, their index rows, then the calls.
      const batch = this.#db.prepare(
        'SELECT id, raw_json, start_ms, party_key, status_class FROM calls WHERE start_ms < ? ORDER BY start_ms LIMIT 1000',
      );
      const remove = this.#db.prepare('DELETE FROM calls WHERE id = ?');
      let removed = 0;
      for (
        let old = batch.all(retentionFromMs) as StoredCall[];
        old.length > 0;
        old = batch.all(retentionFromMs) as StoredCall[]
      ) {
        for (const call of old) {
          this.#forgetIndexes(call);
          remove.run(call.id);
        }
        removed += old.length;
      }
      this.#db.prepare('DELETE FROM sync_windows WHERE to_ms < ?').run(retentionFromMs);
      const covered = this.#meta('covered_from_ms');
      if (covered !== undefined && covered < retentionFromMs) this.#setMeta.run('covered_from_ms', retentionFromMs);
      if (removed > 0) this.#bumpRevision();
      return removed;
    })();
  }

  setDirectory(directory: StoreDirectory): void {
    this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM directory_agents').run();
      this.#db.prepare('DELETE FROM directory_queues').run();
      const agent = this.#db.prepare(
        'INSERT OR REPLACE INTO directory_agents (id, username, name, name_folded, extensions) VALUES (?, ?, ?, ?, ?)',
      );
      for (const a of directory.agents) {
        agent.run(a.id, a.username, a.name, foldText(a.name), JSON.stringify(a.extensions));
      }
      const queue = this.#db.prepare('INSERT OR REPLACE INTO directory_queues (id, name) VALUES (?, ?)');
      for (const q of directory.queues) queue.run(q.id, q.name);
    })();
  }

  meta(): SyncMeta {
    return {
      highWaterMs: this.#meta('high_water_ms'),
      coveredFromMs: this.#meta('covered_from_ms'),
      lastRefreshAtMs: this.#meta('last_refresh_at_ms'),
      revision: this.#meta('revision') ?? 0,
      calls: this.#db.prepare('SELECT count(*) FROM calls').pluck().get() as number,
    };
  }

  /**
   * Benchmarks and tests: `count` synthetic calls (see synthetic-calls), through the same
   * upsert as synced pages, `batch` rows per transaction. Returns the calls added.
   */
  insertSynthetic(job: SyntheticJob, notify: (name: string) => void): number {
    const batch = job.batch ?? 50_000;
    const agents = syntheticAgents();
    let added = 0;
    for (let start = 0; start < job.count; start += batch) {
      const records = syntheticCalls(start, Math.min(batch, job.count - start), {
        seed: job.seed,
        fromMs: job.fromMs,
        toMs: job.toMs,
        agents,
      });
      this.#db.transaction(() => {
        added += this.#upsertRecords(records);
        if (start === 0 && job.holdOpen) {
          notify('synthetic-transaction-open');
          Atomics.wait(new Int32Array(job.holdOpen), 0, 0);
        }
        if (added > 0) this.#bumpRevision();
      })();
    }
    if (job.count > 0) {
      this.setDirectory({
        agents: agents.map((a) => ({
          id: `id_${a.username}`,
          username: a.username,
          name: a.name,
          extensions: [a.extension],
        })),
        queues: [1, 2, 3, 4].map((n) => ({ id: `queue_${n}`, name: `Queue ${n}` })),
      });
    }
    return added;
  }

  integrityCheck(): string {
    return (this.#db.pragma('integrity_check', { simple: true }) as string) ?? '';
  }
}
