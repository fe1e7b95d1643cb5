import { describe, expect, it } from 'vitest';
import { appError } from '../../../src/shared/errors';
import { err, ok } from '../../../src/shared/result';
import type { CallRecord, HistoryQuery } from '../../../src/main/services/api/types';
import { fetchHistory, streamHistory, type HistoryProgress } from '../../../src/main/services/history/sync';
import { recordKey } from '../../../src/main/services/history/record-key';

const DAY = 24 * 60 * 60 * 1000;
const FROM = new Date('2025-10-01T00:00:00.000Z');
const TO = new Date(FROM.getTime() + 95 * DAY);

function record(unixSeconds: number, n: number, extra: Record<string, unknown> = {}): CallRecord {
  return {
    caller: { number: `09${String(n).padStart(8, '0')}`, type: 'realnumber' },
    callee: { number: 'agent1', type: 'user', username: 'agent1' },
    class: 'trunking',
    did_number: null,
    direction: 'to_ab',
    status_detail: 'SUCCESS',
    duration_seconds: n % 300,
    unix_timestamp: unixSeconds,
    billing_seconds: 0,
    recording: '',
    queue_stat: [],
    ...extra,
  };
}

/** An in-memory server: answers pages over `records`, inclusive on both ends, newest first. */
function fakeSource(records: CallRecord[], opts: { failOn?: (q: HistoryQuery) => boolean } = {}) {
  const queries: HistoryQuery[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const source = {
    async getHistoryPage(q: HistoryQuery) {
      queries.push(q);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      if (opts.failOn?.(q)) return err(appError('server_error', 'boom', 'boom', { status: 500 }));
      const matching = records
        .filter((r) => r.unix_timestamp * 1000 >= q.from.getTime() && r.unix_timestamp * 1000 <= q.to.getTime())
        .sort((a, b) => b.unix_timestamp - a.unix_timestamp);
      return ok({ records: matching.slice((q.page - 1) * q.limit, q.page * q.limit), page: q.page, limit: q.limit });
    },
  };
  return { source, queries, maxInFlight: () => maxInFlight };
}

function spread(count: number): CallRecord[] {
  const startS = FROM.getTime() / 1000;
  const spanS = (TO.getTime() - FROM.getTime()) / 1000;
  return Array.from({ length: count }, (_, i) => record(Math.floor(startS + (i * spanS) / count), i));
}

describe('fetchHistory', () => {
  it('returns every record exactly once over a 95-day range, newest first', async () => {
    const records = spread(1234);
    // a record on a window boundary instant (second precision) must appear once
    records.push(record((FROM.getTime() + 31 * DAY) / 1000, 99999));
    const fake = fakeSource(records);
    const progress: HistoryProgress[] = [];
    const result = await fetchHistory(fake.source, {
      from: FROM,
      to: TO,
      limit: 50,
      onProgress: (p) => progress.push(p),
    });
    expect(result.ok).toBe(true);
    const got = result.ok ? result.value : [];
    expect(got).toHaveLength(records.length);
    expect(new Set(got.map(recordKey)).size).toBe(records.length);
    expect(got.every((r, i) => i === 0 || (got[i - 1]?.unix_timestamp ?? 0) >= r.unix_timestamp)).toBe(true);
    expect(fake.maxInFlight()).toBeLessThanOrEqual(3);
    expect(fake.queries.every((q) => q.limit === 50 && q.to.getTime() - q.from.getTime() < 31 * DAY)).toBe(true);
    expect(new Set(fake.queries.map((q) => q.from.getTime())).size).toBe(4);
    expect(progress.at(-1)).toEqual({
      windowsDone: 4,
      windowsTotal: 4,
      pages: fake.queries.length,
      records: records.length,
    });
  });

  it('drops duplicates by _id, by call_id, or by the composite key', async () => {
    const base = record(FROM.getTime() / 1000 + 10, 1);
    const records = [
      record(FROM.getTime() / 1000 + 20, 2, { _id: 'a' }),
      record(FROM.getTime() / 1000 + 21, 3, { _id: 'a' }),
      record(FROM.getTime() / 1000 + 30, 4, { call_id: 'c' }),
      record(FROM.getTime() / 1000 + 31, 5, { call_id: 'c' }),
      base,
      { ...base, recording: 'different-but-same-call.mp3' },
    ];
    const result = await fetchHistory(fakeSource(records).source, { from: FROM, to: TO });
    expect(result.ok && result.value.length).toBe(3);
  });

  it('pages until a short page, with at most `concurrency` requests in flight', async () => {
    const fake = fakeSource(spread(1000));
    const result = await fetchHistory(fake.source, { from: FROM, to: TO, limit: 100, concurrency: 2 });
    expect(result.ok && result.value.length).toBe(1000);
    expect(fake.maxInFlight()).toBeLessThanOrEqual(2);
    // 1000 records over 4 windows of ≤ 100 per page: at most 1 wasted look-ahead page per window
    expect(fake.queries.length).toBeLessThanOrEqual(Math.ceil(1000 / 100) + 4 + 4);
  });

  it('rejects limit > 100, limit < 1, a reversed range and bad concurrency before sending', async () => {
    for (const opts of [
      { from: FROM, to: TO, limit: 101 },
      { from: FROM, to: TO, limit: 0 },
      { from: TO, to: FROM },
      { from: new Date('x'), to: TO },
      { from: FROM, to: TO, concurrency: 0 },
    ]) {
      const fake = fakeSource([]);
      const result = await fetchHistory(fake.source, opts);
      expect(result.ok ? undefined : result.error.code).toBe('invalid_input');
      expect(fake.queries).toHaveLength(0);
    }
  });

  it('stops at the first error and returns it', async () => {
    const fake = fakeSource(spread(2000), { failOn: (q) => q.page === 3 });
    const result = await fetchHistory(fake.source, { from: FROM, to: TO, limit: 100 });
    expect(result.ok ? undefined : result.error.code).toBe('server_error');
  });
});

describe('streamHistory', () => {
  it('yields batches as pages arrive and stops requesting when the consumer stops', async () => {
    const fake = fakeSource(spread(5000));
    let batches = 0;
    for await (const batch of streamHistory(fake.source, { from: FROM, to: TO, limit: 10, concurrency: 3 })) {
      expect(batch.ok).toBe(true);
      if (++batches === 3) break;
    }
    await new Promise((r) => setTimeout(r, 10));
    expect(batches).toBe(3);
    // three pages consumed; the buffer (2 × concurrency) plus in-flight bound what was fetched
    expect(fake.queries.length).toBeLessThanOrEqual(3 + 6 + 3);
  });

  it('an empty range gives no batches and no error', async () => {
    const items = [];
    for await (const item of streamHistory(fakeSource([]).source, { from: FROM, to: FROM })) items.push(item);
    expect(items).toEqual([]);
  });
});
