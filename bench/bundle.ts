import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchRow as GenericBenchRow } from './stats';
import buildRendererIfStale from '../test/e2e/web/global-setup';

/** The built renderer's size (what the app loads at start), raw and gzipped, scripts and styles. */

export type BenchRow = GenericBenchRow<'bundle'>;

export function measureRendererBundle(): { rows: BenchRow[] } {
  buildRendererIfStale();
  const dir = join(import.meta.dirname, '..', 'out', 'renderer', 'assets');
  const sum = (ext: string): { raw: number; gzip: number } =>
    readdirSync(dir)
      .filter((name) => name.endsWith(ext))
      .map((name) => readFileSync(join(dir, name)))
      .reduce((acc, body) => ({ raw: acc.raw + body.length, gzip: acc.gzip + gzipSync(body).length }), {
        raw: 0,
        gzip: 0,
      });
  const js = sum('.js');
  const css = sum('.css');
  const kb = (bytes: number): number => Math.round(bytes / 102.4) / 10;
  const row = (metric: string, value: number): BenchRow => ({ bench: 'bundle', metric, value, unit: 'KiB' });
  return {
    rows: [
      row('renderer JavaScript', kb(js.raw)),
      row('renderer JavaScript, gzipped', kb(js.gzip)),
      row('renderer CSS', kb(css.raw)),
      row('renderer CSS, gzipped', kb(css.gzip)),
    ],
  };
}
