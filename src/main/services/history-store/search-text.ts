import { normalizeVietnamPhone } from '../../../shared/phone';

/**
 * What the number and name searches match against, one string each, indexed by trigrams
 * (SQLite FTS5): any run of three or more characters finds the row. Values are joined with a
 * separator no search can contain (numbers: a space, names: a newline), so a match never
 * straddles two values.
 */

/** Lower case without diacritics: `Nguyễn Văn Đức` and `nguyen van duc` match each other. */
export function foldText(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Every digit form of a number: as written, local (`0912345678`) and E.164 without `+` (`84912345678`). */
export function digitForms(number: string): string[] {
  const forms = new Set<string>();
  const raw = number.replace(/\D/g, '');
  if (raw !== '') forms.add(raw);
  const phone = normalizeVietnamPhone(number);
  const local = phone.local.replace(/\D/g, '');
  if (local !== '' && /^\+?\d+$/.test(phone.local)) forms.add(local);
  if (phone.e164) forms.add(phone.e164.slice(1));
  return [...forms];
}

export interface SearchSource {
  readonly callerNumber: string;
  readonly calleeNumber: string;
  readonly callerName: string | null;
  readonly calleeName: string | null;
  readonly partyName: string | null;
}

export function searchDigits(source: SearchSource): string {
  const forms = new Set<string>();
  for (const number of [source.callerNumber, source.calleeNumber])
    for (const form of digitForms(number)) forms.add(form);
  return [...forms].join(' ');
}

export function searchNames(source: SearchSource): string {
  const names = new Set<string>();
  for (const value of [
    source.partyName,
    source.callerName,
    source.calleeName,
    source.callerNumber,
    source.calleeNumber,
  ]) {
    // Numbers are found by the digit search; SIP users (`agent8001`) are names people type.
    if (value === null || /^[+\d\s().-]*$/.test(value)) continue;
    const folded = foldText(value);
    if (folded !== '') names.add(folded);
  }
  return [...names].join('\n');
}
