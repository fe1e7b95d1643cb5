import { copyFileSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { ensureCachedStore } from './history-cache';
import { startScreenPopRig } from './screenpop';
import { percentile, round, writeBenchResult, type BenchRow as GenericBenchRow } from './stats';
import { accountStoreFile } from '../src/main/services/history-store/account-file';

/**
 * The History screen with a busy company's year in the store (100,000 and 1,000,000 calls), in
 * Chromium through the web host: time to the first rows, to apply a search and a filter, scroll
 * frame times, the renderer's JS heap and the host process's memory. Every time is taken in the
 * page (a MutationObserver and capture listeners on one clock, performance.now()).
 */

export type BenchRow = GenericBenchRow<'history-screen'>;

/**
 * Opens of History and filter clicks timed: enough that a p95 is not simply the worst sample
 * (with 5 it was the first open after start alone, which is reported on its own row too).
 */
const REPEATS = 20;
/** The screen waits this long after the last keystroke before it asks (history-store.ts). */
const SEARCH_PAUSE_MS = 150;

const vi = JSON.parse(readFileSync(new URL('../src/renderer/src/i18n/vi.json', import.meta.url), 'utf8')) as {
  nav: { history: string; phone: string };
  history: { search: string; direction: { inbound: string } };
};

/** In the page: stamps of user input (capture listeners) and of the screen's answers. */
const PROBE = `
  (() => {
    const probe = {
      rowsAt: null, totalAt: null, lastTotal: null, inputAt: null, clickAt: null,
      answeredAt: null, answeredSearch: null, answers: 0, pending: false,
    };
    window.__historyProbe = probe;
    document.addEventListener('click', () => { probe.clickAt = performance.now(); }, true);
    document.addEventListener('input', () => { probe.inputAt = performance.now(); }, true);
    new MutationObserver(() => {
      if (probe.rowsAt === null && document.querySelector('[data-testid="history-row"]')) probe.rowsAt = performance.now();
      const count = document.querySelector('[data-testid="history-count"]');
      const total = count ? count.getAttribute('data-total') : null;
      if (total !== null && total !== '' && total !== probe.lastTotal) {
        probe.lastTotal = total;
        probe.totalAt = performance.now();
      }
      // A new query empties data-extent; its first page fills it again: the rows are on screen.
      const extent = count ? count.getAttribute('data-extent') : null;
      if (extent === '') probe.pending = true;
      else if (extent !== null && probe.pending) {
        probe.pending = false;
        probe.answeredAt = performance.now();
        probe.answeredSearch = count.getAttribute('data-search');
        probe.answers += 1;
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  })();
`;

interface Probe {
  rowsAt: number | null;
  answeredAt: number | null;
  answeredSearch: string | null;
  answers: number;
  totalAt: number | null;
  lastTotal: string | null;
  inputAt: number | null;
  clickAt: number | null;
}
interface ProbeWindow {
  __historyProbe: Probe;
}

const probe = (page: Page): Promise<Probe> =>
  page.evaluate(() => ({ ...(window as unknown as ProbeWindow).__historyProbe }));

async function untilIdle(page: Page): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    // Idle after a finished run: idle alone is also the state before the first one.
    const synced = await page.evaluate(async () => {
      const state = await window.antring.getHistorySyncState();
      return state.ok && state.value.kind === 'idle' && state.value.lastRefreshAt !== undefined;
    });
    if (synced) return;
    if (Date.now() > deadline) throw new Error('the history sync did not settle');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Opens History from the Phone screen; the time from the click to the first row on screen. */
async function timeFirstRows(page: Page): Promise<number> {
  const nav = page.getByRole('navigation');
  await nav.getByRole('button', { name: vi.nav.phone }).click();
  await page.evaluate(() => {
    const p = (window as unknown as ProbeWindow).__historyProbe;
    p.rowsAt = null;
    p.lastTotal = null;
  });
  await nav.getByRole('button', { name: vi.nav.history }).click();
  await page.waitForFunction(() => (window as unknown as ProbeWindow).__historyProbe.rowsAt !== null, undefined, {
    timeout: 60_000,
  });
  const p = await probe(page);
  return (p.rowsAt ?? Number.NaN) - (p.clickAt ?? Number.NaN);
}

/**
 * Runs `act` (a new query) and waits until its first rows are on screen and then until its exact
 * total is; the times from the input stamp `from` to each.
 */
async function timeQuery(
  page: Page,
  from: 'inputAt' | 'clickAt',
  act: () => Promise<void>,
): Promise<{ rowsMs: number; totalMs: number }> {
  const before = await probe(page);
  await act();
  await page.waitForFunction(
    (answers) => (window as unknown as ProbeWindow).__historyProbe.answers > answers,
    before.answers,
    { timeout: 60_000 },
  );
  await page.waitForFunction(
    () => {
      const count = document.querySelector('[data-testid="history-count"]');
      return count !== null && count.getAttribute('data-total') !== '';
    },
    undefined,
    { timeout: 60_000 },
  );
  const p = await probe(page);
  const start = p[from] ?? Number.NaN;
  // The total may not change (a filter toggled off and on): then it came with the rows.
  const totalAt = p.totalAt !== null && p.totalAt > start ? p.totalAt : (p.answeredAt ?? Number.NaN);
  return { rowsMs: (p.answeredAt ?? Number.NaN) - start, totalMs: totalAt - start };
}

/** Frame times while the list scrolls 400 px a frame for `frames` frames. */
async function scrollFrames(page: Page, frames: number): Promise<number[]> {
  return page.evaluate(async (count) => {
    const scroller = document.querySelector('[data-testid="history-scroller"]');
    if (!(scroller instanceof HTMLElement)) throw new Error('no history scroller');
    const deltas: number[] = [];
    let last = performance.now();
    for (let i = 0; i < count; i++) {
      scroller.scrollTop += 400;
      await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      const now = performance.now();
      deltas.push(now - last);
      last = now;
    }
    return deltas;
  }, frames);
}

async function jsHeapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1e6;
}

export interface HistoryScreenResult {
  readonly calls: number;
  readonly firstRowsMs: number[];
  readonly searchMs: number[];
  /** Input → the exact total on screen (it follows the rows; counted on its own thread). */
  readonly searchCountMs: number[];
  readonly filterCountMs: number[];
  readonly filterMs: number[];
  readonly frameMs: number[];
  readonly jsHeapMB: number;
  readonly hostRssMB: number;
  readonly hostHeapMB: number;
}

async function measure(calls: number): Promise<HistoryScreenResult> {
  const cached = await ensureCachedStore(calls);
  const rig = await startScreenPopRig({
    seed: 51,
    sandbox: { calls: 200, days: 30 },
    prepareDataDir: (dataDir, sandbox) => {
      const target = accountStoreFile(dataDir, sandbox.appId, sandbox.domain);
      mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
      copyFileSync(cached.file, target);
      const provisioning = join(dataDir, 'provisioning.json');
      // A year kept: the cached calls span 360 days, so no sync prunes them.
      writeFileSync(provisioning, JSON.stringify({ historyDays: 365 }));
      return { ANTRING_CONFIG: provisioning };
    },
  });
  try {
    const { page } = rig;
    await page.addInitScript({ content: PROBE });
    await page.reload();
    await untilIdle(page);

    const firstRowsMs: number[] = [];
    for (let i = 0; i < REPEATS; i++) firstRowsMs.push(await timeFirstRows(page));

    const search = page.getByLabel(vi.history.search);
    const searchMs: number[] = [];
    const searchCountMs: number[] = [];
    // Numbers in every form, partial runs, names (one matching a tenth of all calls), extensions.
    const terms = ['0901234567', '345678', '+84912', 'Nguyễn', '8001', '0912 3', 'Trần', '8015', '84903', 'Lan'];
    for (const term of terms) {
      const searched = await timeQuery(page, 'inputAt', () => search.fill(term));
      searchMs.push(searched.rowsMs);
      searchCountMs.push(searched.totalMs);
      await timeQuery(page, 'inputAt', () => search.fill(''));
    }

    const inbound = page.getByRole('button', { name: vi.history.direction.inbound, exact: true });
    const filterMs: number[] = [];
    const filterCountMs: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const filtered = await timeQuery(page, 'clickAt', () => inbound.click());
      filterMs.push(filtered.rowsMs);
      filterCountMs.push(filtered.totalMs);
      await timeQuery(page, 'clickAt', () => inbound.click());
    }

    const frameMs = await scrollFrames(page, 240);
    const heap = await jsHeapMB(page);
    const memory = process.memoryUsage();
    return {
      calls,
      firstRowsMs,
      searchMs,
      searchCountMs,
      filterCountMs,
      filterMs,
      frameMs,
      jsHeapMB: heap,
      hostRssMB: memory.rss / 1e6,
      hostHeapMB: memory.heapUsed / 1e6,
    };
  } finally {
    await rig.close();
  }
}

export async function runHistoryScreenBench(
  sizes: readonly number[] = [100_000, 1_000_000],
): Promise<{ results: HistoryScreenResult[]; rows: BenchRow[] }> {
  const results: HistoryScreenResult[] = [];
  for (const calls of sizes) results.push(await measure(calls));
  const rows: BenchRow[] = [];
  for (const r of results) {
    const label = `${r.calls.toLocaleString('en')} calls`;
    const add = (metric: string, value: number, unit: string): void => {
      rows.push({ bench: 'history-screen', metric: `${label}: ${metric}`, value: round(value), unit });
    };
    const pair = (metric: string, values: readonly number[]): void => {
      add(`${metric}, median`, percentile(values, 50), 'ms');
      add(`${metric}, p95`, percentile(values, 95), 'ms');
    };
    pair('open History → first rows', r.firstRowsMs);
    add('open History → first rows, the first open after start', r.firstRowsMs[0] ?? Number.NaN, 'ms');
    pair('search: keystroke → rows (with the 150 ms typing pause)', r.searchMs);
    pair(
      'search: after the typing pause → rows',
      r.searchMs.map((ms) => ms - SEARCH_PAUSE_MS),
    );
    pair(
      'search: after the typing pause → exact total',
      r.searchCountMs.map((ms) => ms - SEARCH_PAUSE_MS),
    );
    pair('filter click → rows', r.filterMs);
    pair('filter click → exact total', r.filterCountMs);
    pair('scroll frame', r.frameMs);
    add('renderer JS heap after scrolling', r.jsHeapMB, 'MB');
    add('host process RSS (web host, sandbox, store threads)', r.hostRssMB, 'MB');
    add('host process JS heap', r.hostHeapMB, 'MB');
  }
  return { results, rows };
}

export async function main(): Promise<void> {
  const result = await runHistoryScreenBench();
  console.table(result.rows.map(({ metric, value, unit }) => ({ metric, value, unit })));
  console.log(`wrote ${await writeBenchResult('history-screen', result)}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
