import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../src/shared/errors';
import { csvField, csvRow } from '../../../src/cli/csv';
import { parseDateArg } from '../../../src/cli/dates';
import { EXIT, exitCodeFor } from '../../../src/cli/exit-codes';
import { csvHeader, csvLine } from '../../../src/cli/history-output';
import { normalizeDialNumber } from '../../../src/cli/phone-number';
import { requireSettings } from '../../../src/cli/settings-check';
import { defaultSettings } from '../../../src/shared/settings';
import type { CallRecord } from '../../../src/main/services/api';

describe('exitCodeFor', () => {
  it.each<[ErrorCode, number]>([
    ['invalid_input', 2],
    ['config_invalid', 2],
    ['not_configured', 2],
    ['secret_storage_unavailable', 2],
    ['rejected', 3],
    ['not_registered', 3],
    ['server_error', 4],
    ['rate_limited', 4],
    ['network', 4],
    ['timeout', 4],
    ['malformed_response', 4],
    ['internal', 1],
  ])('%s → %i', (code, exit) => {
    expect(exitCodeFor(code)).toBe(exit);
  });
  it('names the codes scripts rely on', () => {
    expect(EXIT).toEqual({ ok: 0, failure: 1, usage: 2, rejected: 3, unavailable: 4 });
  });
});

describe('CSV quoting', () => {
  it('leaves plain fields alone and quotes the rest', () => {
    expect(csvField('0912345678')).toBe('0912345678');
    expect(csvField(42)).toBe('42');
    expect(csvField(null)).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvRow(['a', 'b,c', null, 3])).toBe('a,"b,c",,3\n');
  });
  it('flattens a call into the main columns', () => {
    const record: CallRecord = {
      caller: { number: '0912345678', type: 'realnumber' },
      callee: { number: 'agent8001', type: 'user', username: 'an, "the boss"' },
      class: 'trunking',
      did_number: '02873019555',
      direction: 'to_ab',
      status_detail: 'SUCCESS',
      duration_seconds: 61,
      unix_timestamp: 1740787200,
      billing_seconds: 50,
      recording: 'call_recording_x.wav',
      queue_stat: [],
    };
    expect(csvHeader()).toBe('time,direction,class,caller,callee,did,status,duration,billing,recording\n');
    expect(csvLine(record)).toBe(
      '2025-03-01T00:00:00.000Z,to_ab,trunking,0912345678,agent8001,02873019555,SUCCESS,61,50,call_recording_x.wav\n',
    );
    expect(csvLine({ ...record, did_number: null, caller: { number: '1,2', type: 'realnumber' } })).toContain(
      ',"1,2",agent8001,,SUCCESS,',
    );
  });
});

describe('parseDateArg', () => {
  it('reads YYYY-MM-DD as local midnight', () => {
    const parsed = parseDateArg('2025-03-01', 'from');
    expect(parsed).toEqual({ ok: true, value: new Date(2025, 2, 1, 0, 0, 0, 0) });
  });
  it('reads ISO 8601 date-times with and without a zone', () => {
    expect(parseDateArg('2025-03-01T08:30:00Z', 'from')).toEqual({
      ok: true,
      value: new Date(Date.UTC(2025, 2, 1, 8, 30)),
    });
    expect(parseDateArg('2025-03-01T08:30:00.250+07:00', 'from')).toEqual({
      ok: true,
      value: new Date(Date.UTC(2025, 2, 1, 1, 30, 0, 250)),
    });
    expect(parseDateArg('2025-03-01T08:30', 'to')).toEqual({ ok: true, value: new Date(2025, 2, 1, 8, 30) });
  });
  it('refuses impossible or foreign forms, naming the option', () => {
    for (const text of ['2025-02-29', '2025-13-01', '2025-03-01T24:00Z', '01/03/2025', 'yesterday', '', '2025-3-1']) {
      const parsed = parseDateArg(text, 'to');
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.message).toMatch(/^--to must be a date/);
    }
    expect(parseDateArg('2024-02-29', 'from').ok).toBe(true);
  });
});

describe('normalizeDialNumber', () => {
  it.each([
    ['0912 345 678', '0912345678'],
    ['+84 912 345 678', '+84912345678'],
    ['091.234.5678', '0912345678'],
    ['(028) 3822-1234', '02838221234'],
    ['8001', '8001'],
    [' 0912345678 ', '0912345678'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeDialNumber(input)).toEqual({ ok: true, value: expected });
  });
  it.each([
    '',
    '..',
    '(.)',
    '+',
    'abc',
    '09-12a',
    '0912+345',
    '++84912',
    '1',
    '+8412',
    '12345678901234567',
    '*97',
    '0912#1',
  ])('refuses %j', (input) => {
    const result = normalizeDialNumber(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'invalid_input', field: 'number' });
  });
});

describe('requireSettings', () => {
  it('names the variable, and never a value', () => {
    const settings = { ...defaultSettings('en-US'), appId: '123', appSecret: '' };
    const result = requireSettings(settings, ['appId', 'appSecret']);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('not_configured');
      expect(result.error.message).toMatch(/appSecret is not set: set ANTRING_APP_SECRET/);
      expect(result.error.message).toMatch(/cannot read secrets the app saved/);
    }
    expect(requireSettings({ ...settings, appSecret: 's3cret' }, ['appId', 'appSecret']).ok).toBe(true);
  });
});
