import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..', '..');
const entry = join(root, 'src', 'webhost', 'index.ts');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the web host CLI from source (through tsx); `onStdout` may stop it once it is ready. */
function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  onStdout?: (text: string, stop: () => void) => void,
): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
      cwd: root,
      env: { PATH: process.env['PATH'], ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout, () => child.kill('SIGTERM'));
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('web host command line', () => {
  it('rejects a bad --port with one line on stderr and exit code 2', async () => {
    const run = await runCli(['--port', 'eighty'], {});
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--port');
  });

  it.skipIf(!existsSync(join(root, 'out', 'renderer', 'index.html')))(
    'prints exactly one ready line with the token URL, and exits cleanly on SIGTERM',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'antring-cli-'));
      try {
        let stopped = false;
        const run = await runCli([], { ANTRING_DATA_DIR: dataDir }, (text, stop) => {
          if (!stopped && text.includes('\n')) {
            stopped = true;
            stop();
          }
        });
        expect(run.stdout).toMatch(/^web host ready at http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{43}\n$/);
        expect(run.code).toBe(0);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
