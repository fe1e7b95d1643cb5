/** A closed time interval [from, to], both ends included, at millisecond precision. */
export interface TimeWindow {
  readonly from: Date;
  readonly to: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Splits [from, to] into consecutive windows the history endpoint accepts. Both ends of a
 * window are inclusive, so window i+1 starts 1 ms after window i ends: no instant is covered
 * twice or skipped. Each window spans strictly less than `maxDays` (end − start ≤ maxDays·24h − 1 ms),
 * which keeps it inside the vendor's 31-day filter however the server rounds.
 * Throws on invalid dates or a reversed range: callers validate user input before this.
 */
export function splitIntoWindows(from: Date, to: Date, maxDays = 31): TimeWindow[] {
  const start = from.getTime();
  const end = to.getTime();
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RangeError('splitIntoWindows: invalid date');
  if (start > end) throw new RangeError('splitIntoWindows: from is after to');
  if (!(maxDays > 0)) throw new RangeError('splitIntoWindows: maxDays must be positive');
  const maxSpanMs = Math.floor(maxDays * DAY_MS) - 1;
  const windows: TimeWindow[] = [];
  for (let windowStart = start; windowStart <= end;) {
    const windowEnd = Math.min(windowStart + maxSpanMs, end);
    windows.push({ from: new Date(windowStart), to: new Date(windowEnd) });
    windowStart = windowEnd + 1;
  }
  return windows;
}
