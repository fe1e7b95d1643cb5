import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { fetchHistory, type HistoryProgress } from '../../../src/main/services/history/sync';
import { clientFor } from './sandbox-client';

const DAY = 86_400_000;
const sandboxes: RunningSandbox[] = [];

afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
});

async function syncAndCompare(sandbox: RunningSandbox, limit: number) {
  const to = new Date();
  const from = new Date(to.getTime() - 95 * DAY);
  sandbox.requestLog.length = 0;
  const progress: HistoryProgress[] = [];
  const result = await fetchHistory(clientFor(sandbox).client, {
    from,
    to,
    limit,
    onProgress: (p) => progress.push(p),
  });
  expect(result.ok ? 'ok' : result.error).toBe('ok');
  const got = result.ok ? result.value : [];
  const expected = sandbox.state.history.query(from.getTime(), to.getTime());
  expect(expected.length).toBeGreaterThan(limit * 4);
  const ids = got.map((r) => r['_id']);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual(expected.map((r) => r._id).sort());

  const historyRequests = sandbox.requestLog.filter((e) => e.path === '/oapi/v1/call/histories');
  expect(historyRequests.length).toBeGreaterThan(0);
  for (const entry of historyRequests) {
    expect(entry.status).toBe(200);
    const span = Date.parse(entry.query['created_to'] ?? '') - Date.parse(entry.query['created_from'] ?? '');
    expect(span).toBeGreaterThanOrEqual(0);
    expect(span).toBeLessThanOrEqual(31 * DAY);
    expect(Number(entry.query['limit'])).toBeLessThanOrEqual(100);
  }
  const windows = new Set(historyRequests.map((e) => e.query['created_from']));
  expect(windows.size).toBe(4);
  expect(progress.at(-1)).toMatchObject({ windowsDone: 4, windowsTotal: 4, records: expected.length });
}

describe('contract: 95-day history sync', () => {
  beforeAll(async () => {
    sandboxes.push(await startSandbox({ seed: 21, calls: 2500, days: 100 }));
    sandboxes.push(await startSandbox({ seed: 22, calls: 900, days: 100, historyShape: 'array' }));
  });

  it('object pages: every record exactly once, no window over 31 days, no limit over 100', async () => {
    const sandbox = sandboxes[0];
    if (!sandbox) throw new Error('sandbox not started');
    await syncAndCompare(sandbox, 100);
  });

  it('bare-array pages with a small limit', async () => {
    const sandbox = sandboxes[1];
    if (!sandbox) throw new Error('sandbox not started');
    await syncAndCompare(sandbox, 37);
  });

  it('survives injected 500s and 503s along the way', async () => {
    const sandbox = sandboxes[0];
    if (!sandbox) throw new Error('sandbox not started');
    sandbox.faults.failNext(2, { status: 500, path: '/oapi/v1/call/histories' });
    sandbox.faults.failNext(2, { status: 503, path: '/oapi/v1/call/histories' });
    const to = new Date();
    const from = new Date(to.getTime() - 95 * DAY);
    const result = await fetchHistory(clientFor(sandbox).client, { from, to });
    expect(result.ok && result.value.length).toBe(sandbox.state.history.query(from.getTime(), to.getTime()).length);
    sandbox.faults.clear();
  });
});
