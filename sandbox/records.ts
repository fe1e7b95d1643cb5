import { z } from 'zod';

/**
 * The sandbox's own reading of the AntBuddy documents (seed/*.txt): one call-history record,
 * its parties and its queue statistics. `_id` and `call_id` are not documented for the record
 * itself, but real AntBuddy (Mongo + Kazoo) very likely sends them, so the sandbox does too.
 */

export const partySchema = z.union([
  z.object({ number: z.string().min(1), type: z.literal('realnumber') }).strict(),
  z.object({ number: z.string().min(1), type: z.literal('user'), username: z.string().min(1) }).strict(),
]);
export type CallParty = z.infer<typeof partySchema>;

export const queueMissSchema = z
  .object({ agent_id: z.string(), miss_reason: z.string(), miss_timestamp: z.number().int() })
  .strict();

export const queueStatSchema = z
  .object({
    _id: z.string().regex(/^[0-9a-f]{24}$/),
    call_id: z.string().min(1),
    queue_id: z.string().min(1),
    __v: z.number().int(),
    org: z.string(),
    wait_time: z.number().int().nonnegative(),
    caller_id_number: z.string(),
    caller_id_name: z.string(),
    status: z.enum(['waiting', 'handled', 'processed', 'abandoned']),
    entered_timestamp: z.number().int(),
    handled_timestamp: z.number().int().nullable(),
    processed_timestamp: z.number().int().nullable(),
    agent_id: z.string().nullable(),
    username: z.string().nullable(),
    talk_time: z.number().int().nonnegative(),
    hung_up_by: z.enum(['member', 'agent']).nullable(),
    end_call_reason: z.string(),
    misses: z.array(queueMissSchema),
  })
  .strict();
export type QueueStat = z.infer<typeof queueStatSchema>;

export const callStatusSchema = z.enum(['IVR', 'SUCCESS', 'CANCELLED', 'BUSY', 'UNSUCCESS']);
export type CallStatus = z.infer<typeof callStatusSchema>;

export const callRecordSchema = z
  .object({
    _id: z.string().regex(/^[0-9a-f]{24}$/),
    call_id: z.string().min(1),
    caller: partySchema,
    callee: partySchema,
    class: z.enum(['one_one', 'trunking']),
    did_number: z.string().nullable(),
    direction: z.enum(['from_ab', 'to_ab']),
    status_detail: callStatusSchema,
    duration_seconds: z.number().int().nonnegative(),
    unix_timestamp: z.number().int().positive(),
    billing_seconds: z.number().int().nonnegative(),
    recording: z.string(),
    queue_stat: z.array(queueStatSchema),
  })
  .strict()
  .refine((r) => r.billing_seconds <= r.duration_seconds, { message: 'billing_seconds exceeds duration_seconds' })
  .refine((r) => r.status_detail === 'SUCCESS' || r.billing_seconds === 0, {
    message: 'billing_seconds must be 0 unless status_detail is SUCCESS',
  });
export type CallRecord = z.infer<typeof callRecordSchema>;

/** A seeded agent. `sipUser`/`sipPassword` are its SIP device's credentials. */
export interface SandboxAgent {
  readonly id: string;
  readonly username: string;
  readonly name: string;
  readonly extensions: readonly string[];
  readonly sipUser: string;
  readonly sipPassword: string;
}

export interface SandboxQueue {
  readonly id: string;
  readonly name: string;
  readonly agentIds: readonly string[];
}

/** Recording file names the sandbox serves: `call_recording_<id>.wav`. */
export const RECORDING_NAME = /^call_recording_[0-9a-z]+\.wav$/;
