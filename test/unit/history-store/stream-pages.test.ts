import { describe, expect, it } from 'vitest';
import type { CallRecord, HistoryQuery } from '../../../src/main/services/api/types';
import { streamHistory, type HistoryPageReport } from '../../../src/main/services/history/sync';
import { ok } from '../../../src/shared/result';

/** What the history store needs of streamHistory: page numbers (onPage) and resuming (firstPage). */

const FROM = new Date('2026-01-01T00:00:00.000Z');
const TO = new Date('2026-01-20T00:00:00.000Z');

function records(count: number): CallRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    caller: { number: `09${String(i).padStart(8, '0')}`, type: 'realnumber' },
    callee: { number: 'agent1', type: 'user', username: 'agent1' },
    class: 'trunking',
    did_number: null,
    direction: 'to_ab',
    status_detail: 'SUCCESS',
    duration_seconds: 1,
    unix_timestamp: FROM.getTime() / 1000 + 1000 - i,
    billing_seconds: 0,
    recording: '',
    queue_stat: [],
    call_id: `c${i}`,
  }));
}

function source(all: CallRecord[]) {
  const pages: number[] = [];
  return {
    pages,
    getHistoryPage: async (q: HistoryQuery) => {
      pages.push(q.page);
      await new Promise((resolve) => setImmediate(resolve));
      return ok({ records: all.slice((q.page - 1) * q.limit, q.page * q.limit), page: q.page, limit: q.limit });
    },
  };
}

describe('streamHistory page reports', () => {
  it('reports every page with its number and window, the last one saying the window is whole', async () => {
    const fake = source(records(45));
    const reports: HistoryPageReport[] = [];
    for await (const batch of streamHistory(fake, {
      from: FROM,
      to: TO,
      limit: 10,
      concurrency: 2,
      onPage: (p) => reports.push(p),
    })) {
      expect(batch.ok).toBe(true);
    }
    const real = reports.filter((r) => r.records.length > 0).map((r) => r.page);
    expect(real.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    expect(reports.reduce((n, r) => n + r.records.length, 0)).toBe(45);
    expect(reports.at(-1)?.windowComplete).toBe(true);
    expect(reports.filter((r) => r.page <= 4).every((r) => r.window.from.getTime() === FROM.getTime())).toBe(true);
  });

  it('resumes at firstPage: earlier pages are never asked for, the window still completes', async () => {
    const fake = source(records(45));
    const reports: HistoryPageReport[] = [];
    const seen: CallRecord[] = [];
    for await (const batch of streamHistory(fake, {
      from: FROM,
      to: TO,
      limit: 10,
      concurrency: 1,
      firstPage: 3,
      onPage: (p) => reports.push(p),
    })) {
      if (batch.ok) seen.push(...batch.value);
    }
    expect(Math.min(...fake.pages)).toBe(3);
    expect(seen).toHaveLength(25);
    expect(reports.at(-1)?.windowComplete).toBe(true);
  });

  it('refuses a firstPage below 1', async () => {
    const items = [];
    for await (const item of streamHistory(source([]), { from: FROM, to: TO, firstPage: 0 })) items.push(item);
    expect(items).toHaveLength(1);
    expect(items[0]?.ok).toBe(false);
  });
});
