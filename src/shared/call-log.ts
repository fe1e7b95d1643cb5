import { z } from 'zod';

/**
 * One call of the in-app phone as the local call log keeps it: when, with whom, how it ended,
 * and how it sounded (averages and worst of the live quality samples taken every 2 s).
 * Shared by the renderer (which sends it when a call ends), the contract and the main service.
 */

const epochMs = z.number().int().nonnegative().max(8.64e15);
const measure = z.number().finite().nonnegative().max(1e6).nullable();

export const CALL_LOG_DIRECTIONS = ['inbound', 'outbound'] as const;

/** How the call ended, in the phone's own words (phone-state.ts CallEndReason). */
export const CALL_LOG_END_REASONS = [
  'local-hangup',
  'remote-hangup',
  'declined',
  'canceled',
  'refused',
  'no-microphone',
  'transferred',
  'connection-lost',
  'failed',
] as const;
export type CallLogEndReason = (typeof CALL_LOG_END_REASONS)[number];

export const CallQualitySummarySchema = z
  .object({
    /** Quality samples taken; 0 for a call that never carried audio (all values null then). */
    samples: z.number().int().nonnegative().max(1e7),
    avgJitterMs: measure,
    avgLossPct: measure,
    avgRttMs: measure,
    avgMos: measure,
    worstMos: measure,
    worstLossPct: measure,
  })
  .strict();
export type CallQualitySummary = z.infer<typeof CallQualitySummarySchema>;

export const CallSummarySchema = z
  .object({
    /** The SIP Call-ID (or JsSIP's session id when the Call-ID is unknown). */
    sipCallId: z.string().min(1).max(256),
    direction: z.enum(CALL_LOG_DIRECTIONS),
    /** The other side: a phone number or an extension, as SIP carried it. */
    number: z.string().max(256),
    startedAt: epochMs,
    answeredAt: epochMs.optional(),
    endedAt: epochMs,
    endReason: z.enum(CALL_LOG_END_REASONS),
    quality: CallQualitySummarySchema,
  })
  .strict()
  .refine((call) => call.endedAt >= call.startedAt, { message: 'endedAt must not be before startedAt' });
export type CallSummary = z.infer<typeof CallSummarySchema>;

export const CALL_LOG_MAX_LIMIT = 500;

export const CallLogQuerySchema = z
  .object({ limit: z.number().int().min(1).max(CALL_LOG_MAX_LIMIT).optional() })
  .strict()
  .optional();
