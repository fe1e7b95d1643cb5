/** Kazoo counts seconds from year 0 (Gregorian); unix = gregorian − this. */
export const GREGORIAN_OFFSET_S = 62_167_219_200;

/** A number, or a string holding one ("31", " 63936806933 "); undefined otherwise. */
export function toFiniteNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') {
    const text = value.trim();
    if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
    const n = Number(text);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/**
 * Epoch milliseconds of a Kazoo timestamp. Event `timestamp`s are Gregorian seconds; some
 * builds send Gregorian microseconds or plain unix seconds, which are told apart by size
 * (each range is centuries away from the others). Undefined when unreadable.
 */
export function platformTimeToMs(value: unknown): number | undefined {
  const n = toFiniteNumber(value);
  if (n === undefined || n <= 0) return undefined;
  if (n >= 1e14) return Math.round((n / 1e6 - GREGORIAN_OFFSET_S) * 1000);
  if (n >= GREGORIAN_OFFSET_S) return Math.round((n - GREGORIAN_OFFSET_S) * 1000);
  if (n >= 1e9 && n < 1e11) return Math.round(n * 1000);
  return undefined;
}

export function gregorianToIso(gregorianSeconds: number): string {
  return new Date((gregorianSeconds - GREGORIAN_OFFSET_S) * 1000).toISOString();
}
