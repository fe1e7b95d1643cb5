import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The web host in a process of its own, as the app's main process is: what a rig needs of it. */
export interface HostProcess {
  readonly url: string;
  close(): Promise<void>;
}

const projectRoot = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const READY = /web host ready at (\S+)/;

/**
 * Starts the built web host (`node out/main/webhost.js`, what `npm run web` runs) with `env`
 * added to this process's, and resolves once it prints its address. A bench that measures the
 * app's main loop runs it this way, so that the sandbox and the browser driver, which live in
 * the bench's process, do not share that loop as no AntBuddy server would.
 */
export function startWebHostProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<HostProcess> {
  // BENCH_HOST_NODE_ARGS: Node flags for the host alone, e.g. `--cpu-prof --cpu-prof-dir=DIR` to
  // see what its loop does during a bench (Node refuses --cpu-prof in NODE_OPTIONS).
  const nodeArgs = (process.env['BENCH_HOST_NODE_ARGS'] ?? '').split(' ').filter((arg) => arg !== '');
  const child = spawn(process.execPath, [...nodeArgs, join(projectRoot, 'out', 'main', 'webhost.js')], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  return new Promise<HostProcess>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the web host did not start within ${timeoutMs} ms: ${stderr.trim()}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the web host exited (${String(code)}) before it was ready: ${stderr.trim()}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const ready = READY.exec(stdout);
      if (!ready?.[1]) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: ready[1], close: () => stop(child) });
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
