import { runHistorySyncBench } from './history-sync';
import { measureRendererBundle } from './bundle';
import { runHistoryScreenBench } from './history-screen';
import { runHistoryStoreBench } from './history-store';
import { runPhoneBench } from './phone';
import { runScreenPopBench } from './screenpop';
import { runStartupBench } from './startup';
import { writeBenchResult, type BenchRow } from './stats';

/**
 * `npm run bench`: every benchmark, one after the other (they share two cores, so never in
 * parallel), one summary table on stdout, and JSON files in bench/results/.
 */
async function main(): Promise<void> {
  const rows: BenchRow[] = [];

  console.log('history sync (≥ 20,000 records from the sandbox)…');
  const history = await runHistorySyncBench();
  await writeBenchResult('history-sync', history);
  rows.push(...history.rows);

  console.log('screen-pop latency (sandbox ring → number on screen in Chromium)…');
  const screenPop = await runScreenPopBench();
  await writeBenchResult('screenpop', screenPop);
  rows.push(...screenPop.rows);

  console.log('phone (start → registered, INVITE → Answer, click-to-call → ringing; each beside a bare JsSIP page)…');
  const phone = await runPhoneBench();
  await writeBenchResult('phone', phone);
  rows.push(...phone.rows);

  console.log('history store (sync rate, screen-pop during a full sync)…');
  const store = await runHistoryStoreBench();
  await writeBenchResult('history-store', store);
  rows.push(...store.rows);

  console.log(
    'History screen with 100,000 and 1,000,000 calls (the 1,000,000-call store is built once into bench/.cache)…',
  );
  const screen = await runHistoryScreenBench();
  await writeBenchResult('history-screen', screen);
  rows.push(...screen.rows);

  console.log('startup (first contentful paint, Phone screen usable; each beside a bare page)…');
  const startup = await runStartupBench();
  await writeBenchResult('startup', startup);
  rows.push(...startup.rows);

  const bundle = measureRendererBundle();
  await writeBenchResult('bundle', bundle);
  rows.push(...bundle.rows);

  console.table(rows.map(({ bench, metric, value, unit }) => ({ bench, metric, value, unit })));
  const out = await writeBenchResult('summary', { rows });
  console.log(`wrote ${out}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
