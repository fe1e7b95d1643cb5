import { describe, expect, it } from 'vitest';
import { newestFirst, planSync, type StoredWindow } from '../../../src/main/services/history-store/sync-plan';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 30, 12);
const SPAN = 31 * DAY - 1;

function stored(id: number, fromMs: number, toMs: number, kind: StoredWindow['kind'], done = false): StoredWindow {
  return { id, fromMs, toMs, kind, pagesDone: 0, records: 0, completedAtMs: done ? NOW : null };
}

describe('planSync', () => {
  it('first run: the newest 31 days, then older windows back to the retention start, none over 31 days', () => {
    const retentionFromMs = NOW - 90 * DAY;
    const plan = planSync(
      { highWaterMs: undefined, coveredFromMs: undefined, windows: [] },
      { nowMs: NOW, retentionFromMs, overlapMs: 3_600_000 },
    );
    expect(plan.add[0]).toEqual({ fromMs: NOW - SPAN, toMs: NOW, kind: 'refresh' });
    expect(plan.add.slice(1).every((w) => w.kind === 'backfill')).toBe(true);
    // Contiguous, newest first, covering [retention, now] exactly once.
    for (let i = 1; i < plan.add.length; i++) expect(plan.add[i]?.toMs).toBe((plan.add[i - 1]?.fromMs ?? 0) - 1);
    expect(plan.add.at(-1)?.fromMs).toBe(retentionFromMs);
    for (const w of plan.add) expect(w.toMs - w.fromMs).toBeLessThanOrEqual(SPAN);
    expect(plan.add).toHaveLength(3);
    expect(plan.coveredFromMs).toBe(retentionFromMs);
  });

  it('later runs: one refresh window from the high-water mark minus the overlap, superseding pending refreshes', () => {
    const highWaterMs = NOW - 20 * 60_000;
    const plan = planSync(
      {
        highWaterMs,
        coveredFromMs: NOW - 90 * DAY,
        windows: [
          stored(7, NOW - 30 * 60_000, NOW - 5 * 60_000, 'refresh'),
          stored(8, NOW - 60 * DAY, NOW - 31 * DAY, 'backfill'),
        ],
      },
      { nowMs: NOW, retentionFromMs: NOW - 90 * DAY, overlapMs: 60 * 60_000 },
    );
    expect(plan.add).toEqual([{ fromMs: highWaterMs - 60 * 60_000, toMs: NOW, kind: 'refresh' }]);
    expect(plan.removeIds).toEqual([7]);
  });

  it('a call that just ended pulls the refresh back to its start', () => {
    const plan = planSync(
      { highWaterMs: NOW - 60_000, coveredFromMs: NOW - 90 * DAY, windows: [] },
      { nowMs: NOW, retentionFromMs: NOW - 90 * DAY, overlapMs: 10 * 60_000, refreshFromMs: NOW - 3 * 3_600_000 },
    );
    expect(plan.add).toEqual([{ fromMs: NOW - 3 * 3_600_000, toMs: NOW, kind: 'refresh' }]);
  });

  it('a long time offline: the refresh is split into ≤ 31-day windows, newest first', () => {
    const plan = planSync(
      { highWaterMs: NOW - 70 * DAY, coveredFromMs: NOW - 90 * DAY, windows: [] },
      { nowMs: NOW, retentionFromMs: NOW - 90 * DAY, overlapMs: 0 },
    );
    expect(plan.add.map((w) => w.kind)).toEqual(['refresh', 'refresh', 'refresh']);
    expect(plan.add[0]?.toMs).toBe(NOW);
    expect(plan.add.at(-1)?.fromMs).toBe(NOW - 70 * DAY);
  });

  it('before any refresh completed (killed during the first window), refreshes from the newest planned moment', () => {
    const firstNow = NOW - 2 * DAY;
    const plan = planSync(
      {
        highWaterMs: undefined,
        coveredFromMs: firstNow - 90 * DAY,
        windows: [
          stored(1, firstNow - SPAN, firstNow, 'refresh'),
          stored(2, firstNow - 60 * DAY, firstNow - SPAN - 1, 'backfill'),
        ],
      },
      { nowMs: NOW, retentionFromMs: NOW - 90 * DAY, overlapMs: 3_600_000 },
    );
    expect(plan.add).toEqual([{ fromMs: firstNow - 3_600_000, toMs: NOW, kind: 'refresh' }]);
    // The interrupted first window is kept, to be resumed.
    expect(plan.removeIds).toEqual([]);
  });

  it('historyDays raised: backfill windows for the new days only', () => {
    const plan = planSync(
      { highWaterMs: NOW, coveredFromMs: NOW - 90 * DAY, windows: [] },
      { nowMs: NOW, retentionFromMs: NOW - 120 * DAY, overlapMs: 0 },
    );
    const backfill = plan.add.filter((w) => w.kind === 'backfill');
    expect(backfill[0]?.toMs).toBe(NOW - 90 * DAY - 1);
    expect(backfill.at(-1)?.fromMs).toBe(NOW - 120 * DAY);
    expect(plan.coveredFromMs).toBe(NOW - 120 * DAY);
  });

  it('drops pending windows that fell out of the retention', () => {
    const plan = planSync(
      {
        highWaterMs: NOW,
        coveredFromMs: NOW - 365 * DAY,
        windows: [stored(3, NOW - 300 * DAY, NOW - 280 * DAY, 'backfill')],
      },
      { nowMs: NOW, retentionFromMs: NOW - 90 * DAY, overlapMs: 0 },
    );
    expect(plan.removeIds).toEqual([3]);
  });
});

describe('newestFirst', () => {
  it('orders by end time, a refresh before a backfill ending at the same moment', () => {
    const order = newestFirst([
      { fromMs: 0, toMs: 10, kind: 'backfill' as const },
      { fromMs: 20, toMs: 30, kind: 'refresh' as const },
      { fromMs: 5, toMs: 10, kind: 'refresh' as const },
    ]);
    expect(order.map((w) => [w.toMs, w.kind])).toEqual([
      [30, 'refresh'],
      [10, 'refresh'],
      [10, 'backfill'],
    ]);
  });
});
