import { describe, expect, it } from 'vitest';
import { parseSearch, ftsPhrase } from '../../../src/main/services/history-store/search-query';
import { digitForms, foldText, searchDigits, searchNames } from '../../../src/main/services/history-store/search-text';
import { csvCell } from '../../../src/main/services/history-store/export-file';

describe('foldText', () => {
  it('drops case and Vietnamese diacritics, đ included, and collapses spaces', () => {
    expect(foldText('  Nguyễn   Văn ĐỨC ')).toBe('nguyen van duc');
    expect(foldText('Trần Thị Lan')).toBe('tran thi lan');
  });
});

describe('digitForms', () => {
  it('gives the written, local and E.164 digits of a Vietnamese number in any spelling', () => {
    for (const spelling of ['0912345678', '+84912345678', '84912345678', '0912 345 678']) {
      expect(digitForms(spelling)).toEqual(expect.arrayContaining(['0912345678', '84912345678']));
    }
  });
  it('gives the digits a SIP user embeds, and nothing for a name', () => {
    expect(digitForms('agent8001')).toEqual(['8001']);
    expect(digitForms('8001')).toEqual(['8001']);
    expect(digitForms('anonymous')).toEqual([]);
  });
});

describe('search text', () => {
  const source = {
    callerNumber: '+84912345678',
    calleeNumber: 'agent8001',
    callerName: 'Trần Thị Lan',
    calleeName: 'nguyenvana',
    partyName: 'Trần Thị Lan',
  };
  it('puts every digit form of both parties in one space-separated string', () => {
    expect(searchDigits(source).split(' ').sort()).toEqual(['0912345678', '8001', '84912345678']);
  });
  it('puts folded names and SIP users on separate lines, numbers left out', () => {
    expect(searchNames(source).split('\n').sort()).toEqual(['agent8001', 'nguyenvana', 'tran thi lan']);
  });
});

describe('parseSearch', () => {
  it('reads phone-like input as digits', () => {
    expect(parseSearch('0912 345 678')).toEqual({ kind: 'number', digits: '0912345678' });
    expect(parseSearch('+84 (912) 345-678')).toEqual({ kind: 'number', digits: '84912345678' });
    expect(parseSearch('8001')).toEqual({ kind: 'number', digits: '8001' });
  });
  it('reads anything else as a folded name, and blank as nothing', () => {
    expect(parseSearch(' Trần  Lan ')).toEqual({ kind: 'text', folded: 'tran lan' });
    expect(parseSearch('agent8001')).toEqual({ kind: 'text', folded: 'agent8001' });
    expect(parseSearch('   ')).toEqual({ kind: 'none' });
    expect(parseSearch('+-()')).toEqual({ kind: 'text', folded: '+-()' });
  });
  it('quotes a phrase for FTS5, doubling quotes inside', () => {
    expect(ftsPhrase('names', 'a "b" c')).toBe('names : "a ""b"" c"');
  });
});

describe('csvCell', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+84912345678')).toBe("'+84912345678");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe('"\'\rcmd"');
    expect(csvCell('  =x')).toBe("'  =x");
  });
  it('quotes commas, quotes and line breaks, and leaves numbers and plain text alone', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('0912345678')).toBe('0912345678');
    expect(csvCell(null)).toBe('');
  });
});
