import type { CallRecord, SandboxAgent, SandboxQueue, SandboxState } from '../state';
import { generateCompany } from '../company';
import type { CallEventName } from './bindings';
import type { CallOutcome } from './call-spec';
import { agentDeviceLeg, calleeLeg, callerLeg, legInfo, newCallId, type LegInfo, type LegParties } from './call-legs';
import { channelEvent, numberStyleFor, type Hangup, type Leg, type NumberStyle } from './events';
import { historyRecord, type Party, type QueueMiss } from './history-record';
import type { CallSignal } from './server';

/**
 * Signals and history for calls that really happen (the platform phone's SIP calls): the
 * caller tells the ledger what happened, when it happened, and the ledger emits the Kazoo
 * events on the right legs (PROTOCOL.md) and appends the AntBuddy history record at the end.
 * It knows nothing about SIP, so the platform never builds Kazoo events itself.
 */

/** How a call ended. `answered-hangup`: someone hung up a connected call. */
export type LiveCallEndCause = 'answered-hangup' | 'no-answer' | 'declined' | 'busy' | 'cancelled' | 'failed';
/** Why the callee's leg ringing now ended while the caller stays (a queue then rings the next agent). */
export type NotAnsweredReason = 'no-answer' | 'declined' | 'busy' | 'failed';
export type LegSide = 'caller' | 'callee';

export interface LiveCallStart {
  readonly direction: 'inbound' | 'outbound' | 'internal';
  /** Inbound: the customer; outbound and internal: the calling agent. */
  readonly caller: Party;
  /** Inbound: the (first) agent rung; outbound: the number dialled; internal: the agent called. */
  readonly callee: Party;
  /** Inbound: the DID the customer dialled (default: the company's first). */
  readonly did?: string;
  readonly queue?: SandboxQueue;
  /** Leg A's call id (default: a new UUID). */
  readonly callId?: string;
  /** The side whose channel is the real agent device (holds, transfers); default callee, caller for outbound. */
  readonly deviceSide?: LegSide;
}

export interface LiveCallEnd {
  /** Whose side hung up (or gave up) first. */
  readonly by: LegSide;
  readonly cause: LiveCallEndCause;
}

export type LiveCallPhase = 'ringing' | 'answered' | 'on_hold' | 'ended';

export interface LiveCall {
  /** Leg A's call id: the history record's `call_id`. */
  readonly callId: string;
  /** Every leg opened so far: A first, then callee and transfer legs in order. */
  readonly legs: readonly LegInfo[];
  readonly phase: LiveCallPhase;
  /** A new callee leg rings (CHANNEL_CREATE): `agent`'s device (inbound), the agent called, or the carrier. */
  ringing(agent?: SandboxAgent, legCallId?: string): LegInfo;
  /** The ringing callee leg ends unanswered (CHANNEL_DESTROY); the caller stays. */
  notAnswered(reason: NotAnsweredReason): void;
  /** The caller's own channel is answered before the callee's (a queue; the agent's device on click-to-call). */
  callerAnswered(): void;
  /** The callee answers: its ANSWER, A's ANSWER if not yet, A's BRIDGE. */
  answered(): void;
  /** The agent's device put the call on hold (CHANNEL_HOLD on the device's leg). */
  held(): void;
  resumed(): void;
  /** A transfer rings `agent`'s device on a new leg, bridged to the side that stays. */
  transfer(agent: SandboxAgent): LiveTransfer;
  /** The transferring agent's device left a call that goes on (its leg is destroyed). */
  transferorLeft(): void;
  /** Destroys the remaining legs and appends the history record (undefined when already ended). */
  ended(end: LiveCallEnd): CallRecord | undefined;
}

export interface LiveTransfer {
  readonly leg: LegInfo;
  /** The target picked up: its leg answers and becomes the agent's leg. */
  answered(): void;
  /** The target did not pick up: its leg ends; the call stays as it was. */
  failed(reason: NotAnsweredReason): void;
}

export interface LiveCallLedgerOptions {
  readonly state: SandboxState;
  readonly publish: (signal: CallSignal) => void;
  /** Answered calls get a recording (default true). */
  readonly recordings?: boolean;
}

const NOT_ANSWERED: Record<NotAnsweredReason, readonly [cause: string, code: string]> = {
  'no-answer': ['NO_ANSWER', 'sip:480'],
  declined: ['CALL_REJECTED', 'sip:603'],
  busy: ['USER_BUSY', 'sip:486'],
  failed: ['NORMAL_TEMPORARY_FAILURE', 'sip:503'],
};
const CLEARING = ['NORMAL_CLEARING', 'sip:200'] as const;
const CANCEL = ['ORIGINATOR_CANCEL', 'sip:487'] as const;

export class LiveCallLedger {
  private readonly orgId: string;
  private readonly live = new Set<string>();
  private closed = false;

  constructor(private readonly options: LiveCallLedgerOptions) {
    // As in the call simulator: the organisation id is a pure function of the seed.
    this.orgId = generateCompany(options.state.seed).orgId;
  }

  /** Leg A's call ids of calls begun and not ended. */
  get activeCallIds(): readonly string[] {
    return [...this.live];
  }

  /** No more events or records: calls still open at close stay unrecorded, like aborted simulated calls. */
  close(): void {
    this.closed = true;
  }

  /** The caller's channel exists (CHANNEL_CREATE on A; a queue also answers it at once). */
  begin(start: LiveCallStart): LiveCall {
    const { state, publish, recordings } = this.options;
    const { orgId, live: liveIds } = this;
    const isClosed = (): boolean => this.closed;
    const parties: LegParties = {
      direction: start.direction,
      caller: start.caller,
      callee: start.callee,
      did: start.direction === 'inbound' ? (start.did ?? state.dids[0] ?? '') : null,
      queue: start.queue,
    };
    const deviceSide: LegSide = start.deviceSide ?? (start.direction === 'outbound' ? 'caller' : 'callee');
    const a = callerLeg(state, parties, start.callId ?? newCallId());
    const style: NumberStyle = numberStyleFor(a.callId);
    const queued = start.queue !== undefined;
    const startMs = state.now();
    const legs: LegInfo[] = [];
    const alive = new Set<Leg>();
    /** Legs of agents who transferred the call away and have not hung up yet. */
    const transferors = new Set<Leg>();
    const misses: QueueMiss[] = [];
    let callee: Party = start.callee;
    let b: Leg | undefined;
    /** The device's leg now: A or B, or the transfer target's once it answered. */
    let deviceLeg: Leg | undefined;
    /** The agent whose device `b` rings (inbound, internal). */
    let bAgent: SandboxAgent | undefined;
    let answeredAtMs: number | undefined;
    let phase: LiveCallPhase = 'ringing';

    const emit = (leg: Leg, name: CallEventName, hangup?: readonly [string, string]): void => {
      if (isClosed()) return;
      const atMs = state.now();
      if (name === 'CHANNEL_CREATE') {
        leg.createdAtMs = atMs;
        alive.add(leg);
      }
      if (name === 'CHANNEL_ANSWER') leg.answeredAtMs = atMs;
      const end: Hangup | undefined = hangup ? { cause: hangup[0], code: hangup[1], atMs } : undefined;
      if (name === 'CHANNEL_DESTROY') alive.delete(leg);
      publish(channelEvent(end ? { leg, name, atMs, style, hangup: end } : { leg, name, atMs, style }));
    };
    const destroy = (leg: Leg | undefined, hangup: readonly [string, string]): void => {
      if (leg && alive.has(leg)) emit(leg, 'CHANNEL_DESTROY', hangup);
    };
    const missed = (agent: SandboxAgent | undefined, reason: NotAnsweredReason): void => {
      if (queued && agent)
        misses.push({ agent, atMs: state.now(), ...(reason === 'declined' ? { reason: 'declined' as const } : {}) });
    };

    liveIds.add(a.callId);
    emit(a, 'CHANNEL_CREATE');
    // ACDc answers the caller itself (hold music) before it rings an agent.
    if (queued) emit(a, 'CHANNEL_ANSWER');
    if (deviceSide === 'caller') deviceLeg = a;
    legs.push(legInfo(a, 'caller', ''));

    /** A's other leg follows the leg it is bridged to (or rings) now. */
    const setOther = (leg: Leg, other: string): void => {
      leg.otherLegCallId = other;
      if (leg === a) legs[0] = legInfo(a, 'caller', other);
    };

    const call: LiveCall = {
      callId: a.callId,
      get legs() {
        return [...legs];
      },
      get phase() {
        return phase;
      },
      ringing(agent, legCallId) {
        b = calleeLeg(state, parties, a.callId, legCallId ?? newCallId(), agent);
        bAgent = agent ?? (parties.callee.kind === 'agent' ? parties.callee.agent : undefined);
        if (start.direction === 'inbound' && agent) callee = { kind: 'agent', agent };
        setOther(a, b.callId);
        const info = legInfo(b, 'callee', a.callId);
        legs.push(info);
        emit(b, 'CHANNEL_CREATE');
        if (deviceSide === 'callee') deviceLeg = b;
        return info;
      },
      notAnswered(reason) {
        if (!b || b.answeredAtMs !== undefined) return;
        missed(bAgent, reason);
        destroy(b, NOT_ANSWERED[reason]);
        b = undefined;
      },
      callerAnswered() {
        if (a.answeredAtMs === undefined) emit(a, 'CHANNEL_ANSWER');
      },
      answered() {
        if (!b || b.answeredAtMs !== undefined) return;
        emit(b, 'CHANNEL_ANSWER');
        answeredAtMs = b.answeredAtMs;
        if (a.answeredAtMs === undefined) emit(a, 'CHANNEL_ANSWER');
        emit(a, 'CHANNEL_BRIDGE');
        phase = 'answered';
      },
      held() {
        if (phase !== 'answered' || !deviceLeg) return;
        emit(deviceLeg, 'CHANNEL_HOLD');
        phase = 'on_hold';
      },
      resumed() {
        if (phase !== 'on_hold' || !deviceLeg) return;
        emit(deviceLeg, 'CHANNEL_UNHOLD');
        phase = 'answered';
      },
      transfer(agent) {
        // The side that stays: the customer's (or calling colleague's) channel.
        const staying = deviceSide === 'callee' ? a : b;
        const shown = deviceSide === 'callee' ? start.caller : start.callee;
        const t = agentDeviceLeg(state, agent, shown, a.callId, newCallId(), start.queue);
        t.otherLegCallId = staying?.callId ?? a.callId;
        const info = legInfo(t, 'callee', t.otherLegCallId);
        legs.push(info);
        emit(t, 'CHANNEL_CREATE');
        return {
          leg: info,
          answered() {
            if (t.answeredAtMs !== undefined || !alive.has(t)) return;
            emit(t, 'CHANNEL_ANSWER');
            if (staying) {
              setOther(staying, t.callId);
              emit(staying, 'CHANNEL_BRIDGE');
            }
            const previous = deviceLeg;
            deviceLeg = t;
            if (deviceSide === 'callee') {
              b = t;
              callee = { kind: 'agent', agent };
            }
            // The transferor's leg stays until its device hangs up (transferorLeft).
            if (previous && previous !== t) transferors.add(previous);
            if (phase === 'on_hold') phase = 'answered';
          },
          failed(reason) {
            if (t.answeredAtMs !== undefined) return;
            destroy(t, NOT_ANSWERED[reason]);
          },
        };
      },
      transferorLeft() {
        for (const leg of transferors) destroy(leg, CLEARING);
        transferors.clear();
      },
      ended(end) {
        if (phase === 'ended') return undefined;
        phase = 'ended';
        liveIds.delete(a.callId);
        const cause: LiveCallEndCause =
          end.cause === 'answered-hangup' && answeredAtMs === undefined ? 'cancelled' : end.cause;
        if (cause === 'answered-hangup') {
          const callerSide = deviceSide === 'caller' ? deviceLeg : a;
          const calleeSide = deviceSide === 'callee' ? deviceLeg : b;
          const [first, second] = end.by === 'caller' ? [callerSide, calleeSide] : [calleeSide, callerSide];
          destroy(first, CLEARING);
          destroy(second, CLEARING);
        } else if (cause === 'cancelled') {
          destroy(a, queued ? CLEARING : CANCEL);
          destroy(b, CANCEL);
        } else {
          const hangup = NOT_ANSWERED[cause];
          if (b && alive.has(b)) missed(bAgent, cause);
          destroy(b, hangup);
          destroy(a, queued ? CLEARING : hangup);
        }
        // Whatever is left: a transfer still ringing, a transferor that never hung up.
        for (const leg of [...alive]) destroy(leg, leg.answeredAtMs === undefined ? CANCEL : CLEARING);
        if (isClosed()) return undefined;
        const outcome: CallOutcome =
          cause === 'answered-hangup'
            ? 'answered'
            : cause === 'cancelled'
              ? 'cancelled'
              : cause === 'failed'
                ? 'failed'
                : cause === 'busy' && !queued
                  ? 'busy'
                  : 'missed';
        const record = historyRecord({
          callId: a.callId,
          direction: start.direction,
          caller: start.caller,
          callee,
          did: parties.did,
          queue: start.queue,
          orgId,
          outcome,
          hangupBy: end.by,
          startMs,
          answeredMs: answeredAtMs,
          endMs: state.now(),
          recording: recordings ?? true,
          queueMisses: misses,
        });
        state.history.append(record);
        return record;
      },
    };
    return call;
  }
}
