// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dayEndMs, dayStartMs } from '../../../src/renderer/src/features/history/history-filters';
import { createHistoryStore, type HistoryStore } from '../../../src/renderer/src/features/history/history-store';
import { createHistoryHost, type HistoryHost } from './fake-history-host';

let history: HistoryHost;
let store: HistoryStore;
let unmount: () => void;

/** Lets the fake host's answers (resolved promises) arrive, without moving the fake clock. */
const settle = async (): Promise<void> => {
  await vi.advanceTimersByTimeAsync(0);
};

beforeEach(async () => {
  vi.useFakeTimers();
  history = createHistoryHost();
  store = createHistoryStore({ pageSize: 100, maxPages: 6 });
  unmount = store.getState().mount();
  await settle();
});

afterEach(() => {
  unmount();
  vi.useRealTimers();
});

const lastQuery = () => history.requests('queryHistory').at(-1);

describe('History store: filters and search become the request', () => {
  it('opens on every call of the company, newest first, one page, and knows the total from it', () => {
    expect(history.requests('queryHistory')).toEqual([{ filters: {}, limit: 100, total: 'if-cheap', offset: 0 }]);
    expect(store.getState().calls).toMatchObject({ total: 1_000_000, error: null });
    expect(store.getState().callAt(0)?.key).toBe('call-0');
    expect(store.getState().callAt(150)).toBeUndefined();
  });

  it('sends each filter the way the store defines it', async () => {
    const s = store.getState();
    s.toggleDirection('outbound');
    s.toggleDirection('inbound');
    s.toggleStatus('missed');
    s.setFilters({
      scope: 'mine',
      queueId: ' q-care ',
      recording: 'with',
      fromDate: '2025-05-01',
      toDate: '2025-05-12',
    });
    await settle();
    expect(lastQuery()).toEqual({
      filters: {
        // Canonical order, whatever order the chips were pressed in.
        directions: ['inbound', 'outbound'],
        statuses: ['missed'],
        mine: true,
        queueId: 'q-care',
        hasRecording: true,
        fromMs: dayStartMs('2025-05-01'),
        toMs: dayEndMs('2025-05-12'),
      },
      limit: 100,
      total: 'if-cheap',
      offset: 0,
    });
    store.getState().setFilters({ recording: 'without', scope: 'company' });
    await settle();
    expect(lastQuery()?.filters).toMatchObject({ hasRecording: false });
    expect(lastQuery()?.filters).not.toHaveProperty('mine');
    store.getState().toggleStatus('missed');
    await settle();
    expect(lastQuery()?.filters).not.toHaveProperty('statuses');
    store.getState().clearFilters();
    await settle();
    expect(lastQuery()).toEqual({ filters: {}, limit: 100, total: 'if-cheap', offset: 0 });
  });

  it('waits 150 ms after the last key before searching, and sends only what was typed last', async () => {
    const before = history.requests('queryHistory').length;
    const s = store.getState();
    s.setSearchText('09');
    await vi.advanceTimersByTimeAsync(100);
    s.setSearchText('0912');
    await vi.advanceTimersByTimeAsync(100);
    s.setSearchText('0912 345 ');
    await vi.advanceTimersByTimeAsync(149);
    expect(history.requests('queryHistory')).toHaveLength(before);
    await vi.advanceTimersByTimeAsync(1);
    expect(history.requests('queryHistory').slice(before)).toEqual([
      { filters: {}, search: '0912 345', limit: 100, total: 'if-cheap', offset: 0 },
    ]);
    expect(store.getState().search).toBe('0912 345');
    // Typing back to what is already asked sends nothing new.
    store.getState().setSearchText('0912 345');
    await vi.advanceTimersByTimeAsync(200);
    expect(history.requests('queryHistory')).toHaveLength(before + 1);
  });

  it('a new view starts at the top, moves queryVersion, and is exported whole with its filters and search', async () => {
    const version = store.getState().queryVersion;
    store.getState().setRange(50_000, 50_010);
    await settle();
    store.getState().setFilters({ statuses: ['answered'] });
    store.getState().setSearchText('Ngân');
    await vi.advanceTimersByTimeAsync(150);
    expect(store.getState().queryVersion).toBe(version + 2);
    expect(lastQuery()).toEqual({
      filters: { statuses: ['answered'] },
      search: 'Ngân',
      limit: 100,
      total: 'if-cheap',
      offset: 0,
    });

    await store.getState().exportView();
    expect(history.requests('exportHistory')).toEqual([
      { filters: { statuses: ['answered'] }, search: 'Ngân', format: 'csv' },
    ]);
    expect(store.getState().exporting).toEqual({
      kind: 'done',
      result: { path: '/data/exports/call-history-1.csv', rows: 42, format: 'csv' },
    });
  });
});

describe('History store: pages around the view', () => {
  it('asks for the pages the view needs by offset, and reads on with the cursor', async () => {
    store.getState().setRange(700_030, 700_042);
    expect(lastQuery()).toEqual({ filters: {}, limit: 100, total: 'if-cheap', offset: 700_000 });
    await settle();
    expect(store.getState().callAt(700_005)?.key).toBe('call-700005');
    store.getState().setRange(700_090, 700_102);
    await settle();
    expect(lastQuery()).toMatchObject({ cursor: expect.stringMatching(/:700099$/), limit: 100 });
    expect(lastQuery()).not.toHaveProperty('offset');
  });

  it('keeps at most its bound of pages however far the agent scrolls', async () => {
    for (let row = 0; row < 5_000; row += 333) {
      store.getState().setRange(row, row + 12);
      await settle();
      expect(store.getState().callAt(row)?.key).toBe(`call-${row}`);
    }
    const held = Array.from({ length: 5_100 }, (_, i) => store.getState().callAt(i)).filter(Boolean).length;
    expect(held).toBeLessThanOrEqual(6 * 100);
  });
});

describe('History store: the store syncs', () => {
  it('shows the sync state and reads the view again when the revision moves, at most once a second', async () => {
    expect(store.getState().sync).toMatchObject({ kind: 'idle', revision: 1 });
    const before = history.requests('queryHistory').length;
    history.emitSync({ kind: 'syncing', windowsDone: 1, windowsTotal: 3, records: 10, revision: 1 });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(history.requests('queryHistory')).toHaveLength(before);

    history.total = 1_000_003;
    history.emitSync({ kind: 'syncing', windowsDone: 2, windowsTotal: 3, records: 20, revision: 2 });
    history.emitSync({ kind: 'syncing', windowsDone: 2, windowsTotal: 3, records: 30, revision: 3 });
    await settle();
    expect(history.requests('queryHistory')).toHaveLength(before + 1);
    expect(store.getState().calls.total).toBe(1_000_003);
    history.emitSync({ kind: 'idle', revision: 4 });
    await vi.advanceTimersByTimeAsync(999);
    expect(history.requests('queryHistory')).toHaveLength(before + 1);
    await vi.advanceTimersByTimeAsync(1);
    expect(history.requests('queryHistory')).toHaveLength(before + 2);
    // A refresh of the same view is not a new view: no scroll to the top, no announcement.
    expect(store.getState().queryVersion).toBe(0);
  });

  it('refresh asks the host and shows what it answers; a failed sync is kept with its error', async () => {
    history.sync = {
      kind: 'failed',
      error: { code: 'network', message: 'offline', messageVi: 'mất mạng' },
      revision: 1,
      retryAt: '2025-05-12T07:05:00.000Z',
    };
    await store.getState().refresh();
    expect(history.requests('refreshHistory')).toHaveLength(1);
    expect(store.getState().sync).toMatchObject({ kind: 'failed', error: { code: 'network' } });
  });
});

describe('History store: grouped by number', () => {
  it('lists groups with the same filters, opens one through filters.number, and shows all its calls', async () => {
    store.getState().toggleStatus('missed');
    store.getState().setMode('groups');
    await settle();
    expect(history.requests('groupHistory')).toEqual([{ filters: { statuses: ['missed'] }, limit: 100, offset: 0 }]);
    expect(store.getState().groups.total).toBe(600);
    const group = store.getState().groupAt(3);
    if (!group) throw new Error('no group');

    store.getState().toggleGroup(group.number);
    expect(store.getState().expanded).toEqual({ number: group.number, status: 'loading' });
    await settle();
    expect(lastQuery()).toEqual({ filters: { statuses: ['missed'], number: group.number }, limit: 20 });
    expect(store.getState().expanded).toMatchObject({ number: group.number, status: 'ready', total: 1_000_000 });

    store.getState().showNumber({ number: group.number, display: group.party.display });
    await settle();
    expect(store.getState().mode).toBe('calls');
    expect(lastQuery()).toEqual({
      filters: { statuses: ['missed'], number: group.number },
      limit: 100,
      total: 'if-cheap',
      offset: 0,
    });
    store.getState().showNumber(null);
    await settle();
    expect(lastQuery()).toEqual({ filters: { statuses: ['missed'] }, limit: 100, total: 'if-cheap', offset: 0 });
  });

  it('drops an opened group when the view changes under it', async () => {
    store.getState().setMode('groups');
    await settle();
    history.hold = 'queryHistory';
    store.getState().toggleGroup('+84912000001');
    store.getState().setFilters({ directions: ['inbound'] });
    history.release();
    await settle();
    expect(store.getState().expanded).toBeNull();
  });
});

describe('History store: queues', () => {
  it('offers the queues the dashboard knows', () => {
    expect(store.getState().queues).toEqual([
      { id: 'q-care', name: 'Chăm sóc khách hàng' },
      { id: 'q-tech', name: 'Hỗ trợ kỹ thuật' },
    ]);
  });
});
