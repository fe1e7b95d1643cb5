import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_DIR, rendererChunks, type RendererChunks } from '../../../bench/bundle';
import buildRendererIfStale from '../../e2e/web/global-setup';

/**
 * The built renderer (out/renderer, rebuilt when older than its sources or its build config):
 * what the page loads before its first paint must not carry the heavy parts, which load
 * afterwards. Each part is recognised by text only it has, and is checked to be in a lazy
 * chunk, so a marker that stopped matching anything fails here instead of passing silently.
 */
const HEAVY_PARTS = [
  // JsSIP's default configuration (lib/Config.js): nothing of ours names this option.
  { name: 'JsSIP', marker: 'no_answer_timeout' },
  // The Dashboard's status chart (features/dashboard/StatusChart.tsx).
  { name: 'the Dashboard and its chart', marker: 'status-chart__bar' },
  // The History screen's virtual list of parties (features/history/GroupsTable.tsx).
  { name: 'the History screen', marker: 'history-groups' },
] as const;

let chunks: RendererChunks;
const read = (path: string): string => readFileSync(join(RENDERER_DIR, path), 'utf8');

beforeAll(() => {
  buildRendererIfStale();
  chunks = rendererChunks();
}, 120_000);

describe('the renderer bundle', () => {
  it('starts from one entry script that index.html loads', () => {
    expect(chunks.initialScripts.length).toBeGreaterThan(0);
    expect(chunks.initialScripts.every((path) => path.startsWith('assets/') && path.endsWith('.js'))).toBe(true);
  });

  it.each(HEAVY_PARTS)('loads $name after the first paint, not before', ({ marker }) => {
    const initial = chunks.initialScripts.filter((path) => read(path).includes(marker));
    const lazy = chunks.lazyScripts.filter((path) => read(path).includes(marker));
    expect(initial).toEqual([]);
    expect(lazy.length).toBeGreaterThan(0);
  });

  it('is minified and ships no source maps', () => {
    const entry = chunks.initialScripts[0] ?? '';
    const code = read(entry);
    // Unminified output keeps its comments and indentation: thousands of lines.
    expect(code.split('\n').length).toBeLessThan(100);
    expect(code).not.toContain('sourceMappingURL');
  });
});
