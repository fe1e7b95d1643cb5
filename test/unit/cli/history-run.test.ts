import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCliContext } from '../../../src/cli/context';
import { memoryOutput } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';

const dataDir = mkdtempSync(join(tmpdir(), 'antring-cli-history-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** As a producer might send it: odd field order, a number as a string, fields nobody documented. */
const RAW_CALL = {
  unix_timestamp: 1740787200,
  _id: 'abc',
  caller: { type: 'realnumber', number: '0912345678' },
  callee: { number: 'agent8001', type: 'user', username: 'an' },
  class: 'trunking',
  direction: 'to_ab',
  status_detail: 'SUCCESS',
  duration_seconds: '61',
  billing_seconds: 50,
  recording: 'call_recording_x.wav',
  queue_stat: [],
  did_number: '02873019555',
  vendor_extra: { nested: [1, 2] },
};

function harness(stderrIsTTY: boolean) {
  const stdout = memoryOutput();
  const stderr = memoryOutput();
  const pages: string[] = [];
  const fakeFetch: typeof fetch = (input) => {
    const url = new URL(String(input));
    pages.push(url.searchParams.get('page') ?? '');
    const body = url.searchParams.get('page') === '1' ? { data: [RAW_CALL] } : { data: [] };
    return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
  };
  const ctx = createCliContext({
    io: { stdout, stderr, stderrIsTTY },
    env: {
      ANTRING_DATA_DIR: dataDir,
      ANTRING_API_URL: 'http://127.0.0.1:9',
      ANTRING_APP_ID: '1',
      ANTRING_APP_SECRET: 's',
    },
    fetch: fakeFetch,
    osLocale: 'en-US',
  });
  return { ctx, stdout, stderr, pages };
}

const ARGS = ['history', '--from', '2025-03-01T00:00:00Z', '--to', '2025-03-02T00:00:00Z', '--limit', '1'];

describe('antring history output', () => {
  it('ndjson prints each call exactly as AntBuddy sent it', async () => {
    const h = harness(false);
    expect(await runCli(h.ctx, ARGS)).toBe(0);
    expect(h.stdout.text()).toBe(`${JSON.stringify(RAW_CALL)}\n`);
    expect(h.stderr.text()).toBe('');
  });

  it('csv uses the parsed values', async () => {
    const h = harness(false);
    expect(await runCli(h.ctx, [...ARGS, '--format', 'csv'])).toBe(0);
    expect(h.stdout.text().split('\n')[1]).toBe(
      '2025-03-01T00:00:00.000Z,to_ab,trunking,0912345678,agent8001,02873019555,SUCCESS,61,50,call_recording_x.wav',
    );
  });

  it('shows progress on stderr only when stderr is a terminal', async () => {
    const h = harness(true);
    expect(await runCli(h.ctx, ARGS)).toBe(0);
    expect(h.stderr.text()).toContain('downloading history: 1 calls');
    expect(h.stderr.text().endsWith('1 calls\n')).toBe(true);
    expect(h.stdout.text()).not.toContain('downloading');
  });
});
