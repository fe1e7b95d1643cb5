import { MAX_HISTORY_SPAN_MS } from '../api/validate';
import { splitIntoWindows } from '../history/windows';

/**
 * Which history windows a sync run fetches, decided from what the store already holds. Pure:
 * the writer applies the result in one transaction.
 *
 * - First run: the newest 31 days as a `refresh` window (its completion sets the high-water
 *   mark), then older `backfill` windows back to the retention start.
 * - Every run after: a `refresh` window from the high-water mark minus an overlap (records
 *   are filed when a call ends, stamped with its start) up to now; refresh windows it covers
 *   are dropped. Pending windows of earlier runs stay, so an interrupted window resumes.
 * - Retention grown (historyDays raised): backfill windows for the newly wanted days.
 * - Retention shrunk or time passed: pending windows wholly before the retention start go.
 */

export type WindowKind = 'backfill' | 'refresh';

export interface WindowSpec {
  readonly fromMs: number;
  readonly toMs: number;
  readonly kind: WindowKind;
}

export interface StoredWindow extends WindowSpec {
  readonly id: number;
  readonly pagesDone: number;
  readonly records: number;
  readonly completedAtMs: number | null;
}

export interface PlanState {
  /** Everything up to here has been fetched by a completed refresh window. */
  readonly highWaterMs: number | undefined;
  /** How far back windows have been planned (undefined: never planned). */
  readonly coveredFromMs: number | undefined;
  readonly windows: readonly StoredWindow[];
}

export interface PlanInput {
  readonly nowMs: number;
  readonly retentionFromMs: number;
  readonly overlapMs: number;
  /** Refresh at least from here (a call that just ended started then). */
  readonly refreshFromMs?: number;
}

export interface PlanChanges {
  readonly add: readonly WindowSpec[];
  readonly removeIds: readonly number[];
  readonly coveredFromMs: number;
}

/** The newest-first order windows are fetched in. */
export function newestFirst<W extends WindowSpec>(windows: readonly W[]): W[] {
  return [...windows].sort((a, b) => b.toMs - a.toMs || (a.kind === b.kind ? 0 : a.kind === 'refresh' ? -1 : 1));
}

/** ≤ 31-day windows over [fromMs, toMs], newest first. */
function windowsOver(fromMs: number, toMs: number, kind: WindowKind): WindowSpec[] {
  if (fromMs > toMs) return [];
  return splitIntoWindows(new Date(fromMs), new Date(toMs))
    .map((w) => ({ fromMs: w.from.getTime(), toMs: w.to.getTime(), kind }))
    .reverse();
}

export function planSync(state: PlanState, input: PlanInput): PlanChanges {
  const { nowMs, retentionFromMs } = input;
  const pending = state.windows.filter((w) => w.completedAtMs === null);
  const removeIds = new Set(pending.filter((w) => w.toMs < retentionFromMs).map((w) => w.id));
  const add: WindowSpec[] = [];

  if (state.coveredFromMs === undefined) {
    // The newest window spans a full 31 days (or the whole retention), whatever the remainder.
    const newestFrom = Math.max(retentionFromMs, nowMs - (MAX_HISTORY_SPAN_MS - 1));
    add.push({ fromMs: newestFrom, toMs: nowMs, kind: 'refresh' });
    add.push(...windowsOver(retentionFromMs, newestFrom - 1, 'backfill'));
    return { add, removeIds: [...removeIds], coveredFromMs: retentionFromMs };
  }

  // Until a refresh completes, the newest planned moment stands in for the high-water mark.
  const base = state.highWaterMs ?? Math.max(...state.windows.map((w) => w.toMs), state.coveredFromMs);
  const refreshFrom = Math.max(
    retentionFromMs,
    Math.min(base - input.overlapMs, input.refreshFromMs ?? Number.POSITIVE_INFINITY, nowMs),
  );
  add.push(...windowsOver(refreshFrom, nowMs, 'refresh'));
  for (const w of pending) if (w.kind === 'refresh' && w.fromMs >= refreshFrom && w.toMs <= nowMs) removeIds.add(w.id);

  let coveredFromMs = state.coveredFromMs;
  if (retentionFromMs < coveredFromMs) {
    add.push(...windowsOver(retentionFromMs, coveredFromMs - 1, 'backfill'));
    coveredFromMs = retentionFromMs;
  }
  return { add, removeIds: [...removeIds], coveredFromMs };
}
