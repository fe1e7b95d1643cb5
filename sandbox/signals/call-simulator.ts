import type { CallRecord, SandboxState } from '../state';
import { generateCompany } from '../company';
import type { CallEventName } from './bindings';
import { callSpecSchema, type CallOutcome, type CallSpec, type CallSpecInput } from './call-spec';
import { calleeLeg, callerLeg, legInfo, newCallId, type LegInfo } from './call-legs';
import { resolveParties, type Parties } from './call-parties';
import { channelEvent, numberStyleFor, type Hangup, type Leg, type NumberStyle } from './events';
import { historyRecord, type QueueMiss } from './history-record';
import type { CallSignal } from './server';

export type { LegInfo } from './call-legs';

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
    const resolved = resolveParties(this.options.state, parsed.data);
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

  private play(spec: CallSpec, parties: Parties): CallHandle {
    const { state, publish } = this.options;
    const startMs = state.now();
    const defaultRing = spec.ringMs ?? this.options.defaultRingMs ?? DEFAULT_RING_MS;
    const talk = spec.talkMs ?? this.options.defaultTalkMs ?? DEFAULT_TALK_MS;
    const hold = spec.holdMs ?? 0;
    const outcome = spec.outcome ?? 'answered';
    const timeScale = spec.timeScale ?? this.timeScale;
    const { a, tried, b } = buildLegs(state, parties, spec.callId ?? newCallId());
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
      legInfo(a, 'caller', b.callId),
      ...[...tried, b].map((leg) => legInfo(leg, 'callee', a.callId)),
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

interface CallLegs {
  /** The caller's channel. */
  readonly a: Leg;
  /** Inbound queue calls ringing agents in turn: the B legs that timed out before `b`. */
  readonly tried: readonly Leg[];
  /** The channel to the callee that answers or ends the call. */
  readonly b: Leg;
}

/** Leg A (the caller's channel) and the B legs (channels to the callee), as the switch sees them. */
function buildLegs(state: SandboxState, parties: Parties, aId: string): CallLegs {
  const bId = newCallId();
  const a = callerLeg(state, parties, aId);
  const tried = parties.attempts.slice(0, -1).map(({ agent }) => calleeLeg(state, parties, aId, newCallId(), agent));
  return { a, tried, b: calleeLeg(state, parties, aId, bId) };
}
