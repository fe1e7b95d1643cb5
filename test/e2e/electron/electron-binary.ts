import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary =
  { readonly found: true; readonly path: string } | { readonly found: false; readonly reason: string };

const SKIP_HINT = 'run `npx install-electron` or set ELECTRON_OVERRIDE_DIST_PATH';

/**
 * Finds a runnable Electron the way the electron package does (node_modules/electron/index.js),
 * but without its download-on-first-use, which cannot reach GitHub on build machines:
 * ELECTRON_OVERRIDE_DIST_PATH + the recorded executable name, else dist/ + path.txt.
 */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { found: false, reason: `Electron e2e skipped: the electron package is not installed (${SKIP_HINT})` };
  }
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) return runnable(join(override, executable ?? 'electron'));
  if (!executable) return { found: false, reason: `Electron e2e skipped: no Electron binary (${SKIP_HINT})` };
  return runnable(join(packageDir, 'dist', executable));
}

function runnable(path: string): ElectronBinary {
  try {
    accessSync(path, constants.X_OK);
    return { found: true, path };
  } catch {
    return { found: false, reason: `Electron e2e skipped: no runnable Electron binary at ${path} (${SKIP_HINT})` };
  }
}
