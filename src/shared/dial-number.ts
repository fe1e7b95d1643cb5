import { err, ok, type Result } from './result';

/**
 * The number to dial through AntBuddy's click-to-call, as the platform expects it: ASCII digits
 * with an optional leading +. One rule for every way in (the contract's input, the API client,
 * the `antring call` command, the dial pad), because the number ends up as a segment of a signed
 * URL path: anything else in it (`..`, `/`, `#`, `?`) would change which endpoint is called.
 * Pure: the renderer imports it too.
 */

/** Why a number cannot be dialled; each caller words it in its own place and languages. */
export type DialNumberProblem =
  /** Nothing but spaces and separators (`..`, `(.)`). */
  | 'empty'
  /** A character that is neither a digit, a leading +, nor a separator. */
  | 'characters'
  /** Too few or too many digits, or absurdly long input. */
  | 'length';

/** Characters people put in numbers for readability: spaces, dashes, dots, parentheses. */
const SEPARATORS = /[\s\-.()]/g;
/** More than this is not a pasted phone number; refused before any scanning. */
const MAX_INPUT_CHARS = 64;

/**
 * Accepts what agents type or paste: `0912 345 678`, `+84 912 345 678`, `(028) 3822-1234`, an
 * extension like `8001`. Kept as typed otherwise (no country rewriting): the PBX dials what its
 * dial plan understands.
 */
export function normalizeDialNumber(input: string): Result<string, DialNumberProblem> {
  if (input.length > MAX_INPUT_CHARS) return err('length');
  const compact = input.replace(SEPARATORS, '');
  if (compact === '') return err('empty');
  if (!/^\+?[0-9]+$/.test(compact)) return err(compact === '+' ? 'length' : 'characters');
  const international = compact.startsWith('+');
  const digits = international ? compact.length - 1 : compact.length;
  // Extensions have at least 2 digits; E.164 allows at most 15 (a little slack for trunk prefixes).
  if (international ? digits < 7 || digits > 15 : digits < 2 || digits > 16) return err('length');
  return ok(compact);
}

/** Each problem as a clause in English and Vietnamese (never quoting the input, which may be anything). */
export const DIAL_NUMBER_PROBLEM_TEXT: Readonly<
  Record<DialNumberProblem, { readonly en: string; readonly vi: string }>
> = {
  empty: { en: 'the number to call has no digits', vi: 'số cần gọi không có chữ số nào' },
  characters: {
    en: 'the number to call may contain only digits, an optional leading +, and spaces, dashes, dots or parentheses',
    vi: 'số cần gọi chỉ được chứa chữ số, dấu + ở đầu, và khoảng trắng, gạch ngang, dấu chấm hoặc ngoặc đơn',
  },
  length: { en: 'the number to call has too few or too many digits', vi: 'số cần gọi có quá ít hoặc quá nhiều chữ số' },
};
