import type { AppError } from '../shared/errors';
import { err, ok, type Result } from '../shared/result';
import { usageError } from './usage';

/** Characters people put in numbers for readability: spaces, dashes, dots, parentheses. */
const SEPARATORS = /[\s\-.()]/g;

/**
 * The number to dial, as AntBuddy expects it: digits with an optional leading +.
 * Accepts what agents paste: `0912 345 678`, `+84 912 345 678`, `(028) 3822-1234`, an
 * extension like `8001`. The number is otherwise kept as typed (no country rewriting):
 * the PBX dials what its dial plan understands.
 */
export function normalizeDialNumber(input: string): Result<string, AppError> {
  const compact = input.trim().replace(SEPARATORS, '');
  if (compact === '') {
    return err(usageError('The number to call is empty.', 'Số cần gọi đang trống.', 'number'));
  }
  if (!/^\+?\d+$/.test(compact)) {
    return err(
      usageError(
        'The number to call may contain only digits, an optional leading +, and spaces, dashes, dots or parentheses.',
        'Số cần gọi chỉ được chứa chữ số, dấu + ở đầu, và khoảng trắng, gạch ngang, dấu chấm hoặc ngoặc đơn.',
        'number',
      ),
    );
  }
  const digits = compact.startsWith('+') ? compact.length - 1 : compact.length;
  // Extensions have at least 2 digits; E.164 allows at most 15 (a little slack for trunk prefixes).
  if (compact.startsWith('+') ? digits < 7 || digits > 15 : digits < 2 || digits > 16) {
    return err(
      usageError(
        'The number to call has too few or too many digits.',
        'Số cần gọi có quá ít hoặc quá nhiều chữ số.',
        'number',
      ),
    );
  }
  return ok(compact);
}
