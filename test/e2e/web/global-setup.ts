import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..', '..');
const builtIndex = join(root, 'out', 'renderer', 'index.html');

/** Newest modification time of any file under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the renderer once when it is missing or older than its sources, so the tests never
 * drive a stale build. The web host itself runs from source, in the test process.
 */
export default function globalSetup(): void {
  const sources = Math.max(
    newestMtime(join(root, 'src', 'renderer')),
    newestMtime(join(root, 'src', 'shared')),
    // How it is built (minified, split into chunks) counts as much as what is built.
    statSync(join(root, 'electron.vite.config.ts')).mtimeMs,
  );
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= sources) return;
  process.stdout.write('e2e: building the renderer (npx electron-vite build)…\n');
  execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
}
