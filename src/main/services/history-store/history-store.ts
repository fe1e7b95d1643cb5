import type { AppResult } from '../../../shared/errors';
import type { HistoryGroupPage, HistoryPage } from '../../../shared/history';
import { err, ok } from '../../../shared/result';
import type {
  ExportJob,
  MissedQuery,
  PageCommit,
  PageCommitResult,
  PlanRequest,
  RecentCallsFound,
  RecentCallsQuery,
  StoreCountQuery,
  StoreDirectory,
  StoreGroupQuery,
  StoreQuery,
  SyncMeta,
  SyncPlan,
  SyntheticJob,
} from './store-types';
import { storeClosed } from './store-errors';
import type { ExportApi, ReaderApi, WriterApi } from './worker/protocol';
import { WorkerClient } from './worker/worker-client';
import { defaultWorkerScript, type WorkerScript } from './worker/worker-script';

/**
 * One account's call-history file, served by threads: a writer (sync pages, progress,
 * pruning), a reader (the screen's pages, groups and small counts, answered from the last
 * committed state even while the writer is mid-transaction: WAL), a counter (exact totals
 * of big sets, which take a million-call store a few hundred milliseconds), a lookup thread
 * (the screen-pop's earlier calls, which must never queue behind a page or a count) and a
 * short-lived thread per export.
 * Every method returns a promise at once; main's event loop never runs a query.
 */
export interface HistoryStore {
  readonly file: string;
  /** The file was unreadable at open: it was moved aside and a new one started (the next sync refills it). */
  readonly recovered: boolean;
  query(query: StoreQuery): Promise<AppResult<HistoryPage>>;
  /** Exact count of a query, on its own thread: a long count never holds back a page. */
  count(query: StoreCountQuery): Promise<AppResult<number>>;
  group(query: StoreGroupQuery): Promise<AppResult<HistoryGroupPage>>;
  countMissed(query: MissedQuery): Promise<AppResult<number>>;
  /** A screen-pop's earlier calls, on the lookup thread: a fraction of a millisecond of SQL. */
  recentCalls(query: RecentCallsQuery): Promise<AppResult<RecentCallsFound>>;
  /** Writes every matching call to `job.path`; resolves with the number of rows. */
  exportFile(job: ExportJob): Promise<AppResult<number>>;
  commitPage(commit: PageCommit): Promise<AppResult<PageCommitResult>>;
  planSync(request: PlanRequest): Promise<AppResult<SyncPlan>>;
  prune(retentionFromMs: number): Promise<AppResult<number>>;
  setDirectory(directory: StoreDirectory): Promise<AppResult<void>>;
  meta(): Promise<AppResult<SyncMeta>>;
  /** Benchmarks and tests: bulk-inserts synthetic calls (see synthetic-calls). */
  insertSynthetic(job: SyntheticJob): Promise<AppResult<number>>;
  integrityCheck(): Promise<AppResult<string>>;
  /** Notices from the writer thread (tests: a held transaction is open). */
  onWriterNotice(listener: (name: string) => void): () => void;
  /** Closes the threads (the writer last, so the WAL is checkpointed into the file). Idempotent. */
  close(): Promise<void>;
}

export interface OpenHistoryStoreOptions {
  readonly file: string;
  /** Where the thread code is; default: next to the built app, or the source under tsx/Vitest. */
  readonly script?: WorkerScript;
}

export async function openHistoryStore(options: OpenHistoryStoreOptions): Promise<AppResult<HistoryStore>> {
  const script = options.script ?? defaultWorkerScript();
  const resolved = 'url' in script ? ok(script) : script;
  if (!resolved.ok) return resolved;
  const { file } = options;
  // The writer first: it creates the file and applies migrations before anyone reads.
  const writerStarted = await WorkerClient.start<WriterApi>(resolved.value, 'writer', file);
  if (!writerStarted.ok) return writerStarted;
  const writer = writerStarted.value.client;
  // Then the reading threads: pages, exact counts and the screen-pop's lookups, one each.
  const readers: WorkerClient<ReaderApi>[] = [];
  for (let i = 0; i < 3; i++) {
    const started = await WorkerClient.start<ReaderApi>(resolved.value, 'reader', file);
    if (!started.ok) {
      await Promise.all(readers.map((client) => client.close()));
      await writer.close();
      return started;
    }
    readers.push(started.value.client);
  }
  const [reader, counter, lookup] = readers as [
    WorkerClient<ReaderApi>,
    WorkerClient<ReaderApi>,
    WorkerClient<ReaderApi>,
  ];
  const exports = new Set<WorkerClient<ExportApi>>();
  let closing: Promise<void> | undefined;

  const store: HistoryStore = {
    file,
    recovered: writerStarted.value.recovered,
    query: (query) => reader.call('query', query),
    count: (query) => counter.call('count', query),
    group: (query) => reader.call('group', query),
    countMissed: (query) => reader.call('countMissed', query),
    recentCalls: (query) => lookup.call('recentCalls', query),
    async exportFile(job) {
      if (closing) return err(storeClosed());
      const started = await WorkerClient.start<ExportApi>(resolved.value, 'export', file);
      if (!started.ok) return started;
      const client = started.value.client;
      exports.add(client);
      try {
        return await client.call('exportFile', job);
      } finally {
        exports.delete(client);
        await client.close();
      }
    },
    commitPage: (commit) => writer.call('commitPage', commit),
    planSync: (request) => writer.call('planSync', request),
    prune: (retentionFromMs) => writer.call('prune', retentionFromMs),
    setDirectory: (directory) => writer.call('setDirectory', directory),
    meta: () => writer.call('meta'),
    insertSynthetic: (job) => writer.call('insertSynthetic', job),
    integrityCheck: () => writer.call('integrityCheck'),
    onWriterNotice: (listener) => writer.onNotice(listener),
    close() {
      closing ??= (async () => {
        await Promise.all([...exports].map((client) => client.terminate()));
        await Promise.all([reader.close(), counter.close(), lookup.close()]);
        await writer.close();
      })();
      return closing;
    },
  };
  return ok(store);
}
