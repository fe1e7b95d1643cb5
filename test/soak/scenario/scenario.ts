import { z } from 'zod';

/**
 * A soak scenario: one simulated working day (or hour) as data, so a run can be replayed
 * exactly. Times (`at`) are real milliseconds from the start of the day; every simulated hour
 * lasts `hourMs` real ms, so the sandbox's scripted calls run `3_600_000 / hourMs` times faster
 * than life. Calls that ring this agent's phone are real SIP calls and play in real time.
 *
 * - `desk`: calls that involve this agent (the app under test), played one after another as an
 *   agent at a desk would take them: customers direct or through a queue, colleagues, the agent's
 *   own click-to-call callbacks, transfers, a second call while on the first.
 * - `others`: the rest of the call center (other agents' inbound, queue, outbound and internal
 *   calls), scripted by the sandbox: the app hears their signals and stores their history.
 * - `faults`: what goes wrong during the day (signals socket, voice tokens, the API, Kamailio,
 *   the laptop's lid, the network).
 */

export const SCENARIO_VERSION = 1;

/** A seeded agent by SIP user (`agent8001` … `agent8012`: the same in every sandbox seed). */
const agentRef = z.string().regex(/^agent\d{4}$/);
const phone = z.string().regex(/^0\d{9,10}$/);
const realMs = z.number().int().min(0).max(86_400_000);
const callId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** What the agent does when a call rings (real ms from the first ring). */
export const deskPlanSchema = z.discriminatedUnion('do', [
  z.object({
    do: z.literal('answer'),
    afterMs: realMs,
    talkMs: realMs,
    /** Who ends the call: the agent (Hang up) or the caller (the platform hangs up). */
    hangup: z.enum(['agent', 'caller']),
  }),
  z.object({ do: z.literal('decline'), afterMs: realMs }),
  /** Let it ring until the platform gives up (no answer: missed). */
  z.object({ do: z.literal('ignore') }),
  /** The caller gives up while it rings (abandoned). */
  z.object({ do: z.literal('abandon') }),
  /** Answer, talk, then blind-transfer to a colleague's extension. */
  z.object({ do: z.literal('transfer'), afterMs: realMs, talkMs: realMs, to: agentRef }),
]);
export type DeskPlan = z.infer<typeof deskPlanSchema>;

export const deskCallSchema = z.discriminatedUnion('kind', [
  /** A customer calls this agent, directly or through a queue (other agents may ring first or after). */
  z.object({
    kind: z.literal('customer'),
    id: callId,
    at: realMs,
    from: phone,
    callerName: z.string().min(1).max(64).optional(),
    /** Index into the sandbox's DIDs. */
    did: z.number().int().min(0).max(2),
    /** Index into the sandbox's queues; absent: a direct call. */
    queue: z.number().int().min(0).max(2).optional(),
    /** Queue agents whose phones ring (and time out) before this agent's. */
    ringFirst: z
      .array(z.object({ agent: agentRef, ringMs: realMs }))
      .max(3)
      .optional(),
    /** A queue agent rung after this agent does not answer; they answer. */
    ringAfter: agentRef.optional(),
    /** How long this agent's phone rings at most (the platform's CANCEL). */
    ringMs: realMs,
    plan: deskPlanSchema,
  }),
  /** A colleague calls this agent's extension. */
  z.object({
    kind: z.literal('colleague'),
    id: callId,
    at: realMs,
    from: agentRef,
    ringMs: realMs,
    plan: deskPlanSchema,
  }),
  /** The agent dials a customer through click-to-call: the platform rings this phone first. */
  z.object({ kind: z.literal('callback'), id: callId, at: realMs, number: phone, talkMs: realMs }),
  /** A second customer rings while the agent is on the first; the agent takes it, then goes back. */
  z.object({
    kind: z.literal('waiting'),
    id: callId,
    at: realMs,
    first: z.object({ from: phone, afterMs: realMs }),
    second: z.object({ from: phone, startAfterMs: realMs, afterMs: realMs, talkMs: realMs }),
    /** Talk after resuming the first call, before the agent hangs up. */
    resumeTalkMs: realMs,
  }),
]);
export type DeskCall = z.infer<typeof deskCallSchema>;

const callMs = z.number().int().min(0).max(86_400_000);

/** A call elsewhere in the call center, in call time (the sandbox plays it faster). */
export const otherCallSchema = z.object({
  id: callId,
  at: realMs,
  direction: z.enum(['inbound', 'outbound', 'internal']),
  /** inbound: a customer's number; outbound and internal: an agent. */
  from: z.string().min(1).max(16),
  /** inbound direct / internal: an agent; outbound: the number dialled; absent for queue calls. */
  to: z.string().min(1).max(16).optional(),
  did: z.number().int().min(0).max(2).optional(),
  queue: z.number().int().min(0).max(2).optional(),
  ringAgents: z
    .array(z.object({ agent: agentRef, ringMs: callMs }))
    .min(1)
    .max(3)
    .optional(),
  ringMs: callMs,
  talkMs: callMs,
  holdMs: callMs.optional(),
  outcome: z.enum(['answered', 'missed', 'cancelled', 'busy', 'failed']),
  callerName: z.string().min(1).max(64).optional(),
});
export type OtherCall = z.infer<typeof otherCallSchema>;

export const FAULT_KINDS = [
  'signals-drop',
  'signals-restart',
  'signals-freeze',
  'signals-flap',
  'signals-garbage',
  'token-expiry',
  'api-500',
  'api-503',
  'api-hang',
  'api-malformed',
  'kamailio-restart',
  'kamailio-freeze',
  'suspend',
  'network-offline',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Which part of the app a fault hits, so faults in different parts can overlap: the call
 * signals (main process), the SIP phone (renderer), or the whole machine.
 */
export type FaultLane = 'signals' | 'sip' | 'both';

export function laneOf(kind: FaultKind): FaultLane {
  if (kind === 'kamailio-restart' || kind === 'kamailio-freeze') return 'sip';
  if (kind === 'suspend' || kind === 'network-offline') return 'both';
  return 'signals';
}

export const faultSchema = z.object({
  id: z.string().regex(/^f\d{1,4}$/),
  at: realMs,
  kind: z.enum(FAULT_KINDS),
  /** How long the fault lasts (real ms), for faults that last. */
  durationMs: realMs.optional(),
  /**
   * A customer who calls this agent during the gap the fault opens (`afterMs` into it) and gives
   * up after `ringMs`: a call that rang while the app could not listen, to be listed as missed.
   */
  gapCall: z.object({ id: callId, from: phone, afterMs: realMs, ringMs: realMs }).optional(),
  /**
   * A call to this agent that pops before the fault and ends during its gap (the sandbox scripts
   * it, signals only): its CHANNEL_DESTROY never reaches the app, which must still close the pop.
   */
  popCall: z.object({ id: callId, from: phone, ringMs: realMs, talkMs: realMs }).optional(),
});
export type Fault = z.infer<typeof faultSchema>;

export const scenarioSchema = z.object({
  version: z.literal(SCENARIO_VERSION),
  name: z.enum(['day', 'hour']),
  seed: z.number().int().min(0).max(0xffffffff),
  hours: z.number().int().min(1).max(12),
  /** Real ms per simulated hour. */
  hourMs: z.number().int().min(10_000).max(3_600_000),
  /** The simulated clock at `at` = 0 (Vietnam time, hours). */
  startHour: z.number().int().min(0).max(23),
  /** This agent (the app's SIP user). */
  me: agentRef,
  /** The colleague whose desk phone takes transfers. */
  colleague: agentRef,
  desk: z.array(deskCallSchema),
  others: z.array(otherCallSchema),
  faults: z.array(faultSchema),
});
export type Scenario = z.infer<typeof scenarioSchema>;

/** How many times faster than life the scripted calls run. */
export function speedOf(scenario: Pick<Scenario, 'hourMs'>): number {
  return 3_600_000 / scenario.hourMs;
}

/** "09:41" on the simulated clock for a real offset into the day. */
export function simClock(scenario: Pick<Scenario, 'hourMs' | 'startHour'>, atMs: number): string {
  const minutes = Math.floor((atMs / scenario.hourMs) * 60) + scenario.startHour * 60;
  const hh = String(Math.floor(minutes / 60) % 24).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${hh}:${mm}`;
}
