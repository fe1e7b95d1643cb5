import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { createAntBuddyClient } from '../../../src/main/services/api/client';
import { openHistoryStore, runSyncPass, type HistoryStore } from '../../../src/main/services/history-store';
import { clientFor } from '../api/sandbox-client';
import { tempDataDir } from './fixtures';
import { closedPortUrl, historyRequests, sandboxCall } from './sandbox-support';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const data = tempDataDir('history-sync');
let sandbox: RunningSandbox;
let store: HistoryStore;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 31, calls: 2400, days: 130 });
  const opened = await openHistoryStore({ file: join(data.dir, 'history', 'sync.sqlite') });
  if (!opened.ok) throw new Error(opened.error.message);
  store = opened.value;
});

afterAll(async () => {
  await store.close();
  await sandbox.close();
  data.remove();
});

/** Every stored record's `_id`, read back through an ndjson export of the whole store. */
async function storedIds(): Promise<string[]> {
  const path = join(data.dir, 'exports', `all-${Date.now()}-${Math.random()}.ndjson`);
  const written = await store.exportFile({ filters: {}, search: '', format: 'ndjson', path });
  if (!written.ok) throw new Error(written.error.message);
  const text = readFileSync(path, 'utf8').trim();
  return text === '' ? [] : text.split('\n').map((line) => (JSON.parse(line) as { _id: string })._id);
}

const sandboxIds = (fromMs: number, toMs: number): string[] =>
  sandbox.state.history
    .query(fromMs, toMs)
    .map((r) => r._id)
    .sort();

async function pass(now: number, historyDays: number, source = clientFor(sandbox).client) {
  return runSyncPass({ store, source, now: () => now, historyDays, overlapMs: HOUR });
}

describe('history sync into the store', () => {
  const firstNow = Date.now();

  it('first run: newest 31 days first, then older windows, 100 per page, every record once', async () => {
    sandbox.requestLog.length = 0;
    expect(await pass(firstNow, 90)).toEqual({ ok: true, value: 'complete' });
    const expected = sandboxIds(firstNow - 90 * DAY, firstNow);
    expect(expected.length).toBeGreaterThan(1000);
    expect((await storedIds()).sort()).toEqual(expected);

    const requests = historyRequests(sandbox);
    expect(requests.every((r) => r.status === 200 && r.query['limit'] === '100')).toBe(true);
    const windows = [...new Set(requests.map((r) => r.query['created_from']))];
    expect(windows).toHaveLength(3);
    // The first window asked for ends now and spans 31 days; each window is paged (several pages).
    expect(Date.parse(requests[0]?.query['created_to'] ?? '')).toBe(firstNow);
    expect(Date.parse(requests[0]?.query['created_from'] ?? '')).toBe(firstNow - 31 * DAY + 1);
    for (const from of windows) {
      const inWindow = requests.filter((r) => r.query['created_from'] === from);
      const span = Date.parse(inWindow[0]?.query['created_to'] ?? '') - Date.parse(from ?? '');
      expect(span).toBeLessThan(31 * DAY);
      expect(new Set(inWindow.map((r) => r.query['page'])).size).toBeGreaterThan(2);
    }
    const meta = await store.meta();
    expect(meta.ok && meta.value).toMatchObject({ highWaterMs: firstNow, calls: expected.length });
  });

  it('a refresh re-reads only the overlap, stores nothing twice and picks up calls added since', async () => {
    const before = await storedIds();
    const nowS = Math.floor(Date.now() / 1000);
    const added = [sandboxCall(nowS - 5, '0911000001'), sandboxCall(nowS - 3, '0911000002')];
    // Filed late: started before the last sync's end, inside the overlap.
    added.push(sandboxCall(Math.floor(firstNow / 1000) - 600, '0911000003'));
    for (const record of added) sandbox.state.history.append(record);
    sandbox.requestLog.length = 0;
    const now = Date.now();
    expect(await pass(now, 90)).toEqual({ ok: true, value: 'complete' });
    const after = await storedIds();
    expect(after).toHaveLength(before.length + 3);
    expect(new Set(after).size).toBe(after.length);
    expect(after).toEqual(expect.arrayContaining(added.map((r) => r._id)));
    // Only [high-water − overlap, now] was asked for: no old window again.
    const requests = historyRequests(sandbox);
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) {
      expect(Date.parse(r.query['created_from'] ?? '')).toBe(firstNow - HOUR);
      expect(Date.parse(r.query['created_to'] ?? '')).toBe(now);
    }
  });

  it('historyDays raised: fetches only the newly wanted days', async () => {
    sandbox.requestLog.length = 0;
    const now = Date.now();
    expect(await pass(now, 120)).toEqual({ ok: true, value: 'complete' });
    const requests = historyRequests(sandbox);
    const backfill = requests.filter((r) => Date.parse(r.query['created_to'] ?? '') < now - HOUR * 2);
    expect(backfill.length).toBeGreaterThan(0);
    // The previous runs covered (and kept) the last 90 days: only older days are asked for.
    for (const r of backfill) expect(Date.parse(r.query['created_to'] ?? '')).toBeLessThan(now - 90 * DAY);
    expect((await storedIds()).sort()).toEqual(sandboxIds(now - 120 * DAY, now));
  });

  it('historyDays lowered: calls older than the retention are pruned after a complete run', async () => {
    const now = Date.now();
    expect(await pass(now, 60)).toEqual({ ok: true, value: 'complete' });
    expect((await storedIds()).sort()).toEqual(sandboxIds(now - 60 * DAY, now));
    // The per-number summary followed the pruning: same groups as grouping the calls themselves.
    const summary = await store.group({ filters: {}, search: '', limit: 200, offset: 0 });
    const grouped = await store.group({ filters: { fromMs: 0 }, search: '', limit: 200, offset: 0 });
    expect(summary.ok && summary.value.total).toBeGreaterThan(10);
    expect(summary).toEqual(grouped);
  });

  it('a backfill asked to yield stops between pages and the next run resumes at the next page', async () => {
    sandbox.requestLog.length = 0;
    const now = Date.now();
    // Raising the retention again plans backfill windows; yield after the first backfill page.
    let backfillPages = 0;
    const yielded = await runSyncPass({
      store,
      source: clientFor(sandbox).client,
      now: () => now,
      historyDays: 120,
      overlapMs: HOUR,
      concurrency: 1,
      shouldYield: () => ++backfillPages >= 2,
    });
    expect(yielded).toEqual({ ok: true, value: 'yielded' });
    const firstRun = historyRequests(sandbox).filter((r) => Date.parse(r.query['created_to'] ?? '') < now - DAY);
    const pagesAsked = firstRun.map((r) => Number(r.query['page']));
    // One request at a time, and the run stopped soon after the second page.
    expect(pagesAsked.slice(0, 2)).toEqual([1, 2]);
    expect(pagesAsked.length).toBeLessThanOrEqual(4);
    sandbox.requestLog.length = 0;
    expect(await pass(now, 120)).toEqual({ ok: true, value: 'complete' });
    const resumedWindow = firstRun[0]?.query['created_from'];
    const resumed = historyRequests(sandbox).filter((r) => r.query['created_from'] === resumedWindow);
    // Pages 1 and 2 were consumed before the yield: never asked again; nothing skipped either.
    const firstResumed = Math.min(...resumed.map((r) => Number(r.query['page'])));
    expect(firstResumed).toBeGreaterThanOrEqual(3);
    expect(firstResumed).toBeLessThanOrEqual(Math.max(...pagesAsked) + 1);
    expect((await storedIds()).sort()).toEqual(sandboxIds(now - 120 * DAY, now));
  });

  it('with the API down a refresh fails with a typed error, the stored calls stay and stay readable', async () => {
    const before = await store.query({ filters: {}, search: '', limit: 5 });
    expect(before.ok).toBe(true);
    const down = createAntBuddyClient(
      {
        baseUrl: await closedPortUrl(),
        appId: sandbox.appId,
        appSecret: sandbox.appSecret,
        domain: sandbox.domain,
        email: sandbox.email,
      },
      { sleep: async () => undefined },
    );
    const failed = await pass(Date.now(), 120, down);
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error.code).toBe('network');
    const after = await store.query({ filters: {}, search: '', limit: 5 });
    expect(after).toEqual(before);
    // Server errors too: retried with the client's backoff, then reported; nothing is lost.
    sandbox.faults.failNext(20, { status: 500, path: '/oapi/v1/call/histories' });
    const serverDown = await pass(Date.now(), 120);
    sandbox.faults.clear();
    expect(serverDown.ok).toBe(false);
    expect(await store.query({ filters: {}, search: '', limit: 5 })).toEqual(before);
  });
});
