// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NavRail } from '../../../src/renderer/src/app/NavRail';
import { useNavigationStore } from '../../../src/renderer/src/app/navigation-store';
import {
  createUnseenMissedStore,
  MISSED_SEEN_STORAGE_KEY,
  useUnseenMissedStore,
  type SeenStorage,
} from '../../../src/renderer/src/features/history/unseen-missed-store';
import { createI18n } from '../../../src/renderer/src/i18n';
import { createHistoryHost, type HistoryHost } from './fake-history-host';

function memoryStorage(initial: Record<string, string> = {}): SeenStorage & { values: Record<string, string> } {
  const values = { ...initial };
  return {
    values,
    getItem: (key) => values[key] ?? null,
    setItem: (key, value) => {
      values[key] = value;
    },
  };
}

let history: HistoryHost;
let clock = 1_750_000_000_000;
const now = (): number => clock;

beforeEach(() => {
  vi.useFakeTimers();
  history = createHistoryHost();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('unseen missed calls', () => {
  it('on the first run starts counting from now, and keeps that moment', async () => {
    const storage = memoryStorage();
    const store = createUnseenMissedStore({ storage, now });
    expect(store.getState().seenAtMs).toBe(clock);
    expect(storage.values[MISSED_SEEN_STORAGE_KEY]).toBe(String(clock));
    history.missedCount = 2;
    const stop = store.getState().follow();
    await vi.advanceTimersByTimeAsync(0);
    expect(history.requests('countHistoryMissed')).toEqual([{ sinceMs: clock }]);
    expect(store.getState().count).toBe(2);
    stop();
  });

  it('counts from the moment History was last opened, and recounts when the history changes', async () => {
    const seen = 1_749_000_000_000;
    const storage = memoryStorage({ [MISSED_SEEN_STORAGE_KEY]: String(seen) });
    const store = createUnseenMissedStore({ storage, now });
    history.missedCount = 1;
    const stop = store.getState().follow();
    await vi.advanceTimersByTimeAsync(0);
    expect(history.requests('countHistoryMissed')).toEqual([{ sinceMs: seen }]);
    expect(store.getState().count).toBe(1);

    history.missedCount = 3;
    history.emitSync({ kind: 'idle', revision: 7 });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().count).toBe(3);
    // The same revision again (progress of one run) asks nothing new.
    history.emitSync({ kind: 'syncing', windowsDone: 1, windowsTotal: 2, records: 0, revision: 7 });
    await vi.advanceTimersByTimeAsync(0);
    expect(history.requests('countHistoryMissed')).toHaveLength(2);
    stop();
  });

  it('clears when History opens, remembers that moment, and ignores a count that was on its way', async () => {
    const storage = memoryStorage({ [MISSED_SEEN_STORAGE_KEY]: '1' });
    const store = createUnseenMissedStore({ storage, now });
    history.missedCount = 4;
    const stop = store.getState().follow();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().count).toBe(4);

    history.hold = 'countHistoryMissed';
    history.emitSync({ kind: 'idle', revision: 9 });
    clock += 60_000;
    store.getState().setViewing(true);
    expect(store.getState().count).toBe(0);
    expect(storage.values[MISSED_SEEN_STORAGE_KEY]).toBe(String(clock));
    history.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().count).toBe(0);

    // While History is open, what arrives is on screen: seen, not counted.
    history.hold = null;
    clock += 60_000;
    history.emitSync({ kind: 'idle', revision: 10 });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().count).toBe(0);
    expect(store.getState().seenAtMs).toBe(clock);

    store.getState().setViewing(false);
    history.missedCount = 1;
    history.emitSync({ kind: 'idle', revision: 11 });
    await vi.advanceTimersByTimeAsync(0);
    expect(history.requests('countHistoryMissed').at(-1)).toEqual({ sinceMs: clock });
    expect(store.getState().count).toBe(1);
    stop();
  });

  it('marks whole seconds: a call stamped in the second History was last seen still counts', async () => {
    const storage = memoryStorage({ [MISSED_SEEN_STORAGE_KEY]: '1' });
    const store = createUnseenMissedStore({ storage, now: () => 1_750_000_000_750 });
    store.getState().setViewing(true);
    expect(storage.values[MISSED_SEEN_STORAGE_KEY]).toBe('1750000000000');
    store.getState().setViewing(false);
    await store.getState().refresh();
    expect(history.requests('countHistoryMissed').at(-1)).toEqual({ sinceMs: 1_750_000_000_000 });
  });

  it('shows no badge when no account is configured', async () => {
    const store = createUnseenMissedStore({ storage: memoryStorage(), now });
    history.missedCount = 5;
    const stop = store.getState().follow();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().count).toBe(5);
    history.emitSync({ kind: 'off' });
    expect(store.getState().count).toBe(0);
    stop();
  });
});

describe('the History navigation item', () => {
  it('carries the unseen count, named for screen readers, and loses it when History opens', async () => {
    useUnseenMissedStore.setState({ count: 0, viewing: false });
    useNavigationStore.setState({ screen: 'phone' });
    history.missedCount = 3;
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <NavRail />
      </I18nextProvider>,
    );
    await act(() => vi.advanceTimersByTimeAsync(0));
    const item = within(screen.getByRole('navigation')).getByRole('button', { name: /History/ });
    expect(within(item).getByTestId('history-missed-badge').textContent).toContain('3');
    expect(item.textContent).toContain('3 missed calls you have not seen');

    act(() => useUnseenMissedStore.getState().setViewing(true));
    expect(within(item).queryByTestId('history-missed-badge')).toBeNull();
  });
});
