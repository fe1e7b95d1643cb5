import { z } from 'zod';

/** What a test or demo asks the simulator to play out. */

export const CALL_OUTCOMES = ['answered', 'missed', 'cancelled', 'busy', 'failed'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

const outcomeSchema = z
  .enum(['answered', 'missed', 'no-answer', 'no_answer', 'cancelled', 'busy', 'failed'])
  .transform((value): CallOutcome => (value === 'no-answer' || value === 'no_answer' ? 'missed' : value));

const ms = z.number().int().nonnegative().max(86_400_000);

export const callSpecSchema = z
  .object({
    direction: z.enum(['inbound', 'outbound', 'internal']),
    /** inbound: the customer's number; outbound/internal: an agent (id, username, SIP user or extension). */
    from: z.string().min(1).max(64),
    /** inbound: the agent who answers (default: the queue's first agent); outbound: the number dialled; internal: the agent called. */
    to: z.string().min(1).max(64).optional(),
    /** inbound: the company DID dialled (default: the first DID). */
    did: z.string().min(1).max(32).optional(),
    /** inbound: queue id or name. */
    queue: z.string().min(1).max(64).optional(),
    ringMs: ms.optional(),
    talkMs: ms.optional(),
    /** One hold period in the middle of the talk, by the agent. */
    holdMs: ms.optional(),
    outcome: outcomeSchema.optional(),
    callerName: z.string().min(1).max(64).optional(),
    /** Who ends an answered call; default: fixed per call id. */
    hangupBy: z.enum(['caller', 'callee']).optional(),
    /** Leg A's call id (default: a new UUID), so a test can bind `call.*.<id>` before the call starts. */
    callId: z
      .string()
      .regex(/^[A-Za-z0-9_@-]{1,128}$/, 'letters, digits, -, _ and @ only')
      .optional(),
    /** Real time = call time × timeScale (overrides the simulator's). */
    timeScale: z.number().positive().max(1000).optional(),
  })
  .strict();

export type CallSpecInput = z.input<typeof callSpecSchema>;
export type CallSpec = z.output<typeof callSpecSchema>;
