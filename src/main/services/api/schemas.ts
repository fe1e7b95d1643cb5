import { z } from 'zod';
import type { Agent, CallParty, CallRecord, Dashboard, Queue } from './types';

/**
 * Wire schemas. Loose objects keep fields we do not know (the vendor documents its answers
 * only by example); the fields the app relies on are checked strictly, with the few coercions
 * a JSON producer plausibly makes (numbers sent as strings, phone numbers sent as numbers).
 */

const numberish = z.union([
  z.number().finite(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, { message: 'expected a number' })
    .transform(Number),
]);

/** Phone numbers lose leading zeros as numbers, but some producers send them so anyway. */
const stringish = z.union([z.string(), z.number().finite().transform(String)]);

const optionalCount = numberish.optional().default(0);

export const CallPartySchema = z.looseObject({
  number: stringish,
  type: z.string(),
  username: z.string().optional(),
});

/** Kazoo sends null for what has not happened yet (no agent picked up): null is a value here. */
export const QueueStatSchema = z.looseObject({
  call_id: z.string().nullish(),
  queue_id: z.string().nullish(),
  wait_time: numberish.nullish(),
  talk_time: numberish.nullish(),
  status: z.string().nullish(),
  agent_id: z.string().nullish(),
  username: z.string().nullish(),
});

export const CallRecordSchema = z.looseObject({
  caller: CallPartySchema,
  callee: CallPartySchema,
  class: z.string(),
  // Documented as null for internal and outbound calls; some producers omit it instead.
  did_number: z
    .union([stringish, z.null()])
    .optional()
    .transform((v) => v ?? null),
  direction: z.string(),
  status_detail: z.string(),
  duration_seconds: numberish,
  unix_timestamp: numberish,
  billing_seconds: numberish,
  // "Empty if none": accept null or a missing field as the same thing.
  recording: z
    .union([z.string(), z.null()])
    .optional()
    .transform((v) => v ?? ''),
  queue_stat: z
    .union([z.array(QueueStatSchema), z.null()])
    .optional()
    .transform((v) => v ?? []),
});

export const AuthTokenResponseSchema = z.looseObject({
  value: z.string().min(1),
  expire: z.union([z.string().min(1), z.number().finite()]),
});

export const RecordingResponseSchema = z.looseObject({
  media: z.string().url(),
});

/** The vendor prints the agent id as `anttel.userId`: accept it nested or as a flat dotted key. */
export const AgentSchema = z.preprocess(
  (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const record = value as Record<string, unknown>;
    if (record['anttel'] === undefined && record['anttel.userId'] !== undefined) {
      return { ...record, anttel: { userId: record['anttel.userId'] } };
    }
    return value;
  },
  z.looseObject({
    anttel: z.looseObject({ userId: stringish }),
    username: z.string(),
    name: z.string(),
    ext: z.array(stringish).optional().default([]),
  }),
);

const queueIdKeys = ['id', '_id', 'queue_id'] as const;

export const QueueSchema = z
  .looseObject({
    name: z.string(),
    agents: z.array(stringish).optional().default([]),
  })
  .transform((queue) => {
    if (typeof queue['id'] === 'string') return queue;
    for (const key of queueIdKeys) {
      const candidate = queue[key];
      if (typeof candidate === 'string' || typeof candidate === 'number') return { ...queue, id: String(candidate) };
    }
    return queue;
  });

export const AgentStatusDetailSchema = z.looseObject({
  agent_id: z.string(),
  status: z.string(),
  username: z.string().optional(),
  name: z.string().optional(),
  unix_timestamp: numberish.optional(),
  idle_time: numberish.optional(),
});

export const DashboardSchema = z.looseObject({
  agent: z.looseObject({
    ready: optionalCount,
    logged_out: optionalCount,
    wrapup: optionalCount,
    logged_in: optionalCount,
    connected: optionalCount,
    paused: optionalCount,
    status_details: z.array(AgentStatusDetailSchema).optional().default([]),
  }),
  queue: z.looseObject({
    abandoned: optionalCount,
    offered: optionalCount,
    handled: optionalCount,
    avg_waiting: optionalCount,
    max_waiting: optionalCount,
    avg_talking: optionalCount,
    received: optionalCount,
    status_details: z.array(z.unknown()).optional().default([]),
    waiting_call_logs: z.array(z.unknown()).optional().default([]),
  }),
});

// Compile-time proof that what the schemas produce is what the domain types promise.
type Assignable<T extends U, U> = T;
export type SchemaChecks = [
  Assignable<z.output<typeof CallPartySchema>, CallParty>,
  Assignable<z.output<typeof CallRecordSchema>, CallRecord>,
  Assignable<z.output<typeof AgentSchema>, Agent>,
  Assignable<z.output<typeof QueueSchema>, Queue>,
  Assignable<z.output<typeof DashboardSchema>, Dashboard>,
];
