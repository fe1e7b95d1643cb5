import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const BUILT_MAIN = join(ROOT, 'out', 'main', 'index.js');
export const BUILT_PRELOAD = join(ROOT, 'out', 'preload', 'index.cjs');
export const BUILT_RENDERER_INDEX = join(ROOT, 'out', 'renderer', 'index.html');

/** Each output the main process needs, with the sources it is built from. */
const OUTPUTS: readonly { readonly file: string; readonly sources: readonly string[] }[] = [
  { file: BUILT_MAIN, sources: ['src/main', 'src/shared', 'package.json', 'electron.vite.config.ts'] },
  { file: BUILT_PRELOAD, sources: ['src/preload', 'src/shared'] },
];

/** Newest modification time of a file, or of any file under a folder (as in test/e2e/web/global-setup.ts). */
function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function isFresh(output: (typeof OUTPUTS)[number]): boolean {
  if (!existsSync(output.file)) return false;
  const built = statSync(output.file).mtimeMs;
  return output.sources.every((source) => newestMtime(join(ROOT, source)) <= built);
}

/**
 * Runs `npx electron-vite build` when out/main/index.js or out/preload/index.cjs is missing or
 * older than its sources, so the test never drives a stale bundle. The renderer only has to
 * exist (its page is served, not run): a renderer mid-edit elsewhere does not block this test.
 */
export function ensureBuiltMain(): void {
  if (OUTPUTS.every(isFresh) && existsSync(BUILT_RENDERER_INDEX)) return;
  const startedAt = Date.now();
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, encoding: 'utf8' });
  // Compared with the build's start, not the sources: other work may touch them meanwhile.
  const stale = OUTPUTS.filter(
    (output) => !existsSync(output.file) || statSync(output.file).mtimeMs < startedAt - 1000,
  );
  if (stale.length > 0 || !existsSync(BUILT_RENDERER_INDEX)) {
    throw new Error(
      `electron-vite build did not produce a fresh main bundle:\n${(build.stderr || build.stdout || '').slice(-2000)}`,
    );
  }
}
