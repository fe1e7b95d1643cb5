import type { ScreenPopRecentCall } from '../../../shared/contract';
import type { CallDirection } from '../../../shared/domain';
import type { HistoryExportFormat, HistoryStatus } from '../../../shared/history';
import type { CallRecord } from '../api/types';
import type { PlanInput, StoredWindow, WindowKind } from './sync-plan';

/** What the store's threads exchange: plain data only (it crosses worker_threads by structured clone). */

export interface StoreFilters {
  readonly directions?: readonly CallDirection[];
  readonly statuses?: readonly HistoryStatus[];
  /** Identities (SIP user, user name, extension) of one agent; any of them matches. */
  readonly agent?: readonly string[];
  /** Identities of this app's agent; combined with `agent` by AND. */
  readonly mine?: readonly string[];
  readonly queueId?: string;
  readonly hasRecording?: boolean;
  readonly fromMs?: number;
  readonly toMs?: number;
  /** The other party, any spelling. */
  readonly number?: string;
}

export interface StoreQuery {
  readonly filters: StoreFilters;
  readonly search: string;
  readonly limit: number;
  readonly cursor?: string;
  readonly offset?: number;
  /** `if-cheap`: leave the total out unless it is known at once (see HistoryQueryInput). Default `exact`. */
  readonly total?: 'exact' | 'if-cheap';
}

export type StoreCountQuery = Pick<StoreQuery, 'filters' | 'search'>;

export interface StoreGroupQuery {
  readonly filters: StoreFilters;
  readonly search: string;
  readonly limit: number;
  readonly offset: number;
}

export interface MissedQuery {
  readonly sinceMs: number;
  /** The agent whose phone the calls rang; empty: every missed call of the company. */
  readonly agent: readonly string[];
}

/** Whose earlier calls a screen-pop lists: a caller's number (any spelling), or a colleague. */
export type RecentCallsParty =
  | { readonly kind: 'number'; readonly number: string }
  /** A colleague's identities (user name, SIP user, extensions): the agents list adds the rest. */
  | { readonly kind: 'agent'; readonly identities: readonly string[] };

export interface RecentCallsQuery {
  readonly party: RecentCallsParty;
  readonly limit: number;
}

export interface RecentCallsFound {
  /** Newest first, at most the limit. */
  readonly calls: readonly ScreenPopRecentCall[];
  /** For a number: the name its latest calls carried (a queue's caller id, a party name). */
  readonly name?: string;
}

export interface ExportJob {
  readonly filters: StoreFilters;
  readonly search: string;
  readonly format: HistoryExportFormat;
  /** Final path; the file is written next to it under a temporary name, then renamed. */
  readonly path: string;
}

export interface PageCommit {
  readonly windowId: number;
  readonly records: readonly CallRecord[];
  /** Pages 1..pagesDone of the window are now all stored. */
  readonly pagesDone: number;
  readonly windowComplete: boolean;
  readonly nowMs: number;
}

export interface PageCommitResult {
  /** Calls added or changed by this page. */
  readonly changed: number;
  readonly revision: number;
}

export interface SyncMeta {
  readonly highWaterMs?: number;
  readonly coveredFromMs?: number;
  readonly lastRefreshAtMs?: number;
  readonly revision: number;
  readonly calls: number;
}

export interface PlannedWindow {
  readonly id: number;
  readonly fromMs: number;
  readonly toMs: number;
  readonly kind: WindowKind;
  readonly pagesDone: number;
  readonly pageLimit: number;
}

export interface SyncPlan {
  /** Newest first: the order to fetch them in. */
  readonly pending: readonly PlannedWindow[];
  readonly meta: SyncMeta;
}

export interface PlanRequest extends PlanInput {
  readonly pageLimit: number;
}

export interface DirectoryAgent {
  readonly id: string;
  readonly username: string;
  readonly name: string;
  readonly extensions: readonly string[];
}

export interface StoreDirectory {
  readonly agents: readonly DirectoryAgent[];
  readonly queues: readonly { readonly id: string; readonly name: string }[];
}

export interface SyntheticJob {
  readonly count: number;
  readonly seed: number;
  readonly fromMs: number;
  readonly toMs: number;
  /** Rows per transaction (default 50,000). */
  readonly batch?: number;
  /**
   * Tests only: after the first batch is written, and before it commits, the writer says so
   * and blocks on this shared Int32 until it becomes non-zero (a write transaction held open).
   */
  readonly holdOpen?: SharedArrayBuffer;
}

export type { StoredWindow };
