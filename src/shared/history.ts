import { z } from 'zod';
import type { CallDirection } from './domain';
import type { AppError } from './errors';

/**
 * The History screen's vocabulary, shared by main (the local history store) and the renderer:
 * what it may ask (filters, search, paging, validated with zod at the boundary) and what it
 * gets back (one page of rows at a time, never the whole history).
 */

export const HISTORY_DIRECTIONS = ['inbound', 'outbound', 'internal'] as const satisfies readonly CallDirection[];

/**
 * What became of a call, derived from AntBuddy's `status_detail` and the direction:
 * - answered: `SUCCESS` (any direction);
 * - missed: an inbound or internal call that was not `SUCCESS`, whatever its status (nobody answered it);
 * - busy: an outbound call answered `BUSY`;
 * - cancelled: an outbound call `CANCELLED` (the agent hung up before the answer);
 * - failed: every other outbound call (`IVR`: rang out unanswered, `UNSUCCESS`, or a status the app does not know).
 */
export const HISTORY_STATUSES = ['answered', 'missed', 'busy', 'cancelled', 'failed'] as const;
export type HistoryStatus = (typeof HISTORY_STATUSES)[number];

/** The most rows one request returns: the screen pages, it never holds the whole history. */
export const HISTORY_PAGE_MAX = 200;
export const HISTORY_PAGE_DEFAULT = 50;
export const HISTORY_SEARCH_MAX = 100;

export const HISTORY_DAYS_MIN = 31;
export const HISTORY_DAYS_MAX = 365;
export const HISTORY_DAYS_DEFAULT = 90;

const text = (max: number) => z.string().trim().min(1).max(max);
const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);

export const HistoryFiltersSchema = z
  .object({
    /** Any of these directions (absent or empty: all). */
    directions: z.array(z.enum(HISTORY_DIRECTIONS)).max(HISTORY_DIRECTIONS.length).optional(),
    /** Any of these outcomes (absent or empty: all). */
    statuses: z.array(z.enum(HISTORY_STATUSES)).max(HISTORY_STATUSES.length).optional(),
    /** Calls of one agent, named by SIP user (`agent8001`), user name or extension (`8001`). */
    agent: text(200).optional(),
    /** Only this app's agent's calls: main knows its SIP user, user name and extensions. */
    mine: z.boolean().optional(),
    queueId: text(200).optional(),
    hasRecording: z.boolean().optional(),
    /** Start of the call at or after this instant (unix ms). */
    fromMs: epochMs.optional(),
    /** Start of the call at or before this instant (unix ms). */
    toMs: epochMs.optional(),
    /** Exactly this other party, in any spelling (`0912 345 678`, `+84912345678`): expands a group. */
    number: text(64).optional(),
  })
  .strict()
  .refine((f) => f.fromMs === undefined || f.toMs === undefined || f.fromMs <= f.toMs, {
    message: 'fromMs must not be after toMs',
    path: ['fromMs'],
  });
export type HistoryFilters = z.output<typeof HistoryFiltersSchema>;

/**
 * Free text the agent typed: a number in any form or part of one (at least 3 digits for a
 * partial match, e.g. `345678`), an extension, or part of a name.
 */
export const HistorySearchSchema = z.string().max(HISTORY_SEARCH_MAX);

/** `<startMs>:<rowId>` of the last row of the previous page (keyset paging: stable while rows arrive). */
export const HISTORY_CURSOR = /^\d{1,16}:\d{1,16}$/;

export const HistoryQueryInputSchema = z
  .object({
    filters: HistoryFiltersSchema.optional(),
    search: HistorySearchSchema.optional(),
    /** Newest first is the only order: it is what every index is built for. */
    sort: z.literal('newest').optional(),
    limit: z.number().int().min(1).max(HISTORY_PAGE_MAX).optional(),
    /** Next page after this cursor (preferred: cheap however deep). */
    cursor: z.string().regex(HISTORY_CURSOR).optional(),
    /** Or skip this many rows (for jumping in a virtual list; deep offsets cost a scan). */
    offset: z.number().int().min(0).max(10_000_000).optional(),
    /**
     * `exact` (the default): the answer carries the total, however long counting takes.
     * `if-cheap`: the rows come first; the total only when it is known at once (small sets, or
     * counted before), else ask countHistory. What the screen uses, so a million calls never
     * hold back the first rows.
     */
    total: z.enum(['exact', 'if-cheap']).optional(),
  })
  .strict()
  .refine((q) => q.cursor === undefined || q.offset === undefined, {
    message: 'give a cursor or an offset, not both',
    path: ['cursor'],
  });
export type HistoryQueryInput = z.output<typeof HistoryQueryInputSchema>;

/** The calls a query matches, counted exactly: what `total: 'if-cheap'` may leave out. */
export const HistoryCountInputSchema = z
  .object({ filters: HistoryFiltersSchema.optional(), search: HistorySearchSchema.optional() })
  .strict();
export type HistoryCountInput = z.output<typeof HistoryCountInputSchema>;

export const HistoryGroupInputSchema = z
  .object({
    filters: HistoryFiltersSchema.optional(),
    search: HistorySearchSchema.optional(),
    limit: z.number().int().min(1).max(HISTORY_PAGE_MAX).optional(),
    offset: z.number().int().min(0).max(10_000_000).optional(),
  })
  .strict();
export type HistoryGroupInput = z.output<typeof HistoryGroupInputSchema>;

export const HISTORY_EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type HistoryExportFormat = (typeof HISTORY_EXPORT_FORMATS)[number];

export const HistoryExportInputSchema = z
  .object({
    filters: HistoryFiltersSchema.optional(),
    search: HistorySearchSchema.optional(),
    /** csv: one line per call, the screen's columns; ndjson: the records exactly as AntBuddy sent them. */
    format: z.enum(HISTORY_EXPORT_FORMATS).optional(),
  })
  .strict();
export type HistoryExportInput = z.output<typeof HistoryExportInputSchema>;

export const HistoryMissedInputSchema = z.object({ sinceMs: epochMs }).strict();

/** A number as the screen shows it (see normalizeVietnamPhone). */
export interface HistoryNumber {
  /** As the record gave it. */
  readonly raw: string;
  /** `0912 345 678`. */
  readonly display: string;
  readonly e164?: string;
  readonly isExtension: boolean;
}

export interface HistoryParty {
  readonly number: string;
  /** A user's name on the platform (`type: user`), or the caller-id name a queue saw. */
  readonly name?: string;
}

export interface HistoryRow {
  /** Stable identity of the call (call_id, else _id, else a content hash). */
  readonly key: string;
  /** ISO 8601 start of the call. */
  readonly startedAt: string;
  readonly startMs: number;
  readonly direction: CallDirection;
  readonly status: HistoryStatus;
  /** AntBuddy's status_detail as sent (SUCCESS, IVR, CANCELLED, BUSY, UNSUCCESS, ...). */
  readonly statusDetail: string;
  /** The other side of the company: the caller of an inbound call, the callee otherwise. */
  readonly party: HistoryNumber & { readonly name?: string };
  readonly caller: HistoryParty;
  readonly callee: HistoryParty;
  /** The company side of the call as the record gives it, named from the agents list when known. */
  readonly agent?: { readonly number?: string; readonly username?: string; readonly name?: string };
  /** The company number the caller dialled (inbound). */
  readonly did?: string;
  readonly queueId?: string;
  readonly queueName?: string;
  readonly durationSeconds: number;
  /** Talk time (AntBuddy's billing_seconds). */
  readonly talkSeconds: number;
  /** Recording media name for the recording request; absent when the call has none. */
  readonly recording?: string;
}

export interface HistoryPage {
  readonly rows: readonly HistoryRow[];
  /**
   * Calls matching the same filters and search, all pages together. Absent only when the
   * query asked `total: 'if-cheap'` and counting would take long: countHistory has it.
   */
  readonly total?: number;
  /** Pass as `cursor` for the next page; absent on the last page. */
  readonly nextCursor?: string;
}

/** Every call with one other party, summarised; expand it with `filters.number = number`. */
export interface HistoryGroup {
  /** The party's key (E.164 when it parses): give it back as `filters.number`. */
  readonly number: string;
  readonly party: HistoryNumber & { readonly name?: string };
  readonly calls: number;
  readonly missed: number;
  readonly lastAt: string;
  readonly lastMs: number;
  readonly lastStatus: HistoryStatus;
  readonly lastDirection: CallDirection;
}

export interface HistoryGroupPage {
  readonly groups: readonly HistoryGroup[];
  /** Distinct parties matching. */
  readonly total: number;
}

export interface HistoryExportResult {
  /** Absolute path of the finished file (written whole, readable by this user only). */
  readonly path: string;
  readonly rows: number;
  readonly format: HistoryExportFormat;
}

/** The local history store's sync, as the History screen shows it. */
export type HistorySyncState =
  /** No account configured (no app id): nothing to store. */
  | { readonly kind: 'off' }
  | {
      readonly kind: 'idle';
      /** ISO 8601: when history was last brought up to date. */
      readonly lastRefreshAt?: string;
      /** Changes whenever stored calls changed: re-query when it moves. */
      readonly revision: number;
    }
  | {
      readonly kind: 'syncing';
      readonly windowsDone: number;
      readonly windowsTotal: number;
      /** Records received in this run. */
      readonly records: number;
      readonly lastRefreshAt?: string;
      readonly revision: number;
    }
  | {
      readonly kind: 'failed';
      readonly error: AppError;
      readonly lastRefreshAt?: string;
      /** ISO 8601 of the next automatic try. */
      readonly retryAt?: string;
      readonly revision: number;
    };
