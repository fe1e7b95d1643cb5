import type { CallRecord } from '../api/types';

/**
 * Identity of a call across pages and windows. The vendor documents no id field, so an id
 * the server happens to send (`_id`, `call_id`) wins; otherwise the fields that together
 * describe one call stand in (two calls matching on all of them are indistinguishable anyway).
 */
export function recordKey(record: CallRecord): string {
  for (const field of ['_id', 'call_id'] as const) {
    const value = record[field];
    if ((typeof value === 'string' && value !== '') || typeof value === 'number') return `${field}:${value}`;
  }
  return JSON.stringify([
    record.unix_timestamp,
    record.caller.number,
    record.callee.number,
    record.direction,
    record.duration_seconds,
  ]);
}
