import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { sha256 } from './client';

const root = join(import.meta.dirname, '../../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const run = (args: string[]) =>
  spawn(tsx, ['sandbox/main.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });

describe('sandbox/main.ts', () => {
  it('prints one JSON start line, serves requests, and exits cleanly on SIGTERM', async () => {
    const child = run(['--port', '0', '--seed', '4', '--calls', '50']);
    const exited = once(child, 'exit');
    const lines = createInterface({ input: child.stdout });
    const [first] = (await once(lines, 'line')) as [string];
    const start = JSON.parse(first) as Record<string, string>;
    expect(Object.keys(start)).toEqual(
      expect.arrayContaining(['accountId', 'apiUrl', 'appId', 'appSecret', 'controlUrl', 'domain', 'email']),
    );
    const q = new URLSearchParams({
      appId: start.appId!,
      domain: start.domain!,
      email: start.email!,
      hash: sha256(start.appId! + start.domain! + start.email! + start.appSecret!),
    });
    expect((await fetch(`${start.apiUrl}/oapi/v1/agents?${q}`)).status).toBe(200);
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  });

  it('exits with code 2 and a message on a bad argument', async () => {
    const child = run(['--rate-limit', 'lots']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toContain('--rate-limit must be a whole number');
  });
});
