import { describe, expect, it } from 'vitest';
import { formatForDisplay, normalizeVietnamPhone, phoneKey, samePhone } from '../../../src/shared/phone';

describe('normalizeVietnamPhone', () => {
  it.each([
    '0912345678',
    '+84912345678',
    '84912345678',
    '0912 345 678',
    '091.234.5678',
    'sip:0912345678@demo.antbuddy.com',
  ])('reads the mobile %s as one number', (raw) => {
    expect(normalizeVietnamPhone(raw)).toEqual({
      e164: '+84912345678',
      national: '0912 345 678',
      local: '0912345678',
      isExtension: false,
    });
  });

  it('reads a Ho Chi Minh City landline', () => {
    expect(normalizeVietnamPhone('028 7301 9555')).toEqual({
      e164: '+842873019555',
      national: '028 7301 9555',
      local: '02873019555',
      isExtension: false,
    });
    expect(normalizeVietnamPhone('+842873019555').national).toBe('028 7301 9555');
  });

  it('keeps short extensions as they are', () => {
    expect(normalizeVietnamPhone('8001')).toEqual({ national: '8001', local: '8001', isExtension: true });
    expect(normalizeVietnamPhone(' 8099 ')).toEqual({ national: '8099', local: '8099', isExtension: true });
  });

  it('does not read a SIP user name as a number', () => {
    const phone = normalizeVietnamPhone('agent8001');
    expect(phone.e164).toBeUndefined();
    expect(phone.local).toBe('agent8001');
    expect(phone.isExtension).toBe(false);
  });

  it('shows foreign numbers in international form', () => {
    expect(normalizeVietnamPhone('+1 650 253 0000')).toEqual({
      e164: '+16502530000',
      national: '+1 650 253 0000',
      local: '+16502530000',
      isExtension: false,
    });
  });

  it('gives nothing for an empty or anonymous caller', () => {
    expect(normalizeVietnamPhone('')).toEqual({ national: '', local: '', isExtension: false });
    expect(normalizeVietnamPhone('anonymous').e164).toBeUndefined();
  });
});

describe('formatForDisplay', () => {
  it('groups Vietnamese numbers the national way', () => {
    expect(formatForDisplay('+84987654321')).toBe('0987 654 321');
    expect(formatForDisplay('02873019555')).toBe('028 7301 9555');
    expect(formatForDisplay('8001')).toBe('8001');
  });
});

describe('samePhone / phoneKey', () => {
  it('matches spellings of one number', () => {
    expect(samePhone('0912345678', '+84 912 345 678')).toBe(true);
    expect(samePhone('84912345678', '0912 345 678')).toBe(true);
    expect(phoneKey('0912 345 678')).toBe(phoneKey('+84912345678'));
  });

  it('tells different numbers apart', () => {
    expect(samePhone('0912345678', '0912345679')).toBe(false);
    expect(samePhone('8001', '+84912345678')).toBe(false);
    expect(samePhone('8001', '8002')).toBe(false);
  });

  it('compares extensions as typed', () => {
    expect(samePhone('8001', ' 8001')).toBe(true);
    expect(samePhone('', '')).toBe(false);
  });
});
