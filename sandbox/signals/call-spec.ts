import { z } from 'zod';

/** What a test or demo asks the simulator to play out. */

export const CALL_OUTCOMES = ['answered', 'missed', 'cancelled', 'busy', 'failed'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

const outcomeSchema = z
  .enum(['answered', 'missed', 'no-answer', 'no_answer', 'cancelled', 'busy', 'failed'])
  .transform((value): CallOutcome => (value === 'no-answer' || value === 'no_answer' ? 'missed' : value));

const ms = z.number().int().nonnegative().max(86_400_000);

/** One agent a queue rings: a reference (id, username, SIP user or extension), with its own ring time if wanted. */
const ringAgentSchema = z
  .union([z.string().min(1).max(64), z.object({ agent: z.string().min(1).max(64), ringMs: ms.optional() }).strict()])
  .transform((value): RingAgent => (typeof value === 'string' ? { agent: value } : value));

export interface RingAgent {
  readonly agent: string;
  /** How long this agent's phone rings (call time); default the call's ringMs. */
  readonly ringMs?: number | undefined;
}

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
    /**
     * inbound queue calls (needs `queue`, excludes `to`): the agents the queue rings one after
     * another, each on a new B leg. Every agent but the last times out (NO_ANSWER); the last
     * answers, times out too (`missed`) or is still ringing when the caller hangs up (`cancelled`).
     */
    ringAgents: z.array(ringAgentSchema).min(1).max(20).optional(),
    /** How long the callee's phone rings; with ringAgents, each agent's default. */
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
