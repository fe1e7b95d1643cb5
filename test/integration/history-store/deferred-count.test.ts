import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistoryStore, type HistoryStore, type StoreFilters } from '../../../src/main/services/history-store';
import { syntheticAgents } from '../../../src/main/services/history-store/synthetic-calls';
import type { HistoryPage } from '../../../src/shared/history';
import { tempDataDir } from './fixtures';

/**
 * `total: 'if-cheap'`: the History screen's first rows never wait for a count of a big set.
 * The rows must be exactly those of an exact query (the strategy is chosen without the count),
 * and countHistory's exact count must agree with the exact query's total.
 */

const data = tempDataDir('deferred-count');
let store: HistoryStore;
const CALLS = 6_000;
const DAY_MS = 86_400_000;
const TO_MS = 1_750_000_000_000;

beforeAll(async () => {
  const opened = await openHistoryStore({ file: join(data.dir, 'history', 'deferred.sqlite') });
  if (!opened.ok) throw new Error(opened.error.message);
  store = opened.value;
  const agents = syntheticAgents().map((a) => ({
    id: `id_${a.username}`,
    username: a.username,
    name: a.name,
    extensions: [a.extension],
  }));
  expect((await store.setDirectory({ agents, queues: [] })).ok).toBe(true);
  const inserted = await store.insertSynthetic({
    count: CALLS,
    seed: 3,
    fromMs: TO_MS - 90 * DAY_MS,
    toMs: TO_MS,
    batch: 2_000,
  });
  expect(inserted).toEqual({ ok: true, value: CALLS });
}, 60_000);

afterAll(async () => {
  await store.close();
  data.remove();
});

async function page(
  filters: StoreFilters,
  search: string,
  total: 'exact' | 'if-cheap',
  extra: { offset?: number } = {},
): Promise<HistoryPage> {
  const result = await store.query({ filters, search, limit: 100, total, ...extra });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function exactCount(filters: StoreFilters, search: string): Promise<number> {
  const result = await store.count({ filters, search });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const keys = (p: HistoryPage): string[] => p.rows.map((r) => r.key);

describe('history store: rows first, the count on request', () => {
  const cases: { name: string; filters: StoreFilters; search: string }[] = [
    { name: 'every call', filters: {}, search: '' },
    { name: 'one agent (a big set)', filters: { mine: ['agent8001'] }, search: '' },
    { name: 'a name matching many agents', filters: {}, search: 'Nguyễn' },
    { name: 'an extension', filters: {}, search: '8002' },
    { name: 'inbound missed', filters: { directions: ['inbound'], statuses: ['missed'] }, search: '' },
  ];

  for (const { name, filters, search } of cases) {
    it(`${name}: the same rows as an exact query, and count() agrees with its total`, async () => {
      const exact = await page(filters, search, 'exact');
      const cheap = await page(filters, search, 'if-cheap');
      expect(keys(cheap)).toEqual(keys(exact));
      expect(cheap.nextCursor).toBe(exact.nextCursor);
      expect(exact.total).toBeGreaterThan(0);
      expect(await exactCount(filters, search)).toBe(exact.total);
      // Either it was cheap to know (then it is right) or it is left for count().
      if (cheap.total !== undefined) expect(cheap.total).toBe(exact.total);
    });
  }

  it('leaves the total of a big set out on a cold store, and gives a small one exactly', async () => {
    // A fresh write empties every cached count.
    expect((await store.insertSynthetic({ count: 1, seed: 9, fromMs: 0, toMs: 1, batch: 1 })).ok).toBe(true);
    const all = await page({}, '', 'if-cheap');
    expect(all.total).toBeUndefined();
    expect(all.rows).toHaveLength(100);
    expect(all.nextCursor).toBeDefined();

    const lastDay = await page({ fromMs: TO_MS - DAY_MS }, '', 'if-cheap');
    expect(lastDay.total).toBe(await exactCount({ fromMs: TO_MS - DAY_MS }, ''));
    expect(lastDay.total).toBeLessThan(2_000);

    // The count comes from its own thread; the page thread stays free meanwhile.
    const [counted, next] = await Promise.all([exactCount({}, ''), page({}, '', 'if-cheap', { offset: 100 })]);
    expect(counted).toBe(CALLS + 1);
    expect(next.rows).toHaveLength(100);
  });

  it("a customer's number (a small set) carries its exact total at once", async () => {
    const customer = (await page({}, '', 'exact')).rows.find((r) => !r.party.isExtension && r.party.e164);
    if (!customer?.party.e164) throw new Error('no customer call in the synthetic history');
    const cheap = await page({}, customer.party.e164, 'if-cheap');
    expect(cheap.total).toBeGreaterThan(0);
    expect(cheap.total).toBe(await exactCount({}, customer.party.e164));
  });

  it('a deep page of a big set by offset is the same either way', async () => {
    const exact = await page({ mine: ['agent8003'] }, '', 'exact', { offset: 40 });
    const cheap = await page({ mine: ['agent8003'] }, '', 'if-cheap', { offset: 40 });
    expect(keys(cheap)).toEqual(keys(exact));
  });
});
