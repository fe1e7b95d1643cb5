/**
 * Rough timings of the history store at scale, by hand (not part of the test suite):
 *
 *   npx tsx src/main/services/history-store/measure-store.ts [rows=1000000] [file]
 *
 * Bulk-inserts `rows` synthetic calls (a 50-agent center over a year, see synthetic-calls)
 * into a store file through the writer thread, unless the file already holds them, then
 * times the History screen's reads through the reader thread and prints one JSON object.
 * The lead's benchmark (bench/) can import `measureHistoryStore` instead.
 */
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistoryStore, type HistoryStore } from './history-store';
import type { StoreFilters } from './store-types';

const DAY_MS = 86_400_000;

export interface StoreTimings {
  readonly rows: number;
  readonly fileMB: number;
  readonly insertMs?: number;
  readonly timings: Record<string, { readonly ms: number; readonly total?: number; readonly rows?: number }>;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: Math.round((performance.now() - start) * 10) / 10, value };
}

function must<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function measureReads(store: HistoryStore): Promise<StoreTimings['timings']> {
  const timings: StoreTimings['timings'] = {};
  const page = async (name: string, filters: StoreFilters, search = '', extra: { cursor?: string } = {}) => {
    // First run cold (the count is computed), second run warm (the count is cached until the next write).
    const first = await timed(async () => must(await store.query({ filters, search, limit: 50, ...extra })));
    timings[name] = { ms: first.ms, total: first.value.total, rows: first.value.rows.length };
    const again = await timed(async () => must(await store.query({ filters, search, limit: 50, ...extra })));
    timings[`${name} (again)`] = { ms: again.ms };
    return first.value;
  };
  const first = await page('first page, no filter', {});
  if (first.nextCursor) await page('next page by cursor', {}, '', { cursor: first.nextCursor });
  const deep = await timed(async () =>
    must(await store.query({ filters: {}, search: '', limit: 50, offset: 500_000 })),
  );
  timings['page at offset 500,000'] = { ms: deep.ms, rows: deep.value.rows.length };
  await page('inbound missed', { directions: ['inbound'], statuses: ['missed'] });
  await page('my calls (agent8001)', { mine: ['agent8001'] });
  await page('my missed calls', { mine: ['agent8001'], statuses: ['missed'] });
  await page('with recording', { hasRecording: true });
  await page('queue_2', { queueId: 'queue_2' });
  await page('last 7 days', { fromMs: Date.now() - 7 * DAY_MS });
  await page('search full number 0900123450', {}, '0900123450');
  await page('search +84 form', {}, '+84900123450');
  await page('search partial 012345', {}, '012345');
  await page('search partial 345 (very common)', {}, '345');
  await page('search extension 8001', {}, '8001');
  await page('search name "tran"', {}, 'tran');
  await page('search agent name "Hoàng Linh"', {}, 'Hoàng Linh');
  const groups = await timed(async () => must(await store.group({ filters: {}, search: '', limit: 50, offset: 0 })));
  timings['group by number, no filter'] = {
    ms: groups.ms,
    total: groups.value.total,
    rows: groups.value.groups.length,
  };
  const groupsMissed = await timed(async () =>
    must(await store.group({ filters: { statuses: ['missed'] }, search: '', limit: 50, offset: 0 })),
  );
  timings['group by number, missed'] = { ms: groupsMissed.ms, total: groupsMissed.value.total };
  const missed = await timed(async () =>
    must(await store.countMissed({ sinceMs: Date.now() - DAY_MS, agent: ['agent8001'] })),
  );
  timings['missed badge count (1 day)'] = { ms: missed.ms, total: missed.value };
  const exported = await timed(async () =>
    must(
      await store.exportFile({
        filters: { statuses: ['missed'] },
        search: '',
        format: 'csv',
        path: join(tmpdir(), `antring-measure-${process.pid}.csv`),
      }),
    ),
  );
  timings['export missed calls as CSV'] = { ms: exported.ms, rows: exported.value };
  return timings;
}

export async function measureHistoryStore(rows: number, file: string): Promise<StoreTimings> {
  const store = must(await openHistoryStore({ file }));
  try {
    let insertMs: number | undefined;
    const meta = must(await store.meta());
    if (meta.calls < rows) {
      const now = Date.now();
      const inserted = await timed(async () =>
        must(await store.insertSynthetic({ count: rows, seed: 1, fromMs: now - 365 * DAY_MS, toMs: now })),
      );
      insertMs = inserted.ms;
    }
    const timings = await measureReads(store);
    const calls = must(await store.meta()).calls;
    return {
      rows: calls,
      fileMB: Math.round(statSync(file).size / 1e6),
      ...(insertMs !== undefined ? { insertMs } : {}),
      timings,
    };
  } finally {
    await store.close();
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '');
if (isMain) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const file = process.argv[3] ?? join(tmpdir(), `antring-history-${rows}.sqlite`);
  measureHistoryStore(rows, file)
    .then((result) => console.log(JSON.stringify(result, null, 2)))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    });
}
