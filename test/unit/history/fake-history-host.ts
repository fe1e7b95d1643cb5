import type { HistorySyncState } from '../../../src/shared/history';
import type { RequestInput, RequestOutput } from '../../../src/shared/contract';
import type { AppResult } from '../../../src/shared/errors';
import { ok } from '../../../src/shared/result';
import type { SettingsView } from '../../../src/shared/settings';
import { createFakeHost, installFakeHost, makeView, type FakeHost } from '../renderer/fake-host';
import { syntheticGroup, syntheticRow } from './history-fixtures';

type HistoryRequest =
  | 'queryHistory'
  | 'groupHistory'
  | 'getHistorySyncState'
  | 'refreshHistory'
  | 'exportHistory'
  | 'countHistoryMissed'
  | 'getDashboard'
  | 'crmLinkForNumber';

export interface HistoryCall<N extends HistoryRequest = HistoryRequest> {
  readonly name: N;
  readonly input: RequestInput<N>;
}

/**
 * The fake host of the renderer tests (fake-host.ts), with the history requests answered from
 * a synthetic list of `total` calls and the history's sync event, all recorded.
 */
export interface HistoryHost {
  readonly host: FakeHost;
  readonly calls: HistoryCall[];
  total: number;
  groupsTotal: number;
  missedCount: number;
  sync: HistorySyncState;
  /** When set, requests of this name wait until `release()` is called. */
  hold: HistoryRequest | null;
  release(): void;
  emitSync(state: HistorySyncState): void;
  requests<N extends HistoryRequest>(name: N): RequestInput<N>[];
}

export function createHistoryHost(view: SettingsView = makeView({ values: { language: 'en' } })): HistoryHost {
  const host = createFakeHost(view);
  const listeners = new Set<(state: HistorySyncState) => void>();
  let held: (() => void)[] = [];
  const history: HistoryHost = {
    host,
    calls: [],
    total: 1_000_000,
    groupsTotal: 600,
    missedCount: 0,
    sync: { kind: 'idle', revision: 1, lastRefreshAt: '2025-05-12T07:00:00.000Z' },
    hold: null,
    release() {
      const waiting = held;
      held = [];
      for (const go of waiting) go();
    },
    emitSync(state) {
      history.sync = state;
      for (const listener of [...listeners]) listener(state);
    },
    requests(name) {
      return history.calls.filter((c) => c.name === name).map((c) => c.input) as never;
    },
  };

  const api = host.api as unknown as Record<string, unknown>;
  const answer = <N extends HistoryRequest>(
    name: N,
    respond: (input: RequestInput<N>) => AppResult<RequestOutput<N>>,
  ): void => {
    api[name] = (input: RequestInput<N>) => {
      history.calls.push({ name, input } as HistoryCall);
      const reply = (): AppResult<RequestOutput<N>> => respond(input);
      if (history.hold !== name) return Promise.resolve(reply());
      return new Promise((resolve) => held.push(() => resolve(reply())));
    };
  };

  answer('queryHistory', (input) => {
    const limit = input?.limit ?? 50;
    const start = input?.cursor !== undefined ? Number(input.cursor.split(':')[1]) + 1 : (input?.offset ?? 0);
    const total = history.total;
    const rows = Array.from({ length: Math.max(0, Math.min(limit, total - start)) }, (_, i) => syntheticRow(start + i));
    const last = rows[rows.length - 1];
    const end = start + rows.length - 1;
    return ok({ rows, total, ...(last && end < total - 1 ? { nextCursor: `${last.startMs}:${end}` } : {}) });
  });
  answer('groupHistory', (input) => {
    const limit = input?.limit ?? 50;
    const start = input?.offset ?? 0;
    const count = Math.max(0, Math.min(limit, history.groupsTotal - start));
    return ok({
      groups: Array.from({ length: count }, (_, i) => syntheticGroup(start + i)),
      total: history.groupsTotal,
    });
  });
  answer('getHistorySyncState', () => ok(history.sync));
  answer('refreshHistory', () => ok(history.sync));
  answer('exportHistory', (input) =>
    ok({ path: '/data/exports/call-history-1.csv', rows: 42, format: input?.format ?? 'csv' }),
  );
  answer('countHistoryMissed', () => ok(history.missedCount));
  answer('crmLinkForNumber', (input) => ok({ url: `https://crm.example.vn/?phone=${input.number}`, opened: false }));
  answer('getDashboard', () =>
    ok({
      generatedAt: '2025-05-12T07:00:00.000Z',
      agents: [],
      counts: [],
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
      queues: [
        { key: 'q-care', name: 'Chăm sóc khách hàng', members: [], waitingNow: 0 },
        { key: 'q-tech', name: 'Hỗ trợ kỹ thuật', members: [], waitingNow: 0 },
      ],
    }),
  );

  const on = api['on'] as Record<string, unknown>;
  on['historySyncChanged'] = (listener: (state: HistorySyncState) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  installFakeHost(host);
  return history;
}
