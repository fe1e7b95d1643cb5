import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { agentsText, dashboardText, queuesText } from '../../../src/cli/commands/company';
import { eventLine } from '../../../src/cli/commands/signals';
import { createCliContext } from '../../../src/cli/context';
import { csvField } from '../../../src/cli/csv';
import { tableLine } from '../../../src/cli/history-output';
import { memoryOutput } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';
import { fit, formatTable, forTerminal } from '../../../src/cli/text-table';
import type { CallRecord } from '../../../src/main/services/api';

/** Any C0 control, DEL or C1 control: what a terminal may act on instead of printing. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const CLEAR = '\u001b[2J';
const TITLE = '\u001b]0;pwned\u0007';

describe('csvField neutralises formulas (OWASP CSV injection)', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+84912345678', "'+84912345678"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    // The quote now leads, so the tab is no longer at an edge: no RFC 4180 quoting needed.
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    [' =1', "' =1"],
  ])('%j → %s', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('leaves other cells and real numbers alone', () => {
    expect(csvField('0912345678')).toBe('0912345678');
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('SUCCESS')).toBe('SUCCESS');
    expect(csvField(-5)).toBe('-5');
    expect(csvField(61)).toBe('61');
    expect(csvField('')).toBe('');
  });
});

describe('text output strips control characters from API strings', () => {
  it('forTerminal', () => {
    expect(forTerminal(`a${CLEAR}b${TITLE}c\u009b31md`)).toBe('a[2Jb]0;pwnedc31md');
    expect(forTerminal('two\nlines\tand\rcr')).toBe('two lines and cr');
    expect(forTerminal('Lê Thị Mai')).toBe('Lê Thị Mai');
  });

  it('formatTable measures and prints the cleaned cells', () => {
    const out = formatTable(['NAME', 'ID'], [[`${CLEAR}Mai`, `1${TITLE}`]]);
    expect(out).not.toMatch(CONTROL);
    expect(out).toBe('NAME    ID\n------  ---------\n[2JMai  1]0;pwned\n');
  });

  it('fit cleans before it measures', () => {
    expect(fit(`${CLEAR}ab`, 6)).toBe('[2Jab ');
  });

  it('history table lines, company tables and signal lines', () => {
    const record: CallRecord = {
      caller: { number: `0912${CLEAR}`, type: 'realnumber', username: TITLE },
      callee: { number: 'agent8001', type: 'user' },
      class: 'trunking',
      did_number: null,
      direction: 'to_ab',
      status_detail: `SUCCESS${CLEAR}`,
      duration_seconds: 1,
      unix_timestamp: 1740787200,
      billing_seconds: 1,
      recording: `rec${TITLE}.wav`,
      queue_stat: [],
    };
    expect(tableLine(record)).not.toMatch(CONTROL);
    expect(queuesText([{ name: `Sales${CLEAR}`, id: `q${TITLE}`, agents: [] }] as never)).not.toMatch(CONTROL);
    expect(
      agentsText([{ username: `u${CLEAR}`, name: TITLE, ext: [`80${CLEAR}`], anttel: { userId: 'x' } }] as never),
    ).not.toMatch(CONTROL);
    expect(
      dashboardText({
        agent: { status_details: [{ agent_id: 'a', username: `u${CLEAR}`, name: TITLE, status: `READY${CLEAR}` }] },
        queue: {},
      } as never),
    ).not.toMatch(CONTROL);
    expect(
      eventLine({
        callId: 'c',
        type: 'ringing',
        direction: 'inbound',
        at: '2025-03-01T00:00:00.000Z',
        from: { number: `0912${CLEAR}`, name: TITLE },
        to: { number: '8001' },
        queue: `q${CLEAR}`,
      } as never),
    ).not.toMatch(CONTROL);
  });
});

describe('antring history with a malicious record', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'antring-cli-malicious-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const RAW_CALL = {
    unix_timestamp: 1740787200,
    caller: { type: 'realnumber', number: '=HYPERLINK("http://evil.example/x","Click")', username: `${CLEAR}an` },
    callee: { number: '+84912345678', type: 'user', username: TITLE },
    class: 'trunking',
    direction: 'to_ab',
    status_detail: `@SUM(1)${CLEAR}`,
    duration_seconds: 61,
    billing_seconds: 50,
    recording: '-2+3',
    queue_stat: [],
    did_number: '\t=1',
  };

  async function run(format: string) {
    const stdout = memoryOutput();
    const stderr = memoryOutput();
    const fakeFetch: typeof fetch = (input) => {
      const page = new URL(String(input)).searchParams.get('page');
      return Promise.resolve(new Response(JSON.stringify({ data: page === '1' ? [RAW_CALL] : [] }), { status: 200 }));
    };
    const ctx = createCliContext({
      io: { stdout, stderr, stderrIsTTY: false },
      env: {
        ANTRING_DATA_DIR: dataDir,
        ANTRING_API_URL: 'http://127.0.0.1:9',
        ANTRING_APP_ID: '1',
        ANTRING_APP_SECRET: 's',
      },
      fetch: fakeFetch,
      osLocale: 'en-US',
    });
    const args = ['history', '--from', '2025-03-01T00:00:00Z', '--to', '2025-03-02T00:00:00Z', '--limit', '1'];
    const code = await runCli(ctx, [...args, '--format', format]);
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }

  it('csv: every cell a spreadsheet would run starts with a quote', async () => {
    const out = await run('csv');
    expect(out.code).toBe(0);
    expect(out.stdout.split('\n')[1]).toBe(
      `2025-03-01T00:00:00.000Z,to_ab,trunking,"'=HYPERLINK(""http://evil.example/x"",""Click"")",'+84912345678,'\t=1,'@SUM(1)${CLEAR},61,50,'-2+3`,
    );
  });

  it('table: no control character reaches the terminal', async () => {
    const out = await run('table');
    expect(out.code).toBe(0);
    expect(out.stdout).not.toMatch(CONTROL);
    expect(out.stdout).toContain('+84912345678 (]0;pwned)');
  });

  it('ndjson: the record exactly as AntBuddy sent it (JSON escapes the controls)', async () => {
    const out = await run('ndjson');
    expect(out.stdout).toBe(`${JSON.stringify(RAW_CALL)}\n`);
    expect(out.stdout).not.toMatch(CONTROL);
  });
});
