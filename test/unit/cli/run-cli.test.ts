import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCliContext } from '../../../src/cli/context';
import { memoryOutput } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';

const dataDir = mkdtempSync(join(tmpdir(), 'antring-cli-unit-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function harness(env: Record<string, string> = {}) {
  const stdout = memoryOutput();
  const stderr = memoryOutput();
  const requests: string[] = [];
  const fetchSpy: typeof fetch = (input) => {
    requests.push(String(input));
    return Promise.resolve(new Response('{}', { status: 500 }));
  };
  const ctx = createCliContext({
    io: { stdout, stderr, stderrIsTTY: false },
    env: { ANTRING_DATA_DIR: dataDir, ...env },
    fetch: fetchSpy,
    osLocale: 'en-US',
  });
  return { ctx, stdout, stderr, requests };
}

const API_ENV = {
  ANTRING_API_URL: 'http://127.0.0.1:9',
  ANTRING_APP_ID: '1234',
  ANTRING_APP_SECRET: 'top-secret-value',
};

describe('runCli', () => {
  it('prints the command list for --help and each command help', async () => {
    const h = harness();
    expect(await runCli(h.ctx, ['--help'])).toBe(0);
    for (const name of [
      'token',
      'call',
      'history',
      'recording',
      'dashboard',
      'queues',
      'agents',
      'signals',
      'sandbox',
    ]) {
      expect(h.stdout.text()).toContain(`  ${name}`);
      const one = harness();
      expect(await runCli(one.ctx, [name, '--help'])).toBe(0);
      expect(one.stdout.text()).toMatch(new RegExp(`^Usage: antring ${name}`));
    }
  });

  it('prints the version', async () => {
    const h = harness();
    expect(await runCli(h.ctx, ['--version'])).toBe(0);
    expect(h.stdout.text()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('refuses an unknown command with exit 2 and one sentence', async () => {
    const h = harness();
    expect(await runCli(h.ctx, ['dial'])).toBe(2);
    expect(h.stderr.text()).toBe('antring: Unknown command "dial"; run "antring --help" for the list.\n');
  });

  it('answers in Vietnamese when the configured language is vi', async () => {
    const h = harness({ ANTRING_LANG: 'vi' });
    expect(await runCli(h.ctx, ['history', '--from', '2025-01-01', '--limit', '101'])).toBe(2);
    expect(h.stderr.text()).toBe('antring: --limit phải là số nguyên từ 1 đến 100.\n');
  });

  it('sends nothing for bad arguments or missing settings', async () => {
    const bad = harness(API_ENV);
    expect(await runCli(bad.ctx, ['history', '--from', '2025-01-01', '--limit', '101'])).toBe(2);
    expect(bad.requests).toEqual([]);

    const noSecret = harness({ ANTRING_API_URL: 'http://127.0.0.1:9', ANTRING_APP_ID: '1234' });
    expect(await runCli(noSecret.ctx, ['token'])).toBe(2);
    expect(noSecret.stderr.text()).toMatch(/appSecret is not set: set ANTRING_APP_SECRET/);
    expect(noSecret.requests).toEqual([]);

    const noSip = harness(API_ENV);
    expect(await runCli(noSip.ctx, ['call', '0912 345 678'])).toBe(2);
    expect(noSip.stderr.text()).toMatch(/sipUser is not set/);
    expect(noSip.requests).toEqual([]);

    const noDomain = harness(API_ENV);
    expect(await runCli(noDomain.ctx, ['queues'])).toBe(2);
    expect(noDomain.stderr.text()).toMatch(/companyDomain is not set: set ANTRING_DOMAIN/);
    expect(noDomain.requests).toEqual([]);
  });

  it('maps server failures to exit 4 without echoing the secret', async () => {
    const h = harness(API_ENV);
    expect(await runCli(h.ctx, ['token'])).toBe(4);
    expect(h.requests.length).toBeGreaterThan(1); // retried
    expect(h.stderr.text()).toMatch(/^antring: AntBuddy had a server error on auth_token \(HTTP 500\)\.\n$/);
    expect(h.stderr.text()).not.toContain('top-secret-value');
  });

  it('reports environment problems as warnings', async () => {
    const h = harness({ ...API_ENV, ANTRING_EMAIL: 'not-an-email' });
    await runCli(h.ctx, ['token']);
    expect(h.stderr.text()).toMatch(/^antring: warning: Environment variable ANTRING_EMAIL/);
  });

  it('signals needs its address before connecting', async () => {
    const h = harness(API_ENV);
    expect(await runCli(h.ctx, ['signals'])).toBe(2);
    expect(h.stderr.text()).toMatch(/signalsUrl is not set: set ANTRING_SIGNALS_URL/);
    expect(h.requests).toEqual([]);
  });
});
