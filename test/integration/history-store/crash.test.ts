import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { openHistoryStore, runSyncPass } from '../../../src/main/services/history-store';
import { clientFor } from '../api/sandbox-client';
import { tempDataDir } from './fixtures';
import { historyRequests, startHangingProxy } from './sandbox-support';

const DAY = 86_400_000;
const data = tempDataDir('history-crash');
const file = join(data.dir, 'history', 'crash.sqlite');
let sandbox: RunningSandbox;
let child: ChildProcess | undefined;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 41, calls: 3000, days: 95 });
});

afterAll(async () => {
  child?.kill('SIGKILL');
  await sandbox.close();
  data.remove();
});

interface CommitLine {
  readonly windowId: number;
  readonly pagesDone: number;
  readonly records: number;
}

interface WindowRow {
  id: number;
  from_ms: number;
  to_ms: number;
  pages_done: number;
  completed_at_ms: number | null;
}

describe('a sync killed mid-window', () => {
  it('keeps every committed page, stays intact, and the next run resumes without re-fetching', async () => {
    const childNow = Date.now();
    // The second window (the first backfill) answers its first two pages, then hangs: the
    // child is stopped there deterministically, with one window done and one half done.
    const windowsSeen: string[] = [];
    const proxy = await startHangingProxy(sandbox, (url) => {
      if (url.pathname !== '/oapi/v1/call/histories') return false;
      const from = url.searchParams.get('created_from') ?? '';
      if (!windowsSeen.includes(from)) windowsSeen.push(from);
      return windowsSeen.indexOf(from) === 1 && Number(url.searchParams.get('page')) >= 3;
    });
    const commits: CommitLine[] = [];
    child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'sync-child.ts')], {
      env: {
        ...process.env,
        ANTRING_STORE_FILE: file,
        ANTRING_API_URL: proxy.url,
        ANTRING_APP_ID: sandbox.appId,
        ANTRING_APP_SECRET: sandbox.appSecret,
        ANTRING_NOW: String(childNow),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const running = child;
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      running.once('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      const lines = createInterface({ input: running.stdout! });
      running.once('exit', () => reject(new Error('the sync child ended before it was killed')));
      const windowIds: number[] = [];
      lines.on('line', (line) => {
        const commit = JSON.parse(line) as CommitLine;
        commits.push(commit);
        if (!windowIds.includes(commit.windowId)) windowIds.push(commit.windowId);
        // Page 2 of the second window is committed: kill the child right there.
        if (windowIds.indexOf(commit.windowId) === 1 && commit.pagesDone === 2) {
          running.kill('SIGKILL');
          resolve();
        }
      });
    });
    expect(await exited).toBe('SIGKILL');
    await proxy.close();

    // What the killed process left: intact, with everything it said it had committed.
    const left = new Database(file, { readonly: true });
    expect(left.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = left.prepare('SELECT count(*) FROM calls').pluck().get() as number;
    expect(stored).toBe(commits.reduce((sum, c) => sum + c.records, 0));
    const storedIds = new Set(
      (left.prepare('SELECT raw_json FROM calls').pluck().all() as string[]).map(
        (j) => (JSON.parse(j) as { _id: string })._id,
      ),
    );
    const known = new Set(sandbox.state.history.all().map((r) => r._id));
    expect([...storedIds].every((id) => known.has(id))).toBe(true);
    const windows = left.prepare('SELECT * FROM sync_windows ORDER BY to_ms DESC').all() as WindowRow[];
    left.close();
    expect(windows).toHaveLength(3);
    const [newest, half, untouched] = windows as [WindowRow, WindowRow, WindowRow];
    expect(newest.completed_at_ms).not.toBeNull();
    expect(half).toMatchObject({ pages_done: 2, completed_at_ms: null });
    expect(untouched).toMatchObject({ pages_done: 0, completed_at_ms: null });

    // The next run, in this process: resumes the half window at page 3, never asks for the newest one again.
    sandbox.requestLog.length = 0;
    const opened = await openHistoryStore({ file });
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.value;
    const now = Date.now();
    const result = await runSyncPass({
      store,
      source: clientFor(sandbox).client,
      now: () => now,
      historyDays: 90,
      overlapMs: 3_600_000,
    });
    expect(result).toEqual({ ok: true, value: 'complete' });
    const requests = historyRequests(sandbox);
    const iso = (ms: number): string => new Date(ms).toISOString();
    expect(requests.filter((r) => r.query['created_from'] === iso(newest.from_ms))).toEqual([]);
    const halfPages = requests
      .filter((r) => r.query['created_from'] === iso(half.from_ms))
      .map((r) => Number(r.query['page']));
    expect(halfPages.length).toBeGreaterThan(0);
    expect(Math.min(...halfPages)).toBe(3);
    const untouchedPages = requests
      .filter((r) => r.query['created_from'] === iso(untouched.from_ms))
      .map((r) => Number(r.query['page']));
    expect(Math.min(...untouchedPages)).toBe(1);
    // The only other requests are the refresh after the newest window's end.
    for (const r of requests) {
      const from = Date.parse(r.query['created_from'] ?? '');
      expect([newest.from_ms, half.from_ms, untouched.from_ms, childNow - 3_600_000]).toContain(from);
    }

    const all = await store.exportFile({
      filters: {},
      search: '',
      format: 'ndjson',
      path: join(data.dir, 'all.ndjson'),
    });
    expect(all.ok).toBe(true);
    const meta = await store.meta();
    const expected = sandbox.state.history.query(now - 90 * DAY, now).length;
    expect(meta.ok && meta.value.calls).toBe(expected);
    expect(await store.integrityCheck()).toEqual({ ok: true, value: 'ok' });
    await store.close();
  }, 60_000);
});
