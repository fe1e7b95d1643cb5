import type { CallDirection, CallEvent, CallParty } from '../../../shared/domain';
import type { PlatformCallEvent, PlatformParty } from './adapter';
import { BoundedSet } from './bounded';
import { callDirection, isCompanyNumber } from './direction';

/**
 * Folds per-leg platform events into one stream of CallEvents per call.
 *
 * - Legs are one call when linked by `other_leg_call_id` or a bridge id (Kazoo's Bridge-ID
 *   custom var holds the A leg's call id, so a leg id equal to it links too).
 * - The call's id is its first leg seen (normally the A leg) and never changes.
 * - `ringing` once, on the call's first CHANNEL_CREATE. A call first seen through another
 *   event (the app connected mid-call) stays silent to its end: no half stories.
 * - `answered` once: on a bridge, on a second leg's answer, or on the A leg's answer unless
 *   the call is inbound (then the switch answering for an IVR or queue is not the agent).
 *   Its `to` (and every later event's) is the agent on the leg that answered: a queue may
 *   ring several agents in turn, each on a leg of its own, and the first one rung is not
 *   necessarily the one who took the call.
 * - `held`/`resumed` alternate, only on an answered call.
 * - `ended` once, when every leg that sent events has been destroyed (so a B leg hanging up
 *   first does not end a call whose caller is still in the queue). Durations and cause come
 *   from the A leg's destroy when there is one.
 * - Finished legs are remembered (bounded) so duplicates and stragglers never revive a call;
 *   a destroy for an unknown leg is remembered the same way (out-of-order create is ignored).
 * - After a gap in the signals, `endFinished` ends the calls the platform's history lists as
 *   finished: their destroy fell in the gap and will never arrive.
 */

/** A call the platform's history lists, so it has ended (records are filed when calls end). */
export interface FinishedCall {
  readonly callId?: string;
  readonly fromNumber?: string;
  /** Epoch ms the call started. */
  readonly startMs: number;
  readonly durationSeconds?: number;
  readonly billingSeconds?: number;
}

export interface CallFolderOptions {
  readonly now: () => number;
  /** Calls tracked at once; the least recently active is dropped beyond this. */
  readonly maxCalls?: number;
  /** A call with no event for this long is dropped (its destroy was lost). */
  readonly idleMs?: number;
  /** Finished leg ids remembered for de-duplication. */
  readonly finishedMemory?: number;
}

interface Leg {
  destroyed: boolean;
  /** False for legs only named by another leg's other_leg_call_id. */
  sentEvents: boolean;
  authorizingType?: string;
  /** The company party (agent) this leg rings, when it names one; never set on the call's first leg. */
  callee?: CallParty;
}

interface CallState {
  readonly id: string;
  readonly legs: Map<string, Leg>;
  readonly bridgeIds: Set<string>;
  readonly silent: boolean;
  ringing: boolean;
  answered: boolean;
  held: boolean;
  ended: boolean;
  direction: CallDirection;
  from: CallParty;
  to: CallParty;
  did?: string;
  queue?: string;
  aLegDestroy?: PlatformCallEvent;
  lastActivityMs: number;
  /** Local clock when the folder first saw the call. */
  readonly openedAtMs: number;
  /** When it started ringing, by the platform's clock when it says (history uses that clock). */
  startedAtMs?: number;
}

interface LiveCallSummary {
  readonly fromNumber: string;
  readonly atMs: number;
}

const DIGITS = /\D/g;
/** A history record and a live call from the same number starting this close are the same call. */
const SAME_CALL_WINDOW_MS = 5_000;

function party(p: PlatformParty, fallbackNumber: string | undefined): CallParty {
  const number = p.number ?? fallbackNumber ?? '';
  return p.name && p.name !== number ? { number, name: p.name } : { number };
}

/** The agent a leg rings, when its callee is a company user (extension or SIP user). */
function agentCallee(event: PlatformCallEvent): CallParty | undefined {
  const number = event.callee.number ?? event.requestUser;
  return isCompanyNumber(number) === true ? party(event.callee, number) : undefined;
}

export class CallFolder {
  private readonly calls = new Map<string, CallState>();
  private readonly byLeg = new Map<string, CallState>();
  private readonly byBridge = new Map<string, CallState>();
  private readonly finished: BoundedSet;
  /** Leg and bridge ids of calls the app was told about live: missed-call backfill skips them. */
  private readonly signalled: BoundedSet;
  private readonly recentLive: LiveCallSummary[] = [];
  private readonly maxCalls: number;
  private readonly idleMs: number;
  private lastSweepMs = 0;

  constructor(private readonly options: CallFolderOptions) {
    this.maxCalls = options.maxCalls ?? 1_000;
    this.idleMs = options.idleMs ?? 12 * 3_600_000;
    this.finished = new BoundedSet(options.finishedMemory ?? 10_000);
    this.signalled = new BoundedSet(options.finishedMemory ?? 10_000);
  }

  /** Calls currently tracked (for tests and diagnostics). */
  get activeCalls(): number {
    return this.calls.size;
  }

  fold(event: PlatformCallEvent): CallEvent[] {
    const now = this.options.now();
    this.sweep(now);
    if (this.finished.has(event.legId)) return [];

    let call = this.find(event);
    if (!call) {
      const linked = [event.otherLegId, event.bridgeId].some((id) => id !== undefined && this.finished.has(id));
      if (linked || event.kind === 'destroy') {
        // A straggler of a finished call, or a destroy that overtook its create.
        this.finished.add(event.legId);
        return [];
      }
      call = this.open(event, now);
    }
    this.attach(call, event, now);

    const out: CallEvent[] = [];
    this.apply(call, event, out);
    if (call.ended) this.forget(call);
    return out;
  }

  /**
   * Did the app signal this call live? By leg id first; history's call id may be another
   * leg's, so a call from the same number starting within a few seconds counts too.
   */
  wasSignalled(callId: string | undefined, fromNumber: string | undefined, atMs: number): boolean {
    if (
      callId &&
      (this.signalled.has(callId) ||
        this.byLeg.get(callId)?.ringing === true ||
        this.byBridge.get(callId)?.ringing === true)
    ) {
      return true;
    }
    if (!fromNumber) return false;
    const digits = fromNumber.replace(DIGITS, '');
    if (digits === '') return false;
    return this.recentLive.some(
      (c) => Math.abs(c.atMs - atMs) <= SAME_CALL_WINDOW_MS && c.fromNumber.replace(DIGITS, '') === digits,
    );
  }

  /** When the oldest call still in progress that the app signalled, opened before `openedBeforeMs`, started. */
  oldestOpenStart(openedBeforeMs: number): number | undefined {
    let oldest: number | undefined;
    for (const call of this.calls.values()) {
      if (!call.ringing || call.openedAtMs >= openedBeforeMs || call.startedAtMs === undefined) continue;
      if (oldest === undefined || call.startedAtMs < oldest) oldest = call.startedAtMs;
    }
    return oldest;
  }

  /**
   * Ends the signalled calls, opened before `openedBeforeMs` (the reconnect), that `finished`
   * lists: matched by any of their leg or bridge ids, or else by the caller's number and a
   * start within a few seconds (history's call id may name another leg). Returns their
   * `ended` events; later stragglers of these calls are ignored like any finished call's.
   */
  endFinished(finished: readonly FinishedCall[], openedBeforeMs: number): CallEvent[] {
    if (finished.length === 0) return [];
    const byId = new Map<string, FinishedCall>();
    for (const f of finished) if (f.callId) byId.set(f.callId, f);
    const out: CallEvent[] = [];
    for (const call of [...this.calls.values()]) {
      if (!call.ringing || call.openedAtMs >= openedBeforeMs) continue;
      const ids = [...call.legs.keys(), ...call.bridgeIds];
      const match = ids.map((id) => byId.get(id)).find((f) => f !== undefined) ?? this.sameCaller(call, finished);
      if (!match) continue;
      call.ended = true;
      out.push(this.endedFromHistory(call, match));
      this.forget(call);
    }
    return out;
  }

  private sameCaller(call: CallState, finished: readonly FinishedCall[]): FinishedCall | undefined {
    const digits = call.from.number.replace(DIGITS, '');
    const started = call.startedAtMs;
    if (digits === '' || started === undefined) return undefined;
    return finished.find(
      (f) =>
        f.fromNumber !== undefined &&
        f.fromNumber.replace(DIGITS, '') === digits &&
        Math.abs(f.startMs - started) <= SAME_CALL_WINDOW_MS,
    );
  }

  private endedFromHistory(call: CallState, record: FinishedCall): CallEvent {
    const endMs =
      record.durationSeconds !== undefined ? record.startMs + record.durationSeconds * 1000 : this.options.now();
    return {
      type: 'ended',
      callId: call.id,
      direction: call.direction,
      from: call.from,
      to: call.to,
      at: new Date(Number.isFinite(endMs) ? endMs : this.options.now()).toISOString(),
      ...(call.did !== undefined ? { did: call.did } : {}),
      ...(call.queue !== undefined ? { queue: call.queue } : {}),
      ...(record.durationSeconds !== undefined ? { durationSeconds: record.durationSeconds } : {}),
      ...(record.billingSeconds !== undefined ? { billingSeconds: record.billingSeconds } : {}),
    };
  }

  private find(event: PlatformCallEvent): CallState | undefined {
    return (
      this.byLeg.get(event.legId) ??
      (event.otherLegId !== undefined ? this.byLeg.get(event.otherLegId) : undefined) ??
      (event.bridgeId !== undefined ? (this.byBridge.get(event.bridgeId) ?? this.byLeg.get(event.bridgeId)) : undefined)
    );
  }

  private open(event: PlatformCallEvent, now: number): CallState {
    const call: CallState = {
      id: event.legId,
      legs: new Map(),
      bridgeIds: new Set(),
      silent: event.kind !== 'create',
      ringing: false,
      answered: false,
      held: false,
      ended: false,
      direction: 'inbound',
      from: { number: '' },
      to: { number: '' },
      lastActivityMs: now,
      openedAtMs: now,
    };
    this.calls.set(call.id, call);
    while (this.calls.size > this.maxCalls) {
      const oldest = this.calls.values().next();
      if (oldest.done) break;
      this.forget(oldest.value);
    }
    return call;
  }

  private attach(call: CallState, event: PlatformCallEvent, now: number): void {
    call.lastActivityMs = now;
    // Keep the map in least-recently-active order for eviction.
    this.calls.delete(call.id);
    this.calls.set(call.id, call);

    const leg = call.legs.get(event.legId) ?? { destroyed: false, sentEvents: false };
    leg.sentEvents = true;
    if (event.authorizingType) leg.authorizingType = event.authorizingType;
    if (event.legId !== call.id) {
      const callee = agentCallee(event);
      if (callee) leg.callee = callee;
    }
    call.legs.set(event.legId, leg);
    this.byLeg.set(event.legId, call);
    if (event.otherLegId !== undefined && !call.legs.has(event.otherLegId)) {
      call.legs.set(event.otherLegId, { destroyed: false, sentEvents: false });
      this.byLeg.set(event.otherLegId, call);
    }
    if (event.bridgeId !== undefined) {
      call.bridgeIds.add(event.bridgeId);
      this.byBridge.set(event.bridgeId, call);
    }
    if (event.queue !== undefined) call.queue ??= event.queue;
  }

  private apply(call: CallState, event: PlatformCallEvent, out: CallEvent[]): void {
    const isALeg = event.legId === call.id;
    switch (event.kind) {
      case 'create':
        if (call.silent) return;
        if (!call.ringing) {
          this.describe(call, event);
          call.ringing = true;
          call.startedAtMs = event.atMs ?? this.options.now();
          out.push(this.emit(call, 'ringing', event));
          this.rememberLive(call, event);
        } else {
          this.refineCallee(call, event);
        }
        return;
      case 'answer':
      case 'bridge': {
        if (!isALeg) this.refineCallee(call, event);
        const agentAnswered = event.kind === 'bridge' || !isALeg || call.direction !== 'inbound';
        if (call.ringing && !call.answered && agentAnswered) {
          call.answered = true;
          this.addressToAnswerer(call, event, isALeg);
          out.push(this.emit(call, 'answered', event));
        }
        return;
      }
      case 'hold':
        if (call.answered && !call.held) {
          call.held = true;
          out.push(this.emit(call, 'held', event));
        }
        return;
      case 'unhold':
        if (call.held) {
          call.held = false;
          out.push(this.emit(call, 'resumed', event));
        }
        return;
      case 'destroy': {
        const leg = call.legs.get(event.legId);
        if (!leg || leg.destroyed) return;
        leg.destroyed = true;
        if (isALeg) call.aLegDestroy = event;
        const open = [...call.legs.values()].some((l) => l.sentEvents && !l.destroyed);
        if (open) return;
        call.ended = true;
        if (call.ringing) out.push(this.ended(call, event));
        return;
      }
    }
  }

  /** From, direction, DID: fixed from the call's first CHANNEL_CREATE; `to` until an agent is known. */
  private describe(call: CallState, event: PlatformCallEvent): void {
    call.from = party(event.caller, event.fromUser);
    call.to = party(event.callee, event.requestUser ?? event.toUser);
    const others = [...call.legs.entries()]
      .filter(([id, l]) => id !== event.legId && l.authorizingType !== undefined)
      .map(([, l]) => l.authorizingType as string);
    call.direction = callDirection({
      fromNumber: call.from.number,
      toNumber: call.to.number,
      ...(event.authorizingType ? { aLegAuthorizingType: event.authorizingType } : {}),
      otherLegAuthorizingTypes: others,
    });
    if (call.direction === 'inbound') {
      const dialled = [event.did, event.requestUser, event.toUser, event.callee.number].find(
        (n) => n !== undefined && (n === event.did || isCompanyNumber(n) === false),
      );
      if (dialled !== undefined) call.did = dialled;
    }
  }

  /** An inbound call first addressed to a DID or queue learns which agent's phone rings. */
  private refineCallee(call: CallState, event: PlatformCallEvent): void {
    if (call.direction !== 'inbound' || isCompanyNumber(call.to.number) === true) return;
    const number = event.callee.number ?? event.requestUser;
    if (isCompanyNumber(number) === true) call.to = party(event.callee, number);
  }

  /**
   * The agent who took the call: on the leg that answered, which is the far side of the A leg
   * (an A-leg bridge names it in other_leg_call_id). Outbound calls keep the number dialled.
   */
  private addressToAnswerer(call: CallState, event: PlatformCallEvent, isALeg: boolean): void {
    if (call.direction === 'outbound') return;
    const answeringLeg = isALeg ? event.otherLegId : event.legId;
    const answerer = answeringLeg !== undefined ? call.legs.get(answeringLeg)?.callee : undefined;
    if (answerer) call.to = answerer;
  }

  private rememberLive(call: CallState, event: PlatformCallEvent): void {
    this.recentLive.push({ fromNumber: call.from.number, atMs: event.atMs ?? this.options.now() });
    if (this.recentLive.length > 500) this.recentLive.splice(0, this.recentLive.length - 500);
  }

  private emit(
    call: CallState,
    type: 'ringing' | 'answered' | 'held' | 'resumed',
    event: PlatformCallEvent,
  ): CallEvent {
    return { type, ...this.base(call, event) };
  }

  private ended(call: CallState, event: PlatformCallEvent): CallEvent {
    const source = call.aLegDestroy ?? event;
    return {
      type: 'ended',
      ...this.base(call, event),
      ...(source.durationSeconds !== undefined ? { durationSeconds: source.durationSeconds } : {}),
      ...(source.billingSeconds !== undefined ? { billingSeconds: source.billingSeconds } : {}),
      ...((source.hangupCause ?? event.hangupCause) ? { cause: source.hangupCause ?? event.hangupCause } : {}),
    };
  }

  private base(call: CallState, event: PlatformCallEvent) {
    return {
      callId: call.id,
      direction: call.direction,
      from: call.from,
      to: call.to,
      at: new Date(event.atMs ?? this.options.now()).toISOString(),
      ...(call.did !== undefined ? { did: call.did } : {}),
      ...(call.queue !== undefined ? { queue: call.queue } : {}),
    };
  }

  private forget(call: CallState): void {
    this.calls.delete(call.id);
    for (const id of call.legs.keys()) {
      if (this.byLeg.get(id) === call) this.byLeg.delete(id);
      this.finished.add(id);
      if (call.ringing) this.signalled.add(id);
    }
    for (const id of call.bridgeIds) {
      if (this.byBridge.get(id) === call) this.byBridge.delete(id);
      if (call.ringing) this.signalled.add(id);
    }
  }

  /** Drops calls whose destroy never came; cheap because it runs at most once a minute. */
  private sweep(now: number): void {
    if (now - this.lastSweepMs < 60_000) return;
    this.lastSweepMs = now;
    for (const call of [...this.calls.values()]) {
      if (now - call.lastActivityMs > this.idleMs) this.forget(call);
    }
  }
}
