import { pathToFileURL } from 'node:url';
import { percentile, round, writeBenchResult, type BenchRow as GenericBenchRow } from './stats';
import { startSandbox } from '../sandbox/index';
import { createAntBuddyClient } from '../src/main/services/api/client';
import { streamHistory } from '../src/main/services/history/sync';

/**
 * History sync benchmark: a full sync of a long range against the in-process sandbox,
 * several times. Records are streamed and counted, not kept, as the app's sync would hand
 * them to its cache. Memory is sampled for the whole process (sandbox included), so the
 * baseline taken before the first run is reported next to the peaks.
 */

export interface HistorySyncBenchOptions {
  readonly calls?: number;
  readonly days?: number;
  readonly runs?: number;
  readonly concurrency?: number;
  readonly limit?: number;
  /** Sandbox latency per request, to mimic a remote server. */
  readonly latencyMs?: number;
  readonly seed?: number;
}

export type BenchRow = GenericBenchRow<'history-sync'>;

export interface HistorySyncRun {
  readonly run: number;
  readonly records: number;
  readonly requests: number;
  readonly ms: number;
  readonly recordsPerSec: number;
  readonly peakRssMb: number;
  readonly peakHeapUsedMb: number;
}

export interface HistorySyncBenchResult {
  readonly options: Required<HistorySyncBenchOptions>;
  readonly baseline: { readonly rssMb: number; readonly heapUsedMb: number };
  readonly runs: readonly HistorySyncRun[];
  readonly rows: readonly BenchRow[];
}

const MB = 1024 * 1024;

function memorySampler(intervalMs = 10) {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = (): void => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    sample,
    stop(): { rssMb: number; heapUsedMb: number } {
      clearInterval(timer);
      sample();
      return { rssMb: round(peakRss / MB), heapUsedMb: round(peakHeap / MB) };
    },
  };
}

export async function runHistorySyncBench(options: HistorySyncBenchOptions = {}): Promise<HistorySyncBenchResult> {
  const opts: Required<HistorySyncBenchOptions> = {
    calls: options.calls ?? 24_000,
    days: options.days ?? 120,
    runs: options.runs ?? 5,
    concurrency: options.concurrency ?? 3,
    limit: options.limit ?? 100,
    latencyMs: options.latencyMs ?? 0,
    seed: options.seed ?? 42,
  };
  const sandbox = await startSandbox({
    seed: opts.seed,
    calls: opts.calls,
    days: opts.days,
    latencyMs: opts.latencyMs,
  });
  try {
    const client = createAntBuddyClient({
      baseUrl: sandbox.apiUrl,
      appId: sandbox.appId,
      appSecret: sandbox.appSecret,
      domain: sandbox.domain,
      email: sandbox.email,
    });
    const to = new Date();
    const from = new Date(to.getTime() - opts.days * 86_400_000);
    const expected = sandbox.state.history.query(from.getTime(), to.getTime()).length;

    globalThis.gc?.();
    const base = process.memoryUsage();
    const baseline = { rssMb: round(base.rss / MB), heapUsedMb: round(base.heapUsed / MB) };

    const runs: HistorySyncRun[] = [];
    for (let run = 1; run <= opts.runs; run++) {
      sandbox.requestLog.length = 0;
      const memory = memorySampler();
      const started = performance.now();
      let records = 0;
      for await (const batch of streamHistory(client, { from, to, limit: opts.limit, concurrency: opts.concurrency })) {
        if (!batch.ok) throw new Error(`history sync failed: ${batch.error.code}: ${batch.error.message}`);
        records += batch.value.length;
      }
      const ms = performance.now() - started;
      const peak = memory.stop();
      if (records !== expected)
        throw new Error(`history sync returned ${records} records, the sandbox holds ${expected}`);
      runs.push({
        run,
        records,
        requests: sandbox.requestLog.length,
        ms: round(ms),
        recordsPerSec: Math.round((records / ms) * 1000),
        peakRssMb: peak.rssMb,
        peakHeapUsedMb: peak.heapUsedMb,
      });
    }

    const rate = runs.map((r) => r.recordsPerSec);
    const durations = runs.map((r) => r.ms);
    const row = (metric: string, value: number, unit: string): BenchRow => ({
      bench: 'history-sync',
      metric,
      value,
      unit,
    });
    const rows: BenchRow[] = [
      row('records per sync', expected, 'records'),
      row(
        'requests per sync',
        percentile(
          runs.map((r) => r.requests),
          50,
        ),
        'requests',
      ),
      row('throughput median', percentile(rate, 50), 'records/s'),
      // The slow tail: 95 % of runs were at least this fast.
      row('throughput p95 (slow tail)', percentile(rate, 5), 'records/s'),
      row('duration median', percentile(durations, 50), 'ms'),
      row('duration p95', percentile(durations, 95), 'ms'),
      row('baseline RSS', baseline.rssMb, 'MB'),
      row('peak RSS', Math.max(...runs.map((r) => r.peakRssMb)), 'MB'),
      row('baseline heap used', baseline.heapUsedMb, 'MB'),
      row('peak heap used', Math.max(...runs.map((r) => r.peakHeapUsedMb)), 'MB'),
    ];
    return { options: opts, baseline, runs, rows };
  } finally {
    await sandbox.close();
  }
}

function printTable(result: HistorySyncBenchResult): void {
  const o = result.options;
  console.log(
    `history sync: ${o.calls} calls over ${o.days} days, limit ${o.limit}, concurrency ${o.concurrency}, ` +
      `latency ${o.latencyMs} ms, ${o.runs} runs`,
  );
  console.table(result.runs.map((r) => ({ ...r })));
  console.table(result.rows.map(({ metric, value, unit }) => ({ metric, value, unit })));
}

export async function main(): Promise<void> {
  const result = await runHistorySyncBench();
  printTable(result);
  const out = await writeBenchResult('history-sync', result);
  console.log(`wrote ${out}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
