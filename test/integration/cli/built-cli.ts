import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');
export const BUILT_CLI = join(ROOT, 'out/main/cli.js');
export const BIN = join(ROOT, 'bin/antring.js');

/** Sources that end up in out/main/cli.js. */
const SOURCES = ['src/cli', 'src/main/services', 'src/shared', 'sandbox', 'package.json'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function isFresh(): boolean {
  if (!existsSync(BUILT_CLI)) return false;
  const built = statSync(BUILT_CLI).mtimeMs;
  return SOURCES.every((source) => newestMtime(join(ROOT, source)) <= built);
}

/**
 * Builds the app (npm run build = electron-vite build) when out/main/cli.js is missing or
 * older than its sources. Only the main bundle matters here, so a failure elsewhere (renderer)
 * is tolerated as long as a fresh cli.js came out of it.
 */
export function ensureBuiltCli(): void {
  if (isFresh()) return;
  const startedAt = Date.now();
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, encoding: 'utf8' });
  // Compared with the build's start, not the sources: other work may touch them meanwhile.
  if (!existsSync(BUILT_CLI) || statSync(BUILT_CLI).mtimeMs < startedAt - 1000) {
    throw new Error(
      `electron-vite build did not produce a fresh out/main/cli.js:\n${(build.stderr || build.stdout || '').slice(-2000)}`,
    );
  }
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment without any ANTRING_* of the machine running the tests. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('ANTRING_')) env[key] = value;
  return { ...env, ANTRING_LANG: 'en', ...extra };
}

/** Runs `node <script> ...args` as a real child process (asynchronously: the sandbox lives in this process). */
export function runNode(script: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}
