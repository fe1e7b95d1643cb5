import { describe, expect, it } from 'vitest';
import { normalizeDialNumber } from '../../../src/shared/dial-number';

describe('normalizeDialNumber (shared by the contract, the API client, the CLI and the dial pad)', () => {
  it.each([
    ['0912 345 678', '0912345678'],
    ['+84 912 345 678', '+84912345678'],
    ['091.234.5678', '0912345678'],
    ['(028) 3822-1234', '02838221234'],
    ['8001', '8001'],
    ['12', '12'],
    [' 0912345678 ', '0912345678'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeDialNumber(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, 'empty' | 'characters' | 'length']>([
    ['', 'empty'],
    ['   ', 'empty'],
    // Separators only: these once became `POST /oapi/v1/call/` after URL normalisation.
    ['..', 'empty'],
    ['(.)', 'empty'],
    ['- ( ) .', 'empty'],
    ['+', 'length'],
    ['1', 'length'],
    ['+8412', 'length'],
    ['12345678901234567', 'length'],
    ['+1234567890123456', 'length'],
    ['abc', 'characters'],
    ['0912+345', 'characters'],
    ['++84912', 'characters'],
    ['*97', 'characters'],
    ['0912#1', 'characters'],
    ['09/12', 'characters'],
    ['0912\u0000345', 'characters'],
  ])('refuses %j (%s)', (input, problem) => {
    expect(normalizeDialNumber(input)).toEqual({ ok: false, error: problem });
  });

  it('refuses absurdly long input without scanning it as a number', () => {
    expect(normalizeDialNumber(`${' '.repeat(100)}0912345678`)).toEqual({ ok: false, error: 'length' });
  });
});
