import type { CallDirection } from '../../../../shared/domain';
import type { HistoryFilters, HistoryStatus } from '../../../../shared/history';

/**
 * The filters as the screen holds them (what the controls show), and how they become the
 * store's request. Kept apart from the request so a half-typed date or an empty queue never
 * reaches the host: only what the request schema accepts does.
 */

export type HistoryScope = 'company' | 'mine';
export type RecordingFilter = 'any' | 'with' | 'without';

export interface HistoryFilterModel {
  /** Any of these (none: every direction). */
  readonly directions: readonly CallDirection[];
  /** Any of these (none: every outcome). */
  readonly statuses: readonly HistoryStatus[];
  readonly scope: HistoryScope;
  /** '' = every queue. */
  readonly queueId: string;
  readonly recording: RecordingFilter;
  /** `YYYY-MM-DD` from a date field, or ''. */
  readonly fromDate: string;
  readonly toDate: string;
}

export const NO_FILTERS: HistoryFilterModel = {
  directions: [],
  statuses: [],
  scope: 'company',
  queueId: '',
  recording: 'any',
  fromDate: '',
  toDate: '',
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight of a `YYYY-MM-DD` day (the agent's own calendar), or undefined when it is no date. */
export function dayStartMs(date: string): number | undefined {
  const match = DATE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(year, month - 1, day);
  // new Date rolls 2025-02-31 over into March: such a date is no date.
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== day) return undefined;
  return start.getTime();
}

/** The last millisecond of that local day: "to 12 May" includes the calls of 12 May. */
export function dayEndMs(date: string): number | undefined {
  const start = dayStartMs(date);
  if (start === undefined) return undefined;
  const next = new Date(start);
  next.setDate(next.getDate() + 1);
  return next.getTime() - 1;
}

/** The request filters for what the controls show; `number` narrows to one party (an expanded group). */
export function toHistoryFilters(model: HistoryFilterModel, number?: string): HistoryFilters {
  let fromMs = dayStartMs(model.fromDate);
  let toMs = dayEndMs(model.toDate);
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) {
    // Dates typed the wrong way round still mean the days between them.
    [fromMs, toMs] = [dayStartMs(model.toDate), dayEndMs(model.fromDate)];
  }
  const queueId = model.queueId.trim();
  const trimmedNumber = number?.trim() ?? '';
  return {
    ...(model.directions.length > 0 ? { directions: [...model.directions] } : {}),
    ...(model.statuses.length > 0 ? { statuses: [...model.statuses] } : {}),
    ...(model.scope === 'mine' ? { mine: true } : {}),
    ...(queueId !== '' ? { queueId } : {}),
    ...(model.recording === 'with'
      ? { hasRecording: true }
      : model.recording === 'without'
        ? { hasRecording: false }
        : {}),
    ...(fromMs !== undefined ? { fromMs } : {}),
    ...(toMs !== undefined ? { toMs } : {}),
    ...(trimmedNumber !== '' ? { number: trimmedNumber } : {}),
  };
}

/** How many filters narrow the list (the "Clear filters" button shows when any does). */
export function activeFilterCount(model: HistoryFilterModel): number {
  return (
    (model.directions.length > 0 ? 1 : 0) +
    (model.statuses.length > 0 ? 1 : 0) +
    (model.scope === 'mine' ? 1 : 0) +
    (model.queueId.trim() !== '' ? 1 : 0) +
    (model.recording !== 'any' ? 1 : 0) +
    (dayStartMs(model.fromDate) !== undefined ? 1 : 0) +
    (dayStartMs(model.toDate) !== undefined ? 1 : 0)
  );
}

/** Adds `value` when absent, removes it when present; keeps the canonical order of `all`. */
export function toggleIn<T>(list: readonly T[], value: T, all: readonly T[]): readonly T[] {
  const next = list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  return all.filter((v) => next.includes(v));
}

/** What the search box sends: trimmed, and never longer than the request allows. */
export function searchOf(text: string, max: number): string {
  return text.trim().slice(0, max);
}
