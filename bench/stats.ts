import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One line of a benchmark's summary table and JSON. */
export interface BenchRow<B extends string = string> {
  readonly bench: B;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Writes `bench/results/<name>.json` and returns its path. */
export async function writeBenchResult(name: string, data: object): Promise<string> {
  const out = join(dirname(fileURLToPath(import.meta.url)), 'results', `${name}.json`);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify({ generatedAt: new Date().toISOString(), ...data }, null, 2)}\n`);
  return out;
}
