import { createHash, randomUUID } from 'node:crypto';
import type { CallRecord, SandboxAgent, SandboxQueue, SandboxState } from '../state';
import { generateCompany } from '../company';
import type { CallEventName } from './bindings';
import { callSpecSchema, type CallOutcome, type CallSpec, type CallSpecInput } from './call-spec';
import { CARRIER_IP, channelEvent, numberStyleFor, type Hangup, type Leg, type NumberStyle } from './events';
import { historyRecord, type Party, type QueueMiss } from './history-record';
import type { CallSignal } from './server';

/**
 * Plays out calls as the switch would signal them, leg by leg, then appends the call's
 * AntBuddy history record (call_id = leg A's call id). Times are "call time": the events'
 * timestamps and durations follow the spec, while real timers run at call time × timeScale.
 */

export interface CallSimulatorOptions {
  readonly state: SandboxState;
  readonly publish: (signal: CallSignal) => void;
  /** Real ms per call-time ms (default 1). */
  readonly timeScale?: number;
  /** Give answered calls a recording (default true). */
  readonly recordings?: boolean;
  readonly defaultRingMs?: number;
  readonly defaultTalkMs?: number;
}

export interface LegInfo {
  readonly callId: string;
  readonly role: 'caller' | 'callee';
  readonly callDirection: 'inbound' | 'outbound';
  readonly otherLegCallId: string;
  /** The agent whose device this leg is, if any (`custom_channel_vars.owner_id`). */
  readonly ownerId: string | null;
}

export type CallEnd = { readonly status: 'completed'; readonly record: CallRecord } | { readonly status: 'aborted' };

export interface CallHandle {
  /** Leg A's call id: also the history record's `call_id`. */
  readonly callId: string;
  readonly legs: readonly LegInfo[];
  readonly ended: Promise<CallEnd>;
}

export type CallPhase = 'ringing' | 'answered' | 'on_hold' | 'ended';

export interface ActiveCall {
  readonly callId: string;
  readonly direction: CallSpec['direction'];
  readonly from: string;
  readonly to: string;
  readonly outcome: CallOutcome;
  readonly legs: readonly LegInfo[];
  readonly phase: CallPhase;
  /** Sandbox-clock unix ms. */
  readonly startedAtMs: number;
}

export class CallSpecError extends Error {
  override readonly name = 'CallSpecError';
}

export type StartResult =
  { readonly ok: true; readonly call: CallHandle } | { readonly ok: false; readonly message: string };

interface Step {
  /** Call-time ms from the start of the call. */
  readonly at: number;
  readonly run: () => void;
}

interface Running {
  readonly info: Omit<ActiveCall, 'phase'>;
  phase: CallPhase;
  timer: NodeJS.Timeout | undefined;
  abort: () => void;
}

const DEFAULT_RING_MS = 6_000;
const DEFAULT_TALK_MS = 45_000;
/** A busy or failed leg ends this soon after it is created (call time). */
const QUICK_FAILURE_MS = 800;

export class CallSimulator {
  private readonly running = new Map<string, Running>();
  private readonly orgId: string;
  private readonly timeScale: number;
  private closed = false;

  constructor(private readonly options: CallSimulatorOptions) {
    this.timeScale = options.timeScale ?? 1;
    // The state does not expose the organisation id that queue statistics carry; the
    // company is a pure function of the seed, so derive it the same way.
    this.orgId = generateCompany(options.state.seed).orgId;
  }

  get active(): readonly ActiveCall[] {
    return [...this.running.values()].map((r) => ({ ...r.info, phase: r.phase }));
  }

  /** Starts a call; a bad spec (unknown agent, missing field...) throws CallSpecError. */
  startCall(input: CallSpecInput): CallHandle {
    const result = this.tryStartCall(input);
    if (!result.ok) throw new CallSpecError(result.message);
    return result.call;
  }

  /** Like startCall for untrusted input (e.g. an HTTP body): parsed with zod, never throws. */
  tryStartCall(input: unknown): StartResult {
    if (this.closed) return { ok: false, message: 'The call simulator is closed' };
    const parsed = callSpecSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
      return { ok: false, message: `Invalid call${where}: ${issue?.message ?? 'unknown problem'}` };
    }
    const resolved = this.resolve(parsed.data);
    if (!resolved.ok) return resolved;
    const wanted = parsed.data.callId;
    if (wanted !== undefined && (this.running.has(wanted) || this.options.state.history.findByCallId(wanted))) {
      return { ok: false, message: `Call id already used: ${wanted}` };
    }
    return { ok: true, call: this.play(parsed.data, resolved.parties) };
  }

  /** Stops one running call where it is (no more events, no history record). */
  abort(callId: string): boolean {
    const call = this.running.get(callId);
    call?.abort();
    return call !== undefined;
  }

  /** Stops every running call (no more events, no history); their `ended` resolve as aborted. */
  close(): void {
    this.closed = true;
    for (const call of [...this.running.values()]) call.abort();
  }

  private findAgent(ref: string): SandboxAgent | undefined {
    const { agents } = this.options.state;
    return agents.find((a) => a.id === ref || a.username === ref || a.sipUser === ref || a.extensions.includes(ref));
  }

  private findQueue(ref: string): SandboxQueue | undefined {
    return this.options.state.queues.find((q) => q.id === ref || q.name === ref);
  }

  private resolve(spec: CallSpec): { ok: true; parties: Parties } | { ok: false; message: string } {
    const { state } = this.options;
    const queue = spec.queue === undefined ? undefined : this.findQueue(spec.queue);
    if (spec.queue !== undefined && !queue) return { ok: false, message: `Unknown queue: ${spec.queue}` };
    if (queue && spec.direction !== 'inbound') return { ok: false, message: 'Only inbound calls go through a queue' };
    if (spec.ringAgents !== undefined) {
      if (spec.direction !== 'inbound') return { ok: false, message: 'Only inbound queue calls ring agents in turn' };
      if (!queue) return { ok: false, message: '"ringAgents" needs "queue": the queue rings the agents in turn' };
      if (spec.to !== undefined) return { ok: false, message: 'Give "to" or "ringAgents", not both' };
      const outcome = spec.outcome ?? 'answered';
      if (outcome === 'busy' || outcome === 'failed')
        return { ok: false, message: '"ringAgents" plays answered, missed or cancelled calls' };
    }

    if (spec.direction === 'inbound') {
      if (this.findAgent(spec.from))
        return {
          ok: false,
          message: 'An inbound call comes from an outside number; use direction "internal" between agents',
        };
      const attempts: Attempt[] = [];
      if (spec.ringAgents !== undefined) {
        for (const ringAgent of spec.ringAgents) {
          const rung = this.findAgent(ringAgent.agent);
          if (!rung) return { ok: false, message: `Unknown agent: ${ringAgent.agent}` };
          attempts.push({ agent: rung, ringMs: ringAgent.ringMs });
        }
      } else {
        const firstMember = queue?.agentIds[0];
        const agent =
          spec.to !== undefined
            ? this.findAgent(spec.to)
            : firstMember !== undefined
              ? state.agentById(firstMember)
              : undefined;
        if (!agent)
          return {
            ok: false,
            message:
              spec.to === undefined ? 'An inbound call needs "to" (an agent) or "queue"' : `Unknown agent: ${spec.to}`,
          };
        attempts.push({ agent, ringMs: undefined });
      }
      const last = attempts.at(-1);
      if (!last) return { ok: false, message: 'An inbound call needs an agent to ring' };
      const did = spec.did ?? state.dids[0];
      if (did === undefined) return { ok: false, message: 'The sandbox has no DID' };
      return {
        ok: true,
        parties: {
          caller: { kind: 'number', number: spec.from, name: spec.callerName ?? spec.from },
          // The history names the agent the call ended with: who answered, or the last one rung.
          callee: { kind: 'agent', agent: last.agent },
          did,
          queue,
          attempts,
        },
      };
    }
    const caller = this.findAgent(spec.from);
    if (!caller) return { ok: false, message: `Unknown agent: ${spec.from}` };
    if (spec.to === undefined) return { ok: false, message: `A ${spec.direction} call needs "to"` };
    if (spec.direction === 'internal') {
      const callee = this.findAgent(spec.to);
      if (!callee) return { ok: false, message: `Unknown agent: ${spec.to}` };
      if (callee.id === caller.id) return { ok: false, message: 'An agent cannot call themselves' };
      return {
        ok: true,
        parties: {
          caller: { kind: 'agent', agent: caller },
          callee: { kind: 'agent', agent: callee },
          did: null,
          queue: undefined,
          attempts: [],
        },
      };
    }
    if (this.findAgent(spec.to)) return { ok: false, message: `${spec.to} is an agent: use direction "internal"` };
    return {
      ok: true,
      parties: {
        caller: { kind: 'agent', agent: caller },
        callee: { kind: 'number', number: spec.to, name: spec.to },
        did: null,
        queue: undefined,
        attempts: [],
      },
    };
  }

  private play(spec: CallSpec, parties: Parties): CallHandle {
    const { state, publish } = this.options;
    const startMs = state.now();
    const defaultRing = spec.ringMs ?? this.options.defaultRingMs ?? DEFAULT_RING_MS;
    const talk = spec.talkMs ?? this.options.defaultTalkMs ?? DEFAULT_TALK_MS;
    const hold = spec.holdMs ?? 0;
    const outcome = spec.outcome ?? 'answered';
    const timeScale = spec.timeScale ?? this.timeScale;
    const { a, tried, b } = buildLegs(state, spec.direction, parties, spec.callId ?? newCallId());
    const style: NumberStyle = numberStyleFor(a.callId);
    const hangupBy =
      spec.hangupBy ?? ((Number.parseInt(a.callId.slice(2, 4), 16) || 0) % 2 === 0 ? 'caller' : 'callee');
    const agentLeg = spec.direction === 'inbound' ? b : a;
    const queued = parties.queue !== undefined;
    const at = (offset: number): number => startMs + offset;

    const emit = (leg: Leg, name: CallEventName, offset: number, hangup?: Hangup): void => {
      publish(
        channelEvent(hangup ? { leg, name, atMs: at(offset), style, hangup } : { leg, name, atMs: at(offset), style }),
      );
    };
    const create = (leg: Leg, offset: number): void => {
      leg.createdAtMs = at(offset);
      emit(leg, 'CHANNEL_CREATE', offset);
    };
    const answer = (leg: Leg, offset: number): void => {
      leg.answeredAtMs = at(offset);
      emit(leg, 'CHANNEL_ANSWER', offset);
    };
    const destroy = (leg: Leg, offset: number, cause: string, code: string): void => {
      emit(leg, 'CHANNEL_DESTROY', offset, { cause, code, atMs: at(offset) });
    };

    let endOffset = 0;
    const steps: Step[] = [
      { at: 0, run: () => create(a, 0) },
      // ACDc answers the caller itself (hold music) before it rings an agent.
      ...(queued ? [{ at: 0, run: () => answer(a, 0) }] : []),
    ];
    // A queue ringing agents in turn: each agent but the last gets a B leg that times out.
    const ringOf = (index: number): number => parties.attempts[index]?.ringMs ?? defaultRing;
    const misses: QueueMiss[] = [];
    let lastStart = 0;
    tried.forEach((triedLeg, index) => {
      const start = lastStart;
      const end = start + ringOf(index);
      const agent = parties.attempts[index]?.agent;
      if (agent) misses.push({ agent, atMs: at(end) });
      steps.push(
        {
          at: start,
          run: () => {
            a.otherLegCallId = triedLeg.callId;
            create(triedLeg, start);
          },
        },
        { at: end, run: () => destroy(triedLeg, end, 'NO_ANSWER', 'sip:480') },
      );
      lastStart = end;
    });
    const bStart = lastStart;
    steps.push({
      at: bStart,
      run: () => {
        a.otherLegCallId = b.callId;
        create(b, bStart);
      },
    });
    /** Call time at which the last B leg is answered or given up. */
    const ring = bStart + ringOf(tried.length);
    const lastAgent = parties.attempts[tried.length]?.agent;
    if (outcome === 'missed' && lastAgent) misses.push({ agent: lastAgent, atMs: at(ring) });
    if (outcome === 'answered') {
      const half = Math.floor(talk / 2);
      endOffset = ring + talk + hold;
      steps.push(
        {
          at: ring,
          run: () => {
            answer(b, ring);
            if (a.answeredAtMs === undefined) answer(a, ring);
            emit(a, 'CHANNEL_BRIDGE', ring);
            runningCall.phase = 'answered';
          },
        },
        ...(hold > 0
          ? [
              {
                at: ring + half,
                run: () => {
                  emit(agentLeg, 'CHANNEL_HOLD', ring + half);
                  runningCall.phase = 'on_hold';
                },
              },
              {
                at: ring + half + hold,
                run: () => {
                  emit(agentLeg, 'CHANNEL_UNHOLD', ring + half + hold);
                  runningCall.phase = 'answered';
                },
              },
            ]
          : []),
        {
          at: endOffset,
          run: () => {
            const [first, second] = hangupBy === 'caller' ? [a, b] : [b, a];
            destroy(first, endOffset, 'NORMAL_CLEARING', 'sip:200');
            destroy(second, endOffset, 'NORMAL_CLEARING', 'sip:200');
          },
        },
      );
    } else if (outcome === 'missed') {
      endOffset = ring;
      steps.push({
        at: ring,
        run: () => {
          destroy(b, ring, 'NO_ANSWER', 'sip:480');
          if (queued) destroy(a, ring, 'NORMAL_CLEARING', 'sip:200');
          else destroy(a, ring, 'NO_ANSWER', 'sip:480');
        },
      });
    } else if (outcome === 'cancelled') {
      endOffset = ring;
      steps.push({
        at: ring,
        run: () => {
          destroy(a, ring, queued ? 'NORMAL_CLEARING' : 'ORIGINATOR_CANCEL', queued ? 'sip:200' : 'sip:487');
          destroy(b, ring, 'ORIGINATOR_CANCEL', 'sip:487');
        },
      });
    } else {
      endOffset = Math.min(ring, QUICK_FAILURE_MS);
      const [cause, code] = outcome === 'busy' ? ['USER_BUSY', 'sip:486'] : ['NORMAL_TEMPORARY_FAILURE', 'sip:503'];
      steps.push({
        at: endOffset,
        run: () => {
          destroy(b, endOffset, cause, code);
          destroy(a, endOffset, cause, code);
        },
      });
    }

    const legs: LegInfo[] = [
      {
        callId: a.callId,
        role: 'caller',
        callDirection: a.direction,
        otherLegCallId: b.callId,
        ownerId: a.customChannelVars['owner_id'] ?? null,
      },
      ...[...tried, b].map((calleeLeg): LegInfo => ({
        callId: calleeLeg.callId,
        role: 'callee',
        callDirection: calleeLeg.direction,
        otherLegCallId: a.callId,
        ownerId: calleeLeg.customChannelVars['owner_id'] ?? null,
      })),
    ];
    let resolveEnded: (end: CallEnd) => void = () => undefined;
    const ended = new Promise<CallEnd>((resolve) => (resolveEnded = resolve));
    const runningCall: Running = {
      info: {
        callId: a.callId,
        direction: spec.direction,
        from: spec.from,
        to: spec.to ?? (parties.callee.kind === 'agent' ? parties.callee.agent.username : ''),
        outcome,
        legs,
        startedAtMs: startMs,
      },
      phase: 'ringing',
      timer: undefined,
      abort: () => {
        if (runningCall.timer) clearTimeout(runningCall.timer);
        this.running.delete(a.callId);
        resolveEnded({ status: 'aborted' });
      },
    };
    this.running.set(a.callId, runningCall);

    const finish = (): void => {
      runningCall.phase = 'ended';
      this.running.delete(a.callId);
      const record = historyRecord({
        callId: a.callId,
        direction: spec.direction,
        caller: parties.caller,
        callee: parties.callee,
        did: parties.did,
        queue: parties.queue,
        orgId: this.orgId,
        outcome,
        hangupBy,
        startMs,
        answeredMs: b.answeredAtMs,
        endMs: at(endOffset),
        recording: this.options.recordings ?? true,
        queueMisses: misses,
      });
      state.history.append(record);
      resolveEnded({ status: 'completed', record });
    };

    // Steps at the same call time run together, in order; between them, a real timer.
    let index = 0;
    const runFrom = (): void => {
      runningCall.timer = undefined;
      const current = steps[index]?.at ?? 0;
      while (index < steps.length && (steps[index]?.at ?? 0) === current) {
        steps[index]?.run();
        index++;
      }
      const next = steps[index];
      if (!next) {
        finish();
        return;
      }
      runningCall.timer = setTimeout(runFrom, (next.at - current) * timeScale);
    };
    runFrom();
    return { callId: a.callId, legs, ended };
  }
}

/** An agent whose phone an inbound call rings; undefined ringMs: the call's ring time. */
interface Attempt {
  readonly agent: SandboxAgent;
  readonly ringMs: number | undefined;
}

interface Parties {
  readonly caller: Party;
  readonly callee: Party;
  readonly did: string | null;
  readonly queue: SandboxQueue | undefined;
  /** Inbound: the agents rung, in order (the last is `callee`); empty otherwise. */
  readonly attempts: readonly Attempt[];
}

interface CallLegs {
  /** The caller's channel. */
  readonly a: Leg;
  /** Inbound queue calls ringing agents in turn: the B legs that timed out before `b`. */
  readonly tried: readonly Leg[];
  /** The channel to the callee that answers or ends the call. */
  readonly b: Leg;
}

/** A stable device id per agent (Kazoo's `authorizing_id` for a device). */
export function deviceIdOf(agent: SandboxAgent): string {
  return createHash('sha256').update(`device:${agent.id}`).digest('hex').slice(0, 32);
}

/** A Kazoo-style call id (FreeSWITCH UUIDs). */
function newCallId(): string {
  return randomUUID();
}

function deviceVars(
  state: SandboxState,
  agent: SandboxAgent,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    account_id: state.accountId,
    owner_id: agent.id,
    authorizing_id: deviceIdOf(agent),
    authorizing_type: 'device',
    username: agent.sipUser,
    realm: state.domain,
    channel_authorized: 'true',
    ...extra,
  };
}

function agentExtension(agent: SandboxAgent): string {
  return agent.extensions[0] ?? agent.sipUser;
}

function leg(fields: Omit<Leg, 'otherLegCallId' | 'createdAtMs' | 'answeredAtMs'>, otherLegCallId?: string): Leg {
  return { ...fields, otherLegCallId, createdAtMs: undefined, answeredAtMs: undefined };
}

/** Leg A (the caller's channel) and the B legs (channels to the callee), as the switch sees them. */
function buildLegs(state: SandboxState, direction: CallSpec['direction'], parties: Parties, aId: string): CallLegs {
  const { domain, accountId } = state;
  const bId = newCallId();
  const { caller, callee } = parties;

  if (direction === 'inbound' && caller.kind === 'number' && callee.kind === 'agent') {
    const did = parties.did ?? '';
    const queueVars: Record<string, string> = parties.queue ? { queue_id: parties.queue.id } : {};
    const a = leg({
      callId: aId,
      direction: 'inbound',
      callerIdName: caller.name,
      callerIdNumber: caller.number,
      calleeIdName: did,
      calleeIdNumber: did,
      request: `${did}@${domain}`,
      to: `${did}@${domain}`,
      from: `${caller.number}@${CARRIER_IP}`,
      presenceId: `${did}@${domain}`,
      customChannelVars: {
        account_id: accountId,
        inception: `${did}@${CARRIER_IP}`,
        authorizing_type: 'resource',
        ...queueVars,
      },
    });
    const agentLeg = (agent: SandboxAgent, callId: string): Leg =>
      leg(
        {
          callId,
          direction: 'outbound',
          callerIdName: caller.name,
          callerIdNumber: caller.number,
          calleeIdName: agent.name,
          calleeIdNumber: agentExtension(agent),
          request: `${agent.sipUser}@${domain}`,
          to: `${agent.sipUser}@${domain}`,
          from: `${caller.number}@${domain}`,
          presenceId: `${agent.sipUser}@${domain}`,
          customChannelVars: deviceVars(state, agent, { ...queueVars, bridge_id: aId }),
        },
        aId,
      );
    const earlier = parties.attempts.slice(0, -1).map(({ agent }) => agentLeg(agent, newCallId()));
    return { a, tried: earlier, b: agentLeg(callee.agent, bId) };
  }

  if (caller.kind !== 'agent') throw new Error('outbound and internal calls start from an agent');
  const from = caller.agent;
  const a = (calleeName: string, calleeNumber: string): Leg =>
    leg({
      callId: aId,
      direction: 'inbound',
      callerIdName: from.name,
      callerIdNumber: agentExtension(from),
      calleeIdName: calleeName,
      calleeIdNumber: calleeNumber,
      request: `${calleeNumber}@${domain}`,
      to: `${calleeNumber}@${domain}`,
      from: `${from.sipUser}@${domain}`,
      presenceId: `${from.sipUser}@${domain}`,
      customChannelVars: deviceVars(state, from, { bridge_id: aId }),
    });

  if (callee.kind === 'agent') {
    const to = callee.agent;
    const b = leg(
      {
        callId: bId,
        direction: 'outbound',
        callerIdName: from.name,
        callerIdNumber: agentExtension(from),
        calleeIdName: to.name,
        calleeIdNumber: agentExtension(to),
        request: `${to.sipUser}@${domain}`,
        to: `${to.sipUser}@${domain}`,
        from: `${from.sipUser}@${domain}`,
        presenceId: `${to.sipUser}@${domain}`,
        customChannelVars: deviceVars(state, to, { bridge_id: aId }),
      },
      aId,
    );
    return { a: a(to.name, agentExtension(to)), tried: [], b };
  }

  // Outbound to the carrier: the company's DID is the external caller id.
  const externalCallerId = state.dids[0] ?? agentExtension(from);
  const b = leg(
    {
      callId: bId,
      direction: 'outbound',
      callerIdName: externalCallerId,
      callerIdNumber: externalCallerId,
      calleeIdName: callee.number,
      calleeIdNumber: callee.number,
      request: `${callee.number}@${CARRIER_IP}`,
      to: `${callee.number}@${CARRIER_IP}`,
      from: `${externalCallerId}@${domain}`,
      presenceId: `${from.sipUser}@${domain}`,
      customChannelVars: {
        account_id: accountId,
        authorizing_id: deviceIdOf(from),
        authorizing_type: 'device',
        resource_type: 'offnet-termination',
        global_resource: 'false',
        bridge_id: aId,
      },
    },
    aId,
  );
  return { a: a(callee.number, callee.number), tried: [], b };
}
