// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createDashboardStore,
  type DashboardStore,
} from '../../../src/renderer/src/features/dashboard/dashboard-store';
import type { DashboardSnapshot } from '../../../src/shared/dashboard';
import { appError, type AppResult } from '../../../src/shared/errors';
import { err, ok } from '../../../src/shared/result';
import { createFakeHost, installFakeHost, makeView } from '../renderer/fake-host';

/**
 * The dashboard's refresh loop, with the clock faked and the host faked (the one boundary
 * renderer tests may fake): each request waits until the test answers it.
 */

const SNAPSHOT: DashboardSnapshot = {
  generatedAt: '2026-01-28T03:00:00.000Z',
  agents: [],
  counts: [{ status: { kind: 'ready' }, count: 0 }],
  queueStatistics: {
    offered: 0,
    received: 0,
    handled: 0,
    abandoned: 0,
    averageWaitSeconds: 0,
    longestWaitSeconds: 0,
    averageTalkSeconds: 0,
    waitingNow: 0,
  },
  queues: [],
};
const FAILURE = appError('server_error', 'AntBuddy had a server error', 'Máy chủ AntBuddy gặp lỗi', { status: 500 });

let pending: ((result: AppResult<DashboardSnapshot>) => void)[] = [];
let requests = 0;
let visibility: DocumentVisibilityState = 'visible';
let store: DashboardStore;
let unmount: (() => void) | undefined;

/** Answers the oldest request still waiting. */
async function answer(result: AppResult<DashboardSnapshot>): Promise<void> {
  const next = pending.shift();
  if (!next) throw new Error('no request is waiting for an answer');
  next(result);
  await vi.advanceTimersByTimeAsync(0);
}

async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

function setVisibility(state: DocumentVisibilityState): void {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-01-28T03:00:00.000Z') });
  pending = [];
  requests = 0;
  visibility = 'visible';
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  const host = createFakeHost(makeView());
  Object.assign(host.api, {
    getDashboard: () =>
      new Promise<AppResult<DashboardSnapshot>>((resolve) => {
        requests += 1;
        pending.push(resolve);
      }),
  });
  installFakeHost(host);
  store = createDashboardStore();
});

afterEach(() => {
  unmount?.();
  unmount = undefined;
  vi.useRealTimers();
});

describe('refresh cadence', () => {
  it('loads at once when the screen is shown, then once per period after each answer', async () => {
    unmount = store.getState().mount();
    expect(requests).toBe(1);
    expect(store.getState().status).toEqual({ kind: 'loading' });
    await answer(ok(SNAPSHOT));
    expect(store.getState()).toMatchObject({ snapshot: SNAPSHOT, status: { kind: 'ready' }, refreshing: false });
    expect(store.getState().receivedAt).toBe(Date.now());

    await advance(9_999);
    expect(requests).toBe(1);
    await advance(1);
    expect(requests).toBe(2);
    await answer(ok(SNAPSHOT));
    await advance(10_000);
    expect(requests).toBe(3);
  });

  it('never starts a second request while one is under way, however slow it is', async () => {
    unmount = store.getState().mount();
    await advance(120_000);
    expect(requests).toBe(1);
    await answer(ok(SNAPSHOT));
    await advance(9_999);
    expect(requests).toBe(1);
  });

  it('follows the dashboardRefreshSeconds setting, clamped to 5..300', async () => {
    store.getState().setRefreshSeconds(30);
    unmount = store.getState().mount();
    await answer(ok(SNAPSHOT));
    await advance(29_999);
    expect(requests).toBe(1);
    await advance(1);
    expect(requests).toBe(2);
    await answer(ok(SNAPSHOT));

    // Shortened while waiting: the next refresh moves up to the new period after the last answer.
    await advance(3_000);
    store.getState().setRefreshSeconds(1);
    expect(store.getState().refreshSeconds).toBe(5);
    await advance(1_999);
    expect(requests).toBe(2);
    await advance(1);
    expect(requests).toBe(3);
  });
});

describe('backoff on errors', () => {
  it('waits 10, 20, 40, then 60 s (capped) between failed attempts, and keeps the last snapshot', async () => {
    unmount = store.getState().mount();
    await answer(ok(SNAPSHOT));
    const waits: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = requests;
      let waited = 0;
      while (requests === before) {
        await advance(1_000);
        waited += 1_000;
        if (waited > 120_000) throw new Error('no retry within two minutes');
      }
      waits.push(waited);
      await answer(err(FAILURE));
    }
    expect(waits).toEqual([10_000, 10_000, 20_000, 40_000, 60_000]);
    expect(store.getState().status).toEqual({ kind: 'failed', error: FAILURE, failures: 5, retryInMs: 60_000 });
    expect(store.getState().snapshot).toBe(SNAPSHOT);
  });

  it('one success ends the backoff', async () => {
    unmount = store.getState().mount();
    await answer(err(FAILURE));
    await advance(10_000);
    await answer(err(FAILURE));
    expect(store.getState().status).toMatchObject({ kind: 'failed', failures: 2, retryInMs: 20_000 });
    await advance(20_000);
    await answer(ok(SNAPSHOT));
    expect(store.getState().status).toEqual({ kind: 'ready' });
    await advance(10_000);
    expect(requests).toBe(4);
  });

  it('Retry asks at once, and joins a request already under way', async () => {
    unmount = store.getState().mount();
    await answer(err(FAILURE));
    expect(requests).toBe(1);
    const retry = store.getState().refreshNow();
    const again = store.getState().refreshNow();
    expect(requests).toBe(2);
    await answer(ok(SNAPSHOT));
    await Promise.all([retry, again]);
    expect(store.getState().status).toEqual({ kind: 'ready' });
  });

  it('a host that throws still ends in a typed error and a retry', async () => {
    Object.assign(window.antring, { getDashboard: () => Promise.reject(new Error('bridge closed')) });
    unmount = store.getState().mount();
    await advance(0);
    expect(store.getState().status).toMatchObject({ kind: 'failed', failures: 1, error: { code: 'internal' } });
  });
});

describe('staleness', () => {
  it('flags figures older than two refresh periods, and clears the flag on the next good answer', async () => {
    unmount = store.getState().mount();
    await answer(ok(SNAPSHOT));
    await advance(10_000);
    await answer(err(FAILURE)); // 10 s old
    await advance(9_999);
    expect(store.getState().stale).toBe(false);
    await advance(1); // 20 s old: two periods
    expect(store.getState().stale).toBe(true);
    await answer(ok(SNAPSHOT));
    expect(store.getState().stale).toBe(false);
  });

  it('a request that hangs does not hide that the figures are getting old', async () => {
    unmount = store.getState().mount();
    await answer(ok(SNAPSHOT));
    await advance(10_000);
    expect(requests).toBe(2);
    await advance(10_000);
    expect(store.getState().stale).toBe(true);
  });
});

describe('pauses while nobody looks', () => {
  it('stops while the page is hidden and refreshes at once when it is visible again and overdue', async () => {
    unmount = store.getState().mount();
    await answer(ok(SNAPSHOT));
    setVisibility('hidden');
    expect(store.getState().active).toBe(false);
    await advance(10 * 60_000);
    expect(requests).toBe(1);
    setVisibility('visible');
    expect(requests).toBe(2);
    // The figures are ten minutes old: flagged until the answer arrives.
    expect(store.getState().stale).toBe(true);
    await answer(ok(SNAPSHOT));
    expect(store.getState().stale).toBe(false);
  });

  it('stops when the screen is left; coming back before the next refresh is due waits for it', async () => {
    unmount = store.getState().mount();
    await answer(ok(SNAPSHOT));
    unmount();
    unmount = undefined;
    await advance(60_000);
    expect(requests).toBe(1);

    unmount = store.getState().mount();
    expect(requests).toBe(2);
    await answer(ok(SNAPSHOT));
    unmount();
    await advance(4_000);
    unmount = store.getState().mount();
    expect(requests).toBe(2);
    await advance(5_999);
    expect(requests).toBe(2);
    await advance(1);
    expect(requests).toBe(3);
  });

  it('an answer that arrives after the screen was left is kept but plans nothing', async () => {
    unmount = store.getState().mount();
    unmount();
    unmount = undefined;
    await answer(ok(SNAPSHOT));
    expect(store.getState().snapshot).toBe(SNAPSHOT);
    await advance(60_000);
    expect(requests).toBe(1);
  });

  it('a page that starts hidden does not load until it is shown', async () => {
    visibility = 'hidden';
    unmount = store.getState().mount();
    await advance(30_000);
    expect(requests).toBe(0);
    setVisibility('visible');
    expect(requests).toBe(1);
  });
});
