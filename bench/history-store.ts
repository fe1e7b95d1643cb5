import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { percentile, round, writeBenchResult, type BenchRow as GenericBenchRow } from './stats';
import { pageStarted, startScreenPopRig, timeScreenPops, type ScreenPopSample } from './screenpop';
import type { HistorySyncState } from '../src/shared/history';

/**
 * The history store under load, through the web host in Chromium:
 * - the sync rate into the store: a fresh data folder syncing the sandbox's whole history
 *   (24,000 calls over 90 days) until the store says idle;
 * - the screen-pop latency (sandbox ring → number on screen) while a full sync into the store runs:
 *   a year of 60,000 calls behind 50 ms of API latency, so the sync lasts while calls ring.
 *   They ring once the page has started; one call as the window opens is timed apart.
 * The web host runs in its own process, as the app's main process does: the sandbox serving a
 * year of history and the browser driver stay in this one, off the loop being measured.
 */

export type BenchRow = GenericBenchRow<'history-store'>;

const syncState = (page: Page): Promise<HistorySyncState['kind'] | 'unknown'> =>
  page.evaluate(async () => {
    const state = await window.antring.getHistorySyncState();
    return state.ok ? state.value.kind : 'unknown';
  });

/** A provisioning file keeping a year of history (the default is 90 days). */
function keepAYear(dataDir: string): string {
  const file = join(dataDir, 'provisioning.json');
  writeFileSync(file, JSON.stringify({ historyDays: 365 }));
  return file;
}

/** A sync has completed: idle, with the time of a finished run (idle alone is also the state before the first run). */
const syncedOnce = (page: Page): Promise<boolean> =>
  page.evaluate(async () => {
    const state = await window.antring.getHistorySyncState();
    return state.ok && state.value.kind === 'idle' && state.value.lastRefreshAt !== undefined;
  });

async function untilIdle(page: Page, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await syncedOnce(page)) return;
    if (Date.now() > deadline) throw new Error('the history sync did not finish in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function runHistoryStoreBench(): Promise<{
  syncRecords: number;
  syncMs: number;
  popAtStart: ScreenPopSample | undefined;
  popsDuringSync: ScreenPopSample[];
  rows: BenchRow[];
}> {
  // 1. Sync rate into the store.
  const fast = await startScreenPopRig({
    seed: 41,
    sandbox: { calls: 24_000, days: 90 },
    host: 'own-process',
    prepareDataDir: (dataDir) => ({ ANTRING_CONFIG: keepAYear(dataDir) }),
  });
  let syncMs: number;
  let syncRecords: number;
  try {
    const started = performance.now();
    await untilIdle(fast.page, 300_000);
    syncMs = performance.now() - started;
    const page = await fast.page.evaluate(async () => {
      const result = await window.antring.queryHistory({ limit: 1 });
      return result.ok ? (result.value.total ?? -1) : -1;
    });
    syncRecords = page;
    if (syncRecords !== fast.sandbox.state.history.size)
      throw new Error(
        `bench bug: the store holds ${syncRecords} calls, the sandbox ${fast.sandbox.state.history.size}`,
      );
  } finally {
    await fast.close();
  }

  // 2. Screen-pop latency while a full sync runs.
  const slow = await startScreenPopRig({
    seed: 43,
    sandbox: { calls: 60_000, days: 365, latencyMs: 50 },
    host: 'own-process',
    prepareDataDir: (dataDir) => ({ ANTRING_CONFIG: keepAYear(dataDir) }),
  });
  let popsDuringSync: ScreenPopSample[];
  let popAtStart: ScreenPopSample | undefined;
  try {
    await slow.page.waitForFunction(() => window.antring !== undefined);
    // Wait until the sync is under way, then ring while it lasts.
    const deadline = Date.now() + 30_000;
    while ((await syncState(slow.page)) !== 'syncing') {
      if (Date.now() > deadline) throw new Error('the history sync never started');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // One call as the window opens, timed apart: it waits for the frame's screen-pop chunk and
    // its first state from the host (the start-up bench's subject). The rest ring once the
    // page has started, through the rest of the sync.
    popAtStart = (await timeScreenPops(slow, 1))[0];
    await pageStarted(slow.page);
    let stillSyncing = true;
    popsDuringSync = await timeScreenPops(slow, 60, async () => {
      stillSyncing = (await syncState(slow.page)) === 'syncing';
      return stillSyncing;
    });
    if (popsDuringSync.length < 10)
      throw new Error(`bench bug: the sync ended after ${popsDuringSync.length} calls; make it last longer`);
  } finally {
    await slow.close();
  }

  const row = (metric: string, value: number, unit: string): BenchRow => ({
    bench: 'history-store',
    metric,
    value: round(value),
    unit,
  });
  const pops = popsDuringSync.map((s) => s.ms);
  const rows: BenchRow[] = [
    row('full sync into the store, records', syncRecords, 'records'),
    row('full sync into the store, time', syncMs, 'ms'),
    row('full sync into the store, rate', (syncRecords / syncMs) * 1000, 'records/s'),
    row('screen-pop during a full sync, calls', pops.length, 'calls'),
    row('screen-pop during a full sync, median', percentile(pops, 50), 'ms'),
    row('screen-pop during a full sync, p95', percentile(pops, 95), 'ms'),
    row('screen-pop as the window opens (one call, sync starting)', popAtStart?.ms ?? Number.NaN, 'ms'),
  ];
  return { syncRecords, syncMs, popAtStart, popsDuringSync, rows };
}

export async function main(): Promise<void> {
  const result = await runHistoryStoreBench();
  console.table(result.rows.map(({ metric, value, unit }) => ({ metric, value, unit })));
  console.log(`wrote ${await writeBenchResult('history-store', result)}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
