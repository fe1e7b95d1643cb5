import type { AppError } from '../../../../shared/errors';
import type { HistoryGroupPage, HistoryPage } from '../../../../shared/history';
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
} from '../store-types';

/**
 * The typed surface of the store's threads (what Signal Desktop's sql/Interface.ts is to its
 * Server.ts): main calls these by name; each runs synchronously on its thread's connection.
 */

/** The one thread that writes: synced pages, sync progress, pruning, the agents list. */
export interface WriterApi {
  commitPage(commit: PageCommit): PageCommitResult;
  planSync(request: PlanRequest): SyncPlan;
  prune(retentionFromMs: number): number;
  setDirectory(directory: StoreDirectory): void;
  meta(): SyncMeta;
  insertSynthetic(job: SyntheticJob): number;
  integrityCheck(): string;
  close(): void;
}

/**
 * A thread that only reads: the History screen's pages, groups and counts. The store runs three:
 * one for pages, one for exact counts, so a long count never holds back the next page, and one
 * for the screen-pop's lookups, so a ringing call never waits behind either.
 */
export interface ReaderApi {
  query(query: StoreQuery): HistoryPage;
  /** The exact number of calls a query matches (what `total: 'if-cheap'` left out). */
  count(query: StoreCountQuery): number;
  group(query: StoreGroupQuery): HistoryGroupPage;
  countMissed(query: MissedQuery): number;
  /** A screen-pop's earlier calls with a number or a colleague (the store's lookup thread). */
  recentCalls(query: RecentCallsQuery): RecentCallsFound;
  close(): void;
}

/** A short-lived thread per export, so a long export never delays a page. */
export interface ExportApi {
  exportFile(job: ExportJob): number;
  close(): void;
}

export type WorkerRole = 'writer' | 'reader' | 'export';

export interface WorkerInit {
  readonly role: WorkerRole;
  readonly file: string;
  /** Running from source: the TypeScript entry the bootstrap loads through tsx. */
  readonly entry?: string;
}

export interface WorkerRequest {
  readonly id: number;
  readonly method: string;
  readonly args: readonly unknown[];
}

export type WorkerMessage =
  | { readonly type: 'ready'; readonly recovered: boolean }
  | { readonly type: 'failed'; readonly error: AppError }
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'reply'; readonly id: number; readonly ok: false; readonly error: AppError }
  | { readonly type: 'notice'; readonly name: string };
