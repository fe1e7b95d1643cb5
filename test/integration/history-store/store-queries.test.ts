import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryStore, StoreFilters } from '../../../src/main/services/history-store';
import type { HistoryPage } from '../../../src/shared/history';
import { BASE_S, FIXTURE, key, openFixtureStore, tempDataDir } from './fixtures';

const data = tempDataDir('store-queries');
let store: HistoryStore;

beforeAll(async () => {
  const opened = await openFixtureStore(data.dir, 'queries');
  store = opened.store;
  expect(opened.changed).toBe(FIXTURE.length);
});

afterAll(async () => {
  await store.close();
  data.remove();
});

async function page(filters: StoreFilters = {}, search = '', limit = 200): Promise<HistoryPage> {
  const result = await store.query({ filters, search, limit });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function keys(filters: StoreFilters = {}, search = ''): Promise<string[]> {
  const result = await page(filters, search);
  expect(result.total).toBe(result.rows.length);
  return result.rows.map((r) => r.key);
}

const ids = (...list: string[]): string[] => list.map(key);

describe('history store queries', () => {
  it('pages newest first with a total, by cursor or offset', async () => {
    const first = await page({}, '', 4);
    expect(first.total).toBe(9);
    expect(first.rows.map((r) => r.key)).toEqual(ids('a9', 'a8', 'a7', 'a6'));
    expect(first.nextCursor).toBeDefined();
    const second = await store.query({
      filters: {},
      search: '',
      limit: 4,
      ...(first.nextCursor ? { cursor: first.nextCursor } : {}),
    });
    expect(second.ok && second.value.rows.map((r) => r.key)).toEqual(ids('a5', 'a4', 'a3', 'a2'));
    const byOffset = await store.query({ filters: {}, search: '', limit: 4, offset: 8 });
    expect(byOffset.ok && byOffset.value.rows.map((r) => r.key)).toEqual(ids('a1'));
    expect(byOffset.ok && byOffset.value.nextCursor).toBeUndefined();
  });

  it('a row carries what the screen shows, names from the agents and queues lists', async () => {
    const rows = (await page()).rows;
    const a1 = rows.find((r) => r.key === key('a1'));
    expect(a1).toEqual({
      key: key('a1'),
      startedAt: new Date((BASE_S + 100) * 1000).toISOString(),
      startMs: (BASE_S + 100) * 1000,
      direction: 'inbound',
      status: 'answered',
      statusDetail: 'SUCCESS',
      party: {
        raw: '0912345678',
        display: '0912 345 678',
        e164: '+84912345678',
        isExtension: false,
        name: 'Trần Thị Lan',
      },
      caller: { number: '0912345678', name: 'Trần Thị Lan' },
      callee: { number: 'agent8001', name: 'nguyenvanan' },
      agent: { number: 'agent8001', username: 'nguyenvanan', name: 'Nguyễn Văn An' },
      did: '02873019555',
      queueId: 'q_support',
      queueName: 'Chăm sóc khách hàng',
      durationSeconds: 50,
      talkSeconds: 40,
      recording: 'call_recording_a1.mp3',
    });
  });

  it('filters by direction and by status class', async () => {
    expect(await keys({ directions: ['inbound'] })).toEqual(ids('a8', 'a2', 'a1'));
    expect(await keys({ directions: ['internal'] })).toEqual(ids('a7', 'a6'));
    expect(await keys({ directions: ['outbound'] })).toEqual(ids('a9', 'a5', 'a4', 'a3'));
    expect(await keys({ statuses: ['answered'] })).toEqual(ids('a6', 'a1'));
    expect(await keys({ statuses: ['missed'] })).toEqual(ids('a8', 'a7', 'a2'));
    expect(await keys({ statuses: ['busy'] })).toEqual(ids('a3'));
    expect(await keys({ statuses: ['cancelled'] })).toEqual(ids('a4'));
    expect(await keys({ statuses: ['failed'] })).toEqual(ids('a9', 'a5'));
    expect(await keys({ directions: ['inbound'], statuses: ['missed'] })).toEqual(ids('a8', 'a2'));
  });

  it('filters by agent under any of its identities, and "my calls"', async () => {
    const an = ids('a9', 'a8', 'a7', 'a6', 'a5', 'a3', 'a1');
    expect(await keys({ agent: ['agent8001'] })).toEqual(an);
    expect(await keys({ agent: ['8001'] })).toEqual(an);
    expect(await keys({ agent: ['nguyenvanan'] })).toEqual(an);
    expect(await keys({ mine: ['agent8002'] })).toEqual(ids('a7', 'a6', 'a4', 'a2'));
    expect(await keys({ mine: ['agent8002'], agent: ['8001'] })).toEqual(ids('a7', 'a6'));
    expect(await keys({ mine: [] })).toEqual([]);
  });

  it('filters by queue, recording, date range and exact number', async () => {
    expect(await keys({ queueId: 'q_support' })).toEqual(ids('a1'));
    expect(await keys({ hasRecording: true })).toEqual(ids('a6', 'a1'));
    expect(await keys({ hasRecording: false })).toHaveLength(7);
    expect(await keys({ fromMs: (BASE_S + 300) * 1000, toMs: (BASE_S + 500) * 1000 })).toEqual(ids('a5', 'a4', 'a3'));
    for (const spelling of ['0912345678', '+84912345678', '84912345678', '0912 345 678']) {
      expect(await keys({ number: spelling })).toEqual(ids('a3', 'a2', 'a1'));
    }
  });

  it('finds a number in every form and by a partial run of digits', async () => {
    for (const typed of ['0912 345 678', '+84912345678', '84912345678', '0912345678', '345678', '912-345']) {
      expect(await keys({}, typed)).toEqual(ids('a3', 'a2', 'a1'));
    }
    expect(await keys({}, '0987 654 321')).toEqual(ids('a8', 'a5'));
    expect(await keys({}, '999999')).toEqual([]);
  });

  it('finds an extension, and the calls of the agent it belongs to', async () => {
    expect(await keys({}, '8001')).toEqual(ids('a9', 'a8', 'a7', 'a6', 'a5', 'a3', 'a1'));
    expect(await keys({}, '8002')).toEqual(ids('a7', 'a6', 'a4', 'a2'));
  });

  it('finds names from the history and from the agents list, without diacritics', async () => {
    expect(await keys({}, 'Trần Thị Lan')).toEqual(ids('a1'));
    expect(await keys({}, 'thi lan')).toEqual(ids('a1'));
    // An agent's name finds the calls of its extension and user name.
    expect(await keys({}, 'nguyen van an')).toEqual(ids('a9', 'a8', 'a7', 'a6', 'a5', 'a3', 'a1'));
    expect(await keys({}, 'Bình')).toEqual(ids('a7', 'a6', 'a4', 'a2'));
    expect(await keys({}, 'agent8002')).toEqual(ids('a7', 'a6', 'a4', 'a2'));
    expect(await keys({ statuses: ['missed'] }, 'binh')).toEqual(ids('a7', 'a2'));
    expect(await keys({}, 'nobody at all')).toEqual([]);
  });

  it('groups by the other party: counts, missed, last call', async () => {
    const result = await store.group({ filters: {}, search: '', limit: 50, offset: 0 });
    if (!result.ok) throw new Error(result.error.message);
    const customer = result.value.groups.find((g) => g.number === '+84912345678');
    expect(customer).toMatchObject({
      calls: 3,
      missed: 1,
      lastMs: (BASE_S + 300) * 1000,
      lastStatus: 'busy',
      lastDirection: 'outbound',
      party: { display: '0912 345 678' },
    });
    expect(result.value.total).toBe(result.value.groups.length);
    expect(result.value.groups.reduce((sum, g) => sum + g.calls, 0)).toBe(9);
    // Newest group first.
    expect(result.value.groups[0]?.lastMs).toBe((BASE_S + 900) * 1000);
    // A group expands through the exact-number filter.
    expect(await keys({ number: '+84912345678' })).toHaveLength(customer?.calls ?? -1);
    const missedOnly = await store.group({ filters: { statuses: ['missed'] }, search: '', limit: 50, offset: 0 });
    expect(missedOnly.ok && missedOnly.value.groups.map((g) => [g.number, g.calls])).toEqual([
      ['+84987654321', 1],
      ['agent8001', 1],
      ['+84912345678', 1],
    ]);
  });

  it('counts missed calls that rang an agent since a moment', async () => {
    expect(await store.countMissed({ sinceMs: 0, agent: ['agent8001'] })).toEqual({ ok: true, value: 2 });
    expect(await store.countMissed({ sinceMs: (BASE_S + 750) * 1000, agent: ['8001'] })).toEqual({
      ok: true,
      value: 1,
    });
    expect(await store.countMissed({ sinceMs: 0, agent: ['agent8002'] })).toEqual({ ok: true, value: 1 });
    expect(await store.countMissed({ sinceMs: 0, agent: [] })).toEqual({ ok: true, value: 3 });
  });

  it('a record seen again is stored once; a changed one is updated', async () => {
    const again = await store.commitPage({
      windowId: -1,
      records: FIXTURE,
      pagesDone: 0,
      windowComplete: false,
      nowMs: 0,
    });
    expect(again).toMatchObject({ ok: true, value: { changed: 0 } });
    const changed = { ...FIXTURE[0]!, status_detail: 'SUCCESS', billing_seconds: 41 };
    const updated = await store.commitPage({
      windowId: -1,
      records: [changed],
      pagesDone: 0,
      windowComplete: false,
      nowMs: 0,
    });
    expect(updated).toMatchObject({ ok: true, value: { changed: 1 } });
    const rows = (await page()).rows;
    expect(rows).toHaveLength(9);
    expect(rows.find((r) => r.key === key('a1'))?.talkSeconds).toBe(41);
    // Still found by its number after the update.
    expect(await keys({}, '345678')).toEqual(ids('a3', 'a2', 'a1'));
    // A call that moves to another number leaves its old group.
    const moved = { ...FIXTURE[8]!, callee: { number: '0912345678', type: 'realnumber' } };
    expect(
      await store.commitPage({ windowId: -1, records: [moved], pagesDone: 0, windowComplete: false, nowMs: 0 }),
    ).toMatchObject({
      ok: true,
      value: { changed: 1 },
    });
    const summary = await store.group({ filters: {}, search: '', limit: 50, offset: 0 });
    const grouped = await store.group({ filters: { fromMs: 0 }, search: '', limit: 50, offset: 0 });
    expect(summary).toEqual(grouped);
    expect(summary.ok && summary.value.groups.find((g) => g.number === '+84912345678')).toMatchObject({
      calls: 4,
      lastMs: (BASE_S + 900) * 1000,
      lastStatus: 'failed',
    });
    expect(summary.ok && summary.value.groups.some((g) => g.number === '+84355123456')).toBe(false);
    // Put it back for the tests after this one.
    await store.commitPage({ windowId: -1, records: [FIXTURE[8]!], pagesDone: 0, windowComplete: false, nowMs: 0 });
  });

  it('exports exactly the matching rows as CSV, formulas neutralised, readable by this user only', async () => {
    const path = join(data.dir, 'exports', 'missed.csv');
    const written = await store.exportFile({ filters: { statuses: ['missed'] }, search: '', format: 'csv', path });
    expect(written).toEqual({ ok: true, value: 3 });
    const text = readFileSync(path, 'utf8');
    const lines = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]?.startsWith('started_at,direction,status,')).toBe(true);
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).map((l) => l.split(',').at(-1))).toEqual(ids('a8', 'a7', 'a2'));
    // The queue's caller name was a formula; the E.164 number starts with +.
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(text).toContain("'+84987654321");
    expect(text).not.toMatch(/,=HYPERLINK/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('exports the records as AntBuddy sent them as ndjson, search applied', async () => {
    const path = join(data.dir, 'exports', 'customer.ndjson');
    const written = await store.exportFile({ filters: {}, search: '0912345678', format: 'ndjson', path });
    expect(written).toEqual({ ok: true, value: 3 });
    const records = readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { call_id: string });
    expect(records.map((r) => r.call_id)).toEqual(['call-a3', 'call-a2', 'call-a1']);
  });

  it('answers a page while the writer holds a big transaction open (readers never wait for writes)', async () => {
    const before = (await page({}, '', 1)).total ?? Number.NaN;
    const gate = new SharedArrayBuffer(4);
    const opened = new Promise<void>((resolve) => {
      const off = store.onWriterNotice((name) => {
        if (name === 'synthetic-transaction-open') {
          off();
          resolve();
        }
      });
    });
    let insertDone = false;
    const insert = store
      .insertSynthetic({ count: 3000, seed: 7, fromMs: 0, toMs: 1_000_000, batch: 3000, holdOpen: gate })
      .then((result) => {
        insertDone = true;
        return result;
      });
    await opened;
    // The writer is now blocked inside its transaction with 3000 uncommitted rows.
    const during = await page({}, '', 5);
    expect(insertDone).toBe(false);
    expect(during.total).toBe(before);
    Atomics.store(new Int32Array(gate), 0, 1);
    Atomics.notify(new Int32Array(gate), 0);
    expect(await insert).toEqual({ ok: true, value: 3000 });
    expect((await page({}, '', 1)).total).toBe(before + 3000);
    expect(await store.integrityCheck()).toEqual({ ok: true, value: 'ok' });
  });
});
