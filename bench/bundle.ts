import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchRow as GenericBenchRow } from './stats';
import buildRendererIfStale from '../test/e2e/web/global-setup';

/**
 * The built renderer's size, raw and gzipped: all of its scripts and styles, and apart from
 * them what the first paint needs (the entry script and every chunk it imports statically,
 * the stylesheets index.html links) against what loads later (the lazy chunks: JsSIP, the
 * History and Dashboard screens…).
 */

export type BenchRow = GenericBenchRow<'bundle'>;

export const RENDERER_DIR = join(import.meta.dirname, '..', 'out', 'renderer');

/** `src`/`href` of index.html's scripts, script preloads and stylesheets, relative to the renderer folder. */
function linkedByIndex(html: string): { scripts: string[]; styles: string[] } {
  const scripts: string[] = [];
  const styles: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const url = /\b(?:src|href)="([^"]+)"/i.exec(tag)?.[1];
    if (!url || /^[a-z]+:|^\/\//i.test(url)) continue;
    const path = posix.normalize(url.replace(/^\.\//, ''));
    // Classic scripts too: the page's first script (early-start) is one.
    if (/^<script\b/i.test(tag)) scripts.push(path);
    else if (/\brel="modulepreload"/i.test(tag) || (/\brel="preload"/i.test(tag) && /\bas="script"/i.test(tag)))
      scripts.push(path);
    else if (/\brel="stylesheet"/i.test(tag)) styles.push(path);
  }
  return { scripts, styles };
}

/**
 * Relative modules a chunk imports statically (`import … from "./x.js"`, `export … from`,
 * `import "./x.js"`); `import("./x.js")` (a lazy chunk) is left out: its opening parenthesis
 * cannot match.
 */
function staticImportsOf(code: string): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(/\b(?:import|export)\s*(?:[^"'();]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
    if (match[1]) found.push(match[1]);
  }
  return found;
}

export interface RendererChunks {
  /** Paths relative to the renderer folder (`assets/index-….js`). */
  readonly initialScripts: readonly string[];
  readonly lazyScripts: readonly string[];
  readonly initialStyles: readonly string[];
  readonly lazyStyles: readonly string[];
}

/** Splits the built renderer's files into what the page loads before it can paint and what it loads later. */
export function rendererChunks(rendererDir = RENDERER_DIR): RendererChunks {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const linked = linkedByIndex(html);
  const initial = new Set<string>();
  const pending = [...linked.scripts];
  while (pending.length > 0) {
    const path = pending.pop() as string;
    if (initial.has(path)) continue;
    initial.add(path);
    const code = readFileSync(join(rendererDir, path), 'utf8');
    for (const specifier of staticImportsOf(code)) pending.push(posix.join(posix.dirname(path), specifier));
  }
  const assets = readdirSync(join(rendererDir, 'assets')).map((name) => `assets/${name}`);
  const styles = new Set(linked.styles);
  return {
    initialScripts: [...initial],
    lazyScripts: assets.filter((path) => path.endsWith('.js') && !initial.has(path)),
    initialStyles: [...styles],
    lazyStyles: assets.filter((path) => path.endsWith('.css') && !styles.has(path)),
  };
}

function sizeOf(rendererDir: string, paths: readonly string[]): { raw: number; gzip: number } {
  return paths
    .map((path) => readFileSync(join(rendererDir, path)))
    .reduce((acc, body) => ({ raw: acc.raw + body.length, gzip: acc.gzip + gzipSync(body).length }), {
      raw: 0,
      gzip: 0,
    });
}

export function measureRendererBundle(): { chunks: RendererChunks; rows: BenchRow[] } {
  buildRendererIfStale();
  const chunks = rendererChunks();
  const kb = (bytes: number): number => Math.round(bytes / 102.4) / 10;
  const rows: BenchRow[] = [];
  const add = (label: string, paths: readonly string[]): void => {
    const { raw, gzip } = sizeOf(RENDERER_DIR, paths);
    rows.push({ bench: 'bundle', metric: label, value: kb(raw), unit: 'KiB' });
    rows.push({ bench: 'bundle', metric: `${label}, gzipped`, value: kb(gzip), unit: 'KiB' });
  };
  add('renderer JavaScript', [...chunks.initialScripts, ...chunks.lazyScripts]);
  add('renderer JavaScript before the first paint', chunks.initialScripts);
  add('renderer JavaScript loaded later (lazy chunks)', chunks.lazyScripts);
  rows.push({ bench: 'bundle', metric: 'renderer lazy chunks', value: chunks.lazyScripts.length, unit: 'files' });
  add('renderer CSS', [...chunks.initialStyles, ...chunks.lazyStyles]);
  add('renderer CSS before the first paint', chunks.initialStyles);
  return { chunks, rows };
}
