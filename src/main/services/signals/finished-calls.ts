import { z } from 'zod';
import type { FinishedCall } from './call-folder';
import { toFiniteNumber } from './time';

/**
 * The history records of a gap read as "these calls have ended": the platform files a record
 * when a call ends, so a call the app still shows as ringing or answered whose record is there
 * lost its destroy in the gap. Records that do not parse are skipped.
 */

const stringish = z.union([z.string(), z.number().finite().transform(String)]);
const seconds = z
  .unknown()
  .transform((v) => toFiniteNumber(v))
  .pipe(z.number().nonnegative().optional())
  .catch(undefined);
const HistoryRecord = z.looseObject({
  call_id: z.string().optional().catch(undefined),
  caller: z.looseObject({ number: stringish }).optional().catch(undefined),
  unix_timestamp: z.unknown(),
  duration_seconds: seconds,
  billing_seconds: seconds,
});

export function finishedCalls(records: readonly unknown[]): FinishedCall[] {
  const out: FinishedCall[] = [];
  for (const raw of records) {
    const parsed = HistoryRecord.safeParse(raw);
    if (!parsed.success) continue;
    const r = parsed.data;
    const unix = toFiniteNumber(r.unix_timestamp);
    if (unix === undefined) continue;
    out.push({
      startMs: unix * 1000,
      ...(r.call_id ? { callId: r.call_id } : {}),
      ...(r.caller ? { fromNumber: r.caller.number } : {}),
      ...(r.duration_seconds !== undefined ? { durationSeconds: r.duration_seconds } : {}),
      ...(r.billing_seconds !== undefined ? { billingSeconds: r.billing_seconds } : {}),
    });
  }
  return out;
}
