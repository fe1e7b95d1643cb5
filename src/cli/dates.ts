import type { AppError } from '../shared/errors';
import { err, ok, type Result } from '../shared/result';
import { usageError } from './usage';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * A --from/--to value. `YYYY-MM-DD` is midnight at the start of that day in the local time
 * zone (what a person means by "from the 1st"); ISO 8601 date-times are taken as written, and
 * without a zone (`2025-03-01T08:30`) they are local time too.
 */
export function parseDateArg(text: string, option: string): Result<Date, AppError> {
  const bad = (): Result<Date, AppError> =>
    err(
      usageError(
        `--${option} must be a date as YYYY-MM-DD (local midnight) or an ISO 8601 date-time such as 2025-03-01T08:30:00Z.`,
        `--${option} phải là ngày dạng YYYY-MM-DD (0 giờ giờ địa phương) hoặc thời điểm ISO 8601 như 2025-03-01T08:30:00Z.`,
        option,
      ),
    );
  const trimmed = text.trim();
  const dateOnly = DATE_ONLY.exec(trimmed);
  if (dateOnly) {
    const [year, month, day] = [Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3])];
    if (!validDay(year, month, day)) return bad();
    const local = new Date(year, month - 1, day);
    local.setFullYear(year); // years 0..99 would otherwise land in the 1900s
    return ok(local);
  }
  const full = DATE_TIME.exec(trimmed);
  if (!full) return bad();
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(full[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!validDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return bad();
  const ms = Date.parse(trimmed.replace(' ', 'T'));
  return Number.isFinite(ms) ? ok(new Date(ms)) : bad();
}
