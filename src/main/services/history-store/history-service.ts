import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CallEvent } from '../../../shared/domain';
import type { AppResult } from '../../../shared/errors';
import {
  HISTORY_DAYS_DEFAULT,
  HISTORY_DAYS_MAX,
  HISTORY_DAYS_MIN,
  HISTORY_PAGE_DEFAULT,
  type HistoryExportInput,
  type HistoryExportResult,
  type HistoryFilters,
  type HistoryGroupInput,
  type HistoryGroupPage,
  type HistoryPage,
  type HistoryCountInput,
  type HistoryQueryInput,
  type HistorySyncState,
} from '../../../shared/history';
import { err, ok } from '../../../shared/result';
import type { Agent, Queue } from '../api/types';
import { backgroundClock, type Clock } from '../clock';
import type { HistorySource } from '../history/sync';
import { noopLogger, type Logger } from '../logger';
import { accountKey, accountStoreFile } from './account-file';
import { openHistoryStore, type HistoryStore } from './history-store';
import { noAccount } from './store-errors';
import type { RecentCallsFound, RecentCallsQuery, StoreDirectory, StoreFilters } from './store-types';
import { runSyncPass } from './sync-pass';
import { createSyncScheduler, type PassResult, type SyncScheduler } from './sync-scheduler';
import type { WorkerScript } from './worker/worker-script';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export interface HistoryAccount {
  readonly appId: string;
  readonly companyDomain: string;
  readonly historyDays: number;
}

/** What the history service needs from the API client. */
export interface HistoryApi extends HistorySource {
  getAgents(): Promise<AppResult<Agent[]>>;
  getQueues?(): Promise<AppResult<Queue[]>>;
}

export interface HistoryServiceOptions {
  readonly dataDir: string;
  readonly api: HistoryApi;
  /** Read on every change notice, so a saved setting applies at once. */
  readonly account: () => HistoryAccount;
  /** This app's agent: SIP user, user name, extensions ("my calls", the missed badge). */
  readonly me: () => readonly string[];
  readonly clock?: Clock;
  readonly log?: Logger;
  readonly script?: WorkerScript;
  /** Default 5 minutes. */
  readonly refreshEveryMs?: number;
  /**
   * How far before the high-water mark a refresh re-reads. A record is filed when its call
   * ends but stamped with its start, so this must outlast long calls. Default 1 hour.
   */
  readonly overlapMs?: number;
  /** Every so often a refresh re-reads a whole day, for calls longer than the overlap. Default 6 hours. */
  readonly deepRefreshEveryMs?: number;
  /** A call just ended: refresh this soon (several endings make one run). Default 15 s. */
  readonly callEndDebounceMs?: number;
  /** First retry after a failed run (then doubling up to refreshEveryMs). Default 30 s. */
  readonly retryAfterMs?: number;
  /** The agents list (names in search) is re-read at most this often. Default 30 minutes. */
  readonly directoryEveryMs?: number;
  readonly concurrency?: number;
}

export interface HistoryService {
  state(): HistorySyncState;
  onState(listener: (state: HistorySyncState) => void): () => void;
  query(input: HistoryQueryInput): Promise<AppResult<HistoryPage>>;
  count(input: HistoryCountInput): Promise<AppResult<number>>;
  group(input: HistoryGroupInput): Promise<AppResult<HistoryGroupPage>>;
  /** Writes the matching calls to a new file under <dataDir>/exports/ and says where. */
  exportHistory(input: HistoryExportInput): Promise<AppResult<HistoryExportResult>>;
  /** Missed calls that rang this agent since `sinceMs` (the unseen-missed badge). */
  countMissed(sinceMs: number): Promise<AppResult<number>>;
  /** A screen-pop's earlier calls with a number or a colleague, from the stored calls. */
  recentCalls(query: RecentCallsQuery): Promise<AppResult<RecentCallsFound>>;
  /** A refresh now; resolves when it has run (queries work meanwhile). */
  refresh(): Promise<void>;
  /** Call signals: an ended call is in the history a little later, so refresh soon. */
  handleCallEvent(event: CallEvent): void;
  /** Settings changed: another account's file, or a new retention, applies now. */
  settingsChanged(): void;
  /** The open account's store file, if any. */
  readonly storeFile: string | undefined;
  /** Resolves when the current account's store is open and no sync run is in progress. */
  idle(): Promise<void>;
  dispose(): Promise<void>;
}

interface Session {
  readonly key: string;
  readonly file: string;
  readonly store: Promise<AppResult<HistoryStore>>;
  readonly scheduler: SyncScheduler;
  historyDays: number;
  state: HistorySyncState;
  lastEmitMs: number;
  directoryAtMs: number | undefined;
  deepAtMs: number | undefined;
}

const clampDays = (days: number): number =>
  Number.isInteger(days) ? Math.min(HISTORY_DAYS_MAX, Math.max(HISTORY_DAYS_MIN, days)) : HISTORY_DAYS_DEFAULT;

function toDirectory(agents: readonly Agent[], queues: readonly Queue[]): StoreDirectory {
  return {
    agents: agents.map((a) => ({ id: a.anttel.userId, username: a.username, name: a.name, extensions: a.ext })),
    queues: queues.flatMap((q) => (q.id ? [{ id: q.id, name: q.name }] : [])),
  };
}

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/**
 * The durable call history of the configured account: a store file per account (see
 * account-file), kept in sync in the background (newest 31 days first, then older windows
 * back to `historyDays`, then overlapping refreshes every few minutes and shortly after each
 * call ends) and queried a page at a time. Stored calls stay readable with the API down.
 */
export function createHistoryService(options: HistoryServiceOptions): HistoryService {
  const clock = options.clock ?? backgroundClock;
  const log = options.log ?? noopLogger;
  const refreshEveryMs = options.refreshEveryMs ?? 5 * MINUTE_MS;
  const overlapMs = options.overlapMs ?? HOUR_MS;
  const deepRefreshEveryMs = options.deepRefreshEveryMs ?? 6 * HOUR_MS;
  const directoryEveryMs = options.directoryEveryMs ?? 30 * MINUTE_MS;
  const listeners = new Set<(state: HistorySyncState) => void>();
  const closing = new Map<string, Promise<void>>();
  let session: Session | undefined;
  let disposed = false;

  const emit = (s: Session, state: HistorySyncState, force = true): void => {
    s.state = state;
    if (s !== session) return;
    const now = clock.now();
    // Progress of a long backfill is shown a few times a second at most, not per page.
    if (!force && now - s.lastEmitMs < 250) return;
    s.lastEmitMs = now;
    for (const listener of listeners) listener(state);
  };

  const lastRefreshAt = (ms: number | undefined): { lastRefreshAt?: string } =>
    ms === undefined ? {} : { lastRefreshAt: new Date(ms).toISOString() };

  async function refreshDirectory(s: Session, store: HistoryStore): Promise<void> {
    const now = clock.now();
    if (s.directoryAtMs !== undefined && now - s.directoryAtMs < directoryEveryMs) return;
    const [agents, queues] = await Promise.all([options.api.getAgents(), options.api.getQueues?.()]);
    if (!agents.ok) {
      // Names in search are a nicety: the calls themselves still sync.
      log.warn('history: agents list unavailable', { code: agents.error.code });
      return;
    }
    s.directoryAtMs = now;
    const saved = await store.setDirectory(toDirectory(agents.value, queues?.ok ? queues.value : []));
    if (!saved.ok) log.warn('history: could not store the agents list', { code: saved.error.code });
  }

  async function runPass(s: Session, fromMs: number | undefined, shouldYield: () => boolean): Promise<PassResult> {
    const opened = await s.store;
    const revision = 'revision' in s.state ? s.state.revision : 0;
    const previousRefresh = 'lastRefreshAt' in s.state ? s.state.lastRefreshAt : undefined;
    const keep = previousRefresh ? { lastRefreshAt: previousRefresh } : {};
    if (!opened.ok) {
      emit(s, { kind: 'failed', error: opened.error, revision, ...keep });
      return 'failed';
    }
    const store = opened.value;
    await refreshDirectory(s, store);
    const now = clock.now();
    const deep = s.deepAtMs === undefined || now - s.deepAtMs >= deepRefreshEveryMs;
    const refreshFromMs = Math.min(
      fromMs ?? Number.POSITIVE_INFINITY,
      deep ? now - 24 * HOUR_MS : Number.POSITIVE_INFINITY,
    );
    const result = await runSyncPass({
      store,
      source: options.api,
      now: () => clock.now(),
      historyDays: s.historyDays,
      overlapMs,
      ...(Number.isFinite(refreshFromMs) ? { refreshFromMs } : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      shouldYield,
      onProgress: (p) =>
        emit(
          s,
          {
            kind: 'syncing',
            windowsDone: p.windowsDone,
            windowsTotal: p.windowsTotal,
            records: p.records,
            revision: p.revision,
            ...keep,
          },
          p.records === 0 || p.windowsDone === p.windowsTotal,
        ),
    });
    const meta = await store.meta();
    const latest = meta.ok ? meta.value : undefined;
    const state = {
      revision: latest?.revision ?? revision,
      ...(latest ? lastRefreshAt(latest.lastRefreshAtMs) : keep),
    };
    if (!result.ok) {
      log.warn('history: sync failed', { code: result.error.code });
      emit(s, { kind: 'failed', error: result.error, ...state });
      return 'failed';
    }
    if (deep) s.deepAtMs = now;
    if (result.value === 'complete') emit(s, { kind: 'idle', ...state });
    return result.value;
  }

  function open(account: HistoryAccount): Session {
    const file = accountStoreFile(options.dataDir, account.appId, account.companyDomain);
    const key = accountKey(account.appId, account.companyDomain);
    const previousClose = closing.get(file) ?? Promise.resolve();
    const store = previousClose.then(async () => {
      const opened = await openHistoryStore({ file, ...(options.script ? { script: options.script } : {}) });
      // Read the History screen's first page once now, in the background: the reader thread's
      // statements, agents list and the file's newest pages are then warm when the agent opens it.
      if (opened.ok)
        void opened.value.query({ filters: {}, search: '', limit: HISTORY_PAGE_DEFAULT, total: 'if-cheap' });
      return opened;
    });
    const s: Session = {
      key,
      file,
      store,
      historyDays: clampDays(account.historyDays),
      state: { kind: 'idle', revision: 0 },
      lastEmitMs: 0,
      directoryAtMs: undefined,
      deepAtMs: undefined,
      scheduler: createSyncScheduler({
        clock,
        everyMs: refreshEveryMs,
        debounceMs: options.callEndDebounceMs ?? 15_000,
        retryAfterMs: options.retryAfterMs ?? 30_000,
        runPass: (request, shouldYield) => runPass(s, request.fromMs, shouldYield),
        onRetryScheduled: (atMs) => {
          if (s.state.kind === 'failed') emit(s, { ...s.state, retryAt: new Date(atMs).toISOString() });
        },
      }),
    };
    void store.then(async (opened) => {
      if (!opened.ok) {
        log.warn('history: store unavailable', { code: opened.error.code });
        emit(s, { kind: 'failed', error: opened.error, revision: 0 });
        return;
      }
      if (opened.value.recovered) log.warn('history: unreadable store file moved aside, syncing afresh');
      const meta = await opened.value.meta();
      if (meta.ok && s.state.kind === 'idle') {
        emit(s, { kind: 'idle', revision: meta.value.revision, ...lastRefreshAt(meta.value.lastRefreshAtMs) });
      }
    });
    s.scheduler.start();
    return s;
  }

  function close(s: Session): void {
    s.scheduler.dispose();
    // Not waiting for a run in progress (it may be a long backfill): the writer finishes the
    // page it is committing, then closes; the run's next commit fails and it stops there.
    const done = (async () => {
      const opened = await s.store;
      if (opened.ok) await opened.value.close();
    })();
    closing.set(s.file, done);
    void done.finally(() => {
      if (closing.get(s.file) === done) closing.delete(s.file);
    });
  }

  function applyAccount(): void {
    if (disposed) return;
    const account = options.account();
    const configured = account.appId.trim() !== '';
    const key = configured ? accountKey(account.appId, account.companyDomain) : undefined;
    if (session?.key === key) {
      const days = clampDays(account.historyDays);
      if (session && days !== session.historyDays) {
        session.historyDays = days;
        void session.scheduler.refreshNow();
      }
      return;
    }
    if (session) close(session);
    session = configured ? open(account) : undefined;
    const state: HistorySyncState = session ? session.state : { kind: 'off' };
    for (const listener of listeners) listener(state);
  }

  async function currentStore(): Promise<AppResult<HistoryStore>> {
    if (!session) return err(noAccount());
    return session.store;
  }

  const storeFilters = (filters: HistoryFilters | undefined): StoreFilters => {
    const f = filters ?? {};
    return {
      ...(f.directions ? { directions: f.directions } : {}),
      ...(f.statuses ? { statuses: f.statuses } : {}),
      ...(f.agent !== undefined ? { agent: [f.agent] } : {}),
      ...(f.mine ? { mine: options.me().filter((id) => id.trim() !== '') } : {}),
      ...(f.queueId !== undefined ? { queueId: f.queueId } : {}),
      ...(f.hasRecording !== undefined ? { hasRecording: f.hasRecording } : {}),
      ...(f.fromMs !== undefined ? { fromMs: f.fromMs } : {}),
      ...(f.toMs !== undefined ? { toMs: f.toMs } : {}),
      ...(f.number !== undefined ? { number: f.number } : {}),
    };
  };

  function exportPath(format: 'csv' | 'ndjson'): string {
    const folder = join(options.dataDir, 'exports');
    const base = `call-history-${stamp(clock.now())}`;
    for (let n = 1; ; n++) {
      const path = join(folder, `${base}${n === 1 ? '' : `-${n}`}.${format}`);
      if (!existsSync(path)) return path;
    }
  }

  applyAccount();

  return {
    state: () => session?.state ?? { kind: 'off' },
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async query(input) {
      const store = await currentStore();
      if (!store.ok) return store;
      return store.value.query({
        filters: storeFilters(input.filters),
        search: input.search ?? '',
        limit: input.limit ?? HISTORY_PAGE_DEFAULT,
        ...(input.cursor !== undefined ? { cursor: input.cursor } : {}),
        ...(input.offset !== undefined ? { offset: input.offset } : {}),
        ...(input.total !== undefined ? { total: input.total } : {}),
      });
    },
    async count(input) {
      const store = await currentStore();
      if (!store.ok) return store;
      return store.value.count({ filters: storeFilters(input.filters), search: input.search ?? '' });
    },
    async group(input) {
      const store = await currentStore();
      if (!store.ok) return store;
      return store.value.group({
        filters: storeFilters(input.filters),
        search: input.search ?? '',
        limit: input.limit ?? HISTORY_PAGE_DEFAULT,
        offset: input.offset ?? 0,
      });
    },
    async exportHistory(input) {
      const store = await currentStore();
      if (!store.ok) return store;
      const format = input.format ?? 'csv';
      const path = exportPath(format);
      const written = await store.value.exportFile({
        filters: storeFilters(input.filters),
        search: input.search ?? '',
        format,
        path,
      });
      if (!written.ok) return written;
      return ok({ path, rows: written.value, format });
    },
    async countMissed(sinceMs) {
      const store = await currentStore();
      if (!store.ok) return store;
      return store.value.countMissed({ sinceMs, agent: options.me().filter((id) => id.trim() !== '') });
    },
    async recentCalls(query) {
      const store = await currentStore();
      if (!store.ok) return store;
      return store.value.recentCalls(query);
    },
    async refresh() {
      await session?.scheduler.refreshNow();
    },
    handleCallEvent(event) {
      if (event.type !== 'ended' || !session) return;
      const endedAt = Date.parse(event.at);
      const fromMs = Number.isFinite(endedAt) ? endedAt - (event.durationSeconds ?? 0) * 1000 - MINUTE_MS : undefined;
      session.scheduler.refreshSoon(fromMs !== undefined ? { fromMs } : {});
    },
    settingsChanged: applyAccount,
    get storeFile() {
      return session?.file;
    },
    async idle() {
      const s = session;
      if (!s) return;
      await s.store;
      await s.scheduler.idle();
    },
    async dispose() {
      disposed = true;
      listeners.clear();
      if (session) close(session);
      session = undefined;
      await Promise.all([...closing.values()]);
    },
  };
}
