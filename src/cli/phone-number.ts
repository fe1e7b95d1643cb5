import { normalizeDialNumber as normalizeShared, type DialNumberProblem } from '../shared/dial-number';
import type { AppError } from '../shared/errors';
import { err, ok, type Result } from '../shared/result';
import { usageError } from './usage';

/** The command's own sentences (a usage mistake: exit 2, nothing sent). */
const PROBLEM_MESSAGES: Readonly<Record<DialNumberProblem, readonly [en: string, vi: string]>> = {
  empty: ['The number to call is empty.', 'Số cần gọi đang trống.'],
  characters: [
    'The number to call may contain only digits, an optional leading +, and spaces, dashes, dots or parentheses.',
    'Số cần gọi chỉ được chứa chữ số, dấu + ở đầu, và khoảng trắng, gạch ngang, dấu chấm hoặc ngoặc đơn.',
  ],
  length: ['The number to call has too few or too many digits.', 'Số cần gọi có quá ít hoặc quá nhiều chữ số.'],
};

/**
 * The number to dial, as AntBuddy expects it: digits with an optional leading +. The rule is
 * shared with the app (src/shared/dial-number.ts); only the wording is the command's.
 */
export function normalizeDialNumber(input: string): Result<string, AppError> {
  const normalized = normalizeShared(input);
  if (normalized.ok) return ok(normalized.value);
  const [en, vi] = PROBLEM_MESSAGES[normalized.error];
  return err(usageError(en, vi, 'number'));
}
