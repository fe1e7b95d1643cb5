import { describe, expect, it } from 'vitest';
import { parseCallArgs } from '../../../src/cli/commands/call';
import { parseCompanyArgs } from '../../../src/cli/commands/company';
import { parseHistoryArgs } from '../../../src/cli/commands/history';
import { parseRecordingArgs } from '../../../src/cli/commands/recording';
import { parseSandboxArgs } from '../../../src/cli/commands/sandbox';
import { parseSignalsArgs } from '../../../src/cli/commands/signals';
import { parseTokenArgs } from '../../../src/cli/commands/token';

const expectUsage = (result: { ok: boolean; error?: { code: string; message: string } }, pattern: RegExp): void => {
  expect(result.ok).toBe(false);
  expect(result.error?.code).toBe('invalid_input');
  expect(result.error?.message).toMatch(pattern);
};

describe('antring token arguments', () => {
  it('accepts nothing or --json', () => {
    expect(parseTokenArgs([])).toEqual({ ok: true, value: { json: false } });
    expect(parseTokenArgs(['--json'])).toEqual({ ok: true, value: { json: true } });
  });
  it('refuses unknown options and positionals', () => {
    expectUsage(parseTokenArgs(['--jsn']), /Unknown option '--jsn'/);
    expectUsage(parseTokenArgs(['extra']), /unexpected argument "extra"/);
  });
});

describe('antring call arguments', () => {
  it.each([
    ['0912 345 678', '0912345678'],
    ['+84 912 345 678', '+84912345678'],
    ['(028) 3822-1234', '02838221234'],
    ['8001', '8001'],
  ])('normalizes %s', (input, number) => {
    expect(parseCallArgs([input])).toEqual({ ok: true, value: { number } });
  });
  it('needs exactly one number', () => {
    expectUsage(parseCallArgs([]), /needs the number to call/);
    expectUsage(parseCallArgs(['0912', '345']), /unexpected argument "345"/);
  });
  it('refuses what is not a number', () => {
    expectUsage(parseCallArgs(['09abc']), /only digits/);
    expectUsage(parseCallArgs(['  ']), /empty/);
  });
});

describe('antring history arguments', () => {
  it('parses dates, limit and format', () => {
    const parsed = parseHistoryArgs([
      '--from',
      '2025-03-01T00:00:00Z',
      '--to',
      '2025-03-02T12:00:00Z',
      '--limit',
      '50',
      '--format',
      'csv',
    ]);
    expect(parsed).toEqual({
      ok: true,
      value: { from: new Date('2025-03-01T00:00:00Z'), to: new Date('2025-03-02T12:00:00Z'), limit: 50, format: 'csv' },
    });
  });
  it('defaults: --to absent (now at run time), limit 100, ndjson', () => {
    const parsed = parseHistoryArgs(['--from=2025-03-01']);
    expect(parsed.ok && parsed.value).toEqual({ from: new Date(2025, 2, 1), limit: 100, format: 'ndjson' });
  });
  it('needs --from', () => {
    expectUsage(parseHistoryArgs([]), /needs --from/);
  });
  it('refuses a limit outside 1..100', () => {
    for (const limit of ['101', '0', '-1', '1.5', 'ten', '']) {
      expectUsage(
        parseHistoryArgs(['--from', '2025-03-01', `--limit=${limit}`]),
        /--limit must be a whole number from 1 to 100/,
      );
    }
  });
  it('refuses bad dates, reversed ranges and unknown formats', () => {
    expectUsage(parseHistoryArgs(['--from', '2025-02-30']), /--from must be a date/);
    expectUsage(parseHistoryArgs(['--from', '2025-03-02', '--to', '2025-03-01']), /--from must not be after --to/);
    expectUsage(parseHistoryArgs(['--from', '2025-03-01', '--format', 'xml']), /--format must be ndjson, csv or table/);
    expectUsage(parseHistoryArgs(['--from']), /argument missing|--from/);
  });
});

describe('antring recording arguments', () => {
  it('takes a media name and an optional --out resolved against the working folder', () => {
    expect(parseRecordingArgs(['call_recording_a.wav'], '/tmp')).toEqual({
      ok: true,
      value: { media: 'call_recording_a.wav' },
    });
    expect(parseRecordingArgs(['x.wav', '--out', 'rec/x.wav'], '/tmp')).toEqual({
      ok: true,
      value: { media: 'x.wav', out: '/tmp/rec/x.wav' },
    });
    expect(parseRecordingArgs(['x.wav', '-o', '/abs/x.wav'], '/tmp')).toEqual({
      ok: true,
      value: { media: 'x.wav', out: '/abs/x.wav' },
    });
  });
  it('refuses a missing or empty media name', () => {
    expectUsage(parseRecordingArgs([], '/tmp'), /needs the recording name/);
    expectUsage(parseRecordingArgs([' '], '/tmp'), /empty/);
    expectUsage(parseRecordingArgs(['x.wav', '--out', ''], '/tmp'), /--out needs a file name/);
  });
});

describe('antring dashboard/queues/agents and signals arguments', () => {
  it('accept --json only', () => {
    for (const name of ['dashboard', 'queues', 'agents']) {
      expect(parseCompanyArgs(name, ['--json'])).toEqual({ ok: true, value: { json: true } });
      expectUsage(parseCompanyArgs(name, ['--table']), /Unknown option '--table'/);
    }
    expect(parseSignalsArgs([])).toEqual({ ok: true, value: { json: false, mine: false } });
    expect(parseSignalsArgs(['--json', '--mine'])).toEqual({ ok: true, value: { json: true, mine: true } });
    expectUsage(parseSignalsArgs(['now']), /unexpected argument/);
  });
});

describe('antring sandbox arguments', () => {
  it('maps flags to sandbox options', () => {
    const parsed = parseSandboxArgs([
      '--port',
      '0',
      '--seed',
      '7',
      '--calls',
      '100',
      '--rate-limit',
      '20',
      '--latency',
      '5',
      '--fail-rate',
      '0.25',
      '--kamailio',
    ]);
    expect(parsed).toEqual({
      ok: true,
      value: { port: 0, seed: 7, calls: 100, rateLimitPerSecond: 20, latencyMs: 5, failRate: 0.25, kamailio: true },
    });
    expect(parseSandboxArgs([])).toEqual({ ok: true, value: { kamailio: false } });
  });
  it('refuses out-of-range values', () => {
    expectUsage(parseSandboxArgs(['--port', '70000']), /--port must be a whole number from 0 to 65535/);
    expectUsage(parseSandboxArgs(['--fail-rate', '1.5']), /--fail-rate must be a number from 0 to 1/);
    expectUsage(parseSandboxArgs(['--rate-limit', '0']), /--rate-limit/);
    expectUsage(parseSandboxArgs(['--history-shape', 'tree']), /--history-shape/);
  });
});
