import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The platform phone in a process of its own: how it starts without wrtc, and how the process ends. */

const root = join(import.meta.dirname, '../../..');
const fixtures = join(import.meta.dirname, 'fixtures');

function run(
  args: string[],
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** A loader hook that makes `@roamhq/wrtc` impossible to resolve, as when it is not installed. */
const HIDE_WRTC = `data:text/javascript,${encodeURIComponent(
  "import { register } from 'node:module';" +
    "register('data:text/javascript,' + encodeURIComponent(`export async function resolve(specifier, context, next) {" +
    " if (specifier === '@roamhq/wrtc') { const error = new Error(\"Cannot find package '@roamhq/wrtc'\");" +
    " error.code = 'ERR_MODULE_NOT_FOUND'; throw error; } return next(specifier, context); }`));",
)}`;

describe('the platform phone’s process', () => {
  it('after a real call and close(), the process ends by itself with its exit code and Kamailio is gone', async () => {
    const result = await run(['--import', 'tsx', join(fixtures, 'call-and-exit.ts')]);
    expect(result.stderr).not.toMatch(/Segmentation|Aborted|core dumped/);
    expect({ code: result.code, signal: result.signal }).toEqual({ code: 7, signal: null });
    const printed = JSON.parse(result.stdout.trim()) as {
      platform: boolean;
      kamailioPid: number;
      bytesReceived: number;
    };
    expect(printed.platform).toBe(true);
    expect(printed.bytesReceived).toBeGreaterThan(0);
    expect(() => process.kill(printed.kamailioPid, 0)).toThrow();
  }, 60_000);

  it('without @roamhq/wrtc the sandbox says so plainly and runs signals-only', async () => {
    const result = await run(['--import', 'tsx', '--import', HIDE_WRTC, join(fixtures, 'without-wrtc.ts')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('sandbox: running without the platform phone (signals only)');
    expect(result.stderr).toContain(
      'the platform phone needs @roamhq/wrtc (a dev dependency); install it with npm install',
    );
    const printed = JSON.parse(result.stdout.trim()) as Record<string, unknown>;
    expect(printed).toMatchObject({
      platform: false,
      problem: expect.stringContaining('@roamhq/wrtc'),
      control: { running: false, reason: expect.stringContaining('npm install') },
      sipWsUrl: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+$/),
    });
  }, 60_000);
});
