import { z } from 'zod';

/**
 * Fields the dashboard answer carries in the vendor's sample but the API client does not
 * check (it keeps them as unknown, loose objects): read here with zod, leniently. They are
 * undocumented, so a value of an unexpected shape makes that one field unknown instead of
 * failing the whole dashboard.
 */

const numberish = z.union([
  z.number().finite(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** The parts of one `agent.status_details[]` entry beyond what the client checks. */
export const StatusDetailExtrasSchema = z.looseObject({
  /** Gregorian seconds: when the status began. */
  timestamp: lenient(numberish),
  /** Gregorian seconds: when the agent became idle. */
  start_idle_time: lenient(numberish),
  /** Calls waiting for this agent; the entries' shape is not documented, only their number is used. */
  waiting_calls: lenient(z.array(z.unknown())),
});
export type StatusDetailExtras = z.output<typeof StatusDetailExtrasSchema>;

/** One entry of `queue.waiting_call_logs` (the sandbox and Kazoo send queue_id and status). */
export const WaitingCallSchema = z.looseObject({
  queue_id: lenient(z.union([z.string(), z.number().finite().transform(String)])),
  status: lenient(z.string()),
});
export type WaitingCall = z.output<typeof WaitingCallSchema>;

/**
 * Whether a waiting-call log entry is a caller waiting now: entries that say another status
 * (handled, abandoned) are history, everything else counts, since the log is named for them.
 */
export function isWaitingNow(entry: unknown): { waiting: boolean; queueId?: string } {
  const parsed = WaitingCallSchema.safeParse(entry);
  if (!parsed.success) return { waiting: true };
  const status = parsed.data.status?.trim().toLowerCase();
  const waiting = status === undefined || status === '' || status === 'waiting';
  return parsed.data.queue_id === undefined ? { waiting } : { waiting, queueId: parsed.data.queue_id };
}
