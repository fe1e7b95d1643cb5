import { runHistorySyncBench } from './history-sync';
import { runPhoneBench } from './phone';
import { runScreenPopBench } from './screenpop';
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

  console.table(rows.map(({ bench, metric, value, unit }) => ({ bench, metric, value, unit })));
  const out = await writeBenchResult('summary', { rows });
  console.log(`wrote ${out}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
