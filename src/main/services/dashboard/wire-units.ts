/**
 * Every unit the AntBuddy documents leave open, decided here and nowhere else.
 *
 * - Times (`timestamp`, `start_idle_time` of a status detail): Kazoo Gregorian seconds, i.e.
 *   seconds since 0000-01-01; unix = value − 62 167 219 200. The vendor's sample proves it:
 *   `timestamp: 63936806933` sits next to `unix_timestamp: 1769587733`. A value that does not
 *   convert to a plausible date is treated as absent, so `unix_timestamp` (unix seconds) can stand in.
 * - `idle_time`: SECONDS. Not documented. Every other duration in the same answer is in seconds
 *   (`avg_waiting: 6`, `max_waiting: 15`, `avg_talking: 180`, and `wait_time`/`talk_time` in the
 *   history's queue statistics), Kazoo's ACDC counts in seconds, and the sandbox, written from
 *   its own reading of the documents, sends seconds. The sample's `idle_time: 765140` is then
 *   8.9 days (a staging agent left ready for a week); read as milliseconds it would be 12.75
 *   minutes. If a live account proves it is milliseconds, change IDLE_TIME_UNIT only.
 * - Queue durations (`avg_waiting`, `max_waiting`, `avg_talking`): seconds (as above).
 */

/** Kazoo's Gregorian seconds = unix seconds + this. */
export const GREGORIAN_OFFSET_SECONDS = 62_167_219_200;

export type DurationUnit = 'seconds' | 'milliseconds';

/** See the comment above: the one undocumented unit that could plausibly go either way. */
export const IDLE_TIME_UNIT: DurationUnit = 'seconds';

/** `avg_waiting`, `max_waiting`, `avg_talking`: seconds, which the sample's values (6, 15, 180) fit. */
export const QUEUE_DURATION_UNIT: DurationUnit = 'seconds';

/** Between 2000-01-01 and 2200-01-01 in unix seconds: what a status change can plausibly be. */
const PLAUSIBLE_UNIX_SECONDS = { min: 946_684_800, max: 7_258_118_400 } as const;

function plausibleUnixSeconds(value: number): boolean {
  return Number.isFinite(value) && value >= PLAUSIBLE_UNIX_SECONDS.min && value < PLAUSIBLE_UNIX_SECONDS.max;
}

/** Kazoo Gregorian seconds → ISO 8601 (UTC), or null when the value is not a plausible Gregorian time. */
export function gregorianToIso(gregorianSeconds: number): string | null {
  const unix = gregorianSeconds - GREGORIAN_OFFSET_SECONDS;
  return plausibleUnixSeconds(unix) ? new Date(unix * 1000).toISOString() : null;
}

/** Unix seconds → ISO 8601 (UTC), or null when the value is not a plausible time. */
export function unixSecondsToIso(unixSeconds: number): string | null {
  return plausibleUnixSeconds(unixSeconds) ? new Date(unixSeconds * 1000).toISOString() : null;
}

/** A duration on the wire → whole seconds (never negative). */
export function toSeconds(value: number, unit: DurationUnit): number {
  const seconds = unit === 'milliseconds' ? value / 1000 : value;
  return Number.isFinite(seconds) ? Math.max(0, Math.round(seconds)) : 0;
}
