import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCliContext } from '../../../src/cli/context';
import { memoryOutput } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';

const dataDir = mkdtempSync(join(tmpdir(), 'antring-cli-signals-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const ACCOUNT_ENV = {
  ANTRING_API_URL: 'http://127.0.0.1:9',
  ANTRING_APP_ID: '1234',
  ANTRING_APP_SECRET: 'top-secret-value',
  ANTRING_SIGNALS_URL: 'ws://127.0.0.1:9/',
  ANTRING_ACCOUNT_ID: 'acc-1',
};

/** The command stops (as on SIGTERM) once it has asked for its first voice auth token: it got past its settings. */
function harness(env: Record<string, string>) {
  const stdout = memoryOutput();
  const stderr = memoryOutput();
  const requests: string[] = [];
  let stop: (signal: string) => void = () => {};
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  const ctx = createCliContext({
    io: { stdout, stderr, stderrIsTTY: false },
    env: { ANTRING_DATA_DIR: dataDir, ANTRING_LANG: 'en', ...env },
    fetch: (input) => {
      requests.push(new URL(String(input)).pathname);
      stop('SIGTERM');
      return Promise.resolve(new Response('{}', { status: 500 }));
    },
    osLocale: 'en-US',
    waitForStop: () => stopped,
  });
  return { ctx, stdout, stderr, requests };
}

describe('antring signals: the account is enough', () => {
  it('starts without sipUser, says once that missed calls are not reported, and asks only for a token', async () => {
    const h = harness(ACCOUNT_ENV);
    expect(await runCli(h.ctx, ['signals', '--json'])).toBe(0);
    const notes = h.stderr
      .text()
      .split('\n')
      .filter((line) => line.includes('no sipUser'));
    expect(notes).toEqual([
      'antring: signals: no sipUser (ANTRING_SIP_USER): showing every call of the account; calls missed while disconnected are not reported.',
    ]);
    expect(h.requests.length).toBeGreaterThan(0);
    expect(h.requests.every((path) => path.includes('auth'))).toBe(true);
    expect(h.stderr.text()).not.toContain('top-secret-value');
  });

  it('says it in Vietnamese when the language is vi', async () => {
    const h = harness({ ...ACCOUNT_ENV, ANTRING_LANG: 'vi' });
    expect(await runCli(h.ctx, ['signals'])).toBe(0);
    expect(h.stderr.text()).toContain('antring: signals: chưa có sipUser (ANTRING_SIP_USER)');
  });

  it('with sipUser, no such note', async () => {
    const h = harness({ ...ACCOUNT_ENV, ANTRING_SIP_USER: 'agent8001' });
    expect(await runCli(h.ctx, ['signals'])).toBe(0);
    expect(h.stderr.text()).not.toContain('sipUser');
  });

  it('--mine without sipUser is a usage error (exit 2): one sentence, nothing sent', async () => {
    const h = harness(ACCOUNT_ENV);
    expect(await runCli(h.ctx, ['signals', '--mine'])).toBe(2);
    expect(h.stderr.text()).toBe(
      'antring: --mine needs sipUser, the agent whose calls to show: set ANTRING_SIP_USER, put sipUser in the ANTRING_CONFIG file, or save it in the app.\n',
    );
    expect(h.stdout.text()).toBe('');
    expect(h.requests).toEqual([]);
  });

  it('still needs the account: without accountId, exit 2 naming ANTRING_ACCOUNT_ID', async () => {
    const { ANTRING_ACCOUNT_ID: _omitted, ...withoutAccount } = ACCOUNT_ENV;
    const h = harness(withoutAccount);
    expect(await runCli(h.ctx, ['signals'])).toBe(2);
    expect(h.stderr.text()).toMatch(/accountId is not set: set ANTRING_ACCOUNT_ID/);
    expect(h.requests).toEqual([]);
  });
});
