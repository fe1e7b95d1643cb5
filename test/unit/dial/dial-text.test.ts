import { describe, expect, it } from 'vitest';
import { DIAL_TEXT_MAX } from '../../../src/shared/dial';
import { DIAL_TEXT_PROBLEM_TEXT, readDialText } from '../../../src/shared/dial-text';

const DIRECTORY = [
  { name: 'Nguyễn Văn An', username: 'agent8001', extensions: ['8001'] },
  { name: 'Trần Thị Bình', username: 'agent8002', extensions: ['8002', '8102'] },
];

const dialOf = (text: string) => {
  const read = readDialText(text, DIRECTORY);
  return read.ok ? read.value.number.dial : `not dialable: ${read.error}`;
};

describe('reading a dial link', () => {
  it('tel: in RFC 3966 forms: separators, parameters, a global phone-context, percent-encoding, //', () => {
    const read = readDialText('tel:+84-912-345-678;phone-context=example.com;ext=12');
    expect(read).toEqual({
      ok: true,
      value: { number: { dial: '0912345678', display: '0912 345 678', e164: '+84912345678', isExtension: false } },
    });
    expect(dialOf('tel:0912.345.678')).toBe('0912345678');
    expect(dialOf('TEL:(028) 3822-1234')).toBe('02838221234');
    expect(dialOf('tel:912345678;phone-context=+84')).toBe('0912345678');
    expect(dialOf('tel:%2B84912345678')).toBe('0912345678');
    expect(dialOf('tel://0912345678')).toBe('0912345678');
    expect(dialOf('tel:+14155550123')).toBe('+14155550123');
    // An extension under a context stays the extension (not +84 8001).
    expect(dialOf('tel:8001;phone-context=+84')).toBe('8001');
  });

  it('callto: with or without //, and a Skype name is not a number', () => {
    expect(dialOf('callto://+84912345678')).toBe('0912345678');
    expect(dialOf('callto:0912345678?call')).toBe('0912345678');
    expect(dialOf('callto:some.skype.name')).toBe('not dialable: characters');
  });

  it('sip: and sips: dial the user part; a colleague named by user dials their extension, with their name', () => {
    expect(dialOf('sip:0912345678@pbx.example.vn;user=phone')).toBe('0912345678');
    expect(dialOf('sips:+84912345678@pbx.example.vn')).toBe('0912345678');
    expect(dialOf('<sip:+84-912-345-678;postd=pp22@pbx.example.vn>')).toBe('0912345678');
    expect(readDialText('sip:8002@pbx.example.vn', DIRECTORY)).toMatchObject({
      ok: true,
      value: { number: { dial: '8002', isExtension: true }, name: 'Trần Thị Bình' },
    });
    expect(readDialText('sip:AGENT8001@pbx.example.vn', DIRECTORY)).toMatchObject({
      ok: true,
      value: { number: { dial: '8001' }, name: 'Nguyễn Văn An' },
    });
    expect(dialOf('sip:alice@example.com')).toBe('not dialable: characters');
  });

  it('a sip: link with credentials dials the user only, and nothing read back carries the password', () => {
    const withNumber = readDialText('sip:0912345678:hunter2-secret@pbx.example.vn');
    expect(withNumber.ok && withNumber.value.number.dial).toBe('0912345678');
    expect(JSON.stringify(withNumber)).not.toContain('hunter2');
    const notANumber = readDialText('sip:alice:hunter2-secret@pbx.example.vn');
    expect(notANumber).toEqual({ ok: false, error: 'characters' });
  });

  it('junk, empty and overlong links say why and dial nothing', () => {
    expect(readDialText('tel:')).toEqual({ ok: false, error: 'empty' });
    expect(readDialText('tel:;phone-context=x')).toEqual({ ok: false, error: 'empty' });
    expect(readDialText('tel:javascript:alert(1)')).toEqual({ ok: false, error: 'characters' });
    expect(readDialText('tel:../../oapi/v1/call')).toEqual({ ok: false, error: 'characters' });
    expect(readDialText('tel:1')).toEqual({ ok: false, error: 'length' });
    expect(readDialText(`tel:${'9'.repeat(600)}`)).toEqual({ ok: false, error: 'length' });
    expect(readDialText(`tel:${'9'.repeat(DIAL_TEXT_MAX)}`)).toEqual({ ok: false, error: 'length' });
    expect(readDialText('tel:%E0%A4%A')).toEqual({ ok: false, error: 'characters' });
  });
});

describe('reading a selection or the clipboard', () => {
  it('a bare number in any spelling, wrapped in quotes or not', () => {
    expect(dialOf('0912 345 678')).toBe('0912345678');
    expect(dialOf('  "+84 912 345 678"\n')).toBe('0912345678');
    expect(dialOf('84912345678')).toBe('0912345678');
    expect(dialOf('8001')).toBe('8001');
  });

  it('the one number inside a sentence; a date or an order number beside it is not a second number', () => {
    expect(dialOf('Hotline: 0912 345 678 (8-17h)')).toBe('0912345678');
    expect(dialOf('KH: (028) 3822-1234, gọi sau 5h')).toBe('02838221234');
    expect(dialOf('Đơn 12345678, SĐT 0912.345.678')).toBe('0912345678');
  });

  it('several numbers, no number, or nothing at all: refused, never guessed', () => {
    expect(readDialText('0912 345 678 hoặc 0987 654 321')).toEqual({ ok: false, error: 'several' });
    expect(readDialText('0912345678\n0987654321')).toEqual({ ok: false, error: 'several' });
    expect(readDialText('chào anh')).toEqual({ ok: false, error: 'characters' });
    expect(readDialText('   ')).toEqual({ ok: false, error: 'empty' });
    expect(readDialText('x'.repeat(DIAL_TEXT_MAX + 1))).toEqual({ ok: false, error: 'length' });
  });

  it("a colleague's user name dials their extension", () => {
    expect(readDialText('agent8002', DIRECTORY)).toMatchObject({ ok: true, value: { number: { dial: '8002' } } });
  });

  it('every problem is worded for links, selections and typed numbers, in both languages', () => {
    for (const origin of ['link', 'text', 'typed'] as const)
      for (const problem of ['empty', 'characters', 'length', 'several'] as const) {
        const text = DIAL_TEXT_PROBLEM_TEXT[origin][problem];
        expect(text.en.length, `${origin}.${problem}`).toBeGreaterThan(10);
        expect(text.vi.length, `${origin}.${problem}`).toBeGreaterThan(10);
        expect(text.vi).not.toBe(text.en);
      }
  });
});
