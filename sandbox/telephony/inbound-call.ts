import { TimerSet } from './timer-set';
import type { CallRecord, SandboxAgent } from '../state';
import {
  agentExtension,
  newCallId,
  type CallEnd,
  type CallHandle,
  type CallSpec,
  type LegInfo,
  type LiveCall,
  type LiveCallLedger,
  type Parties,
} from '../signals/index';
import { Conversation, notAnsweredReason, type ConversationOptions } from './conversation';
import type { CallEndInfo, NodePhone, PhoneCall } from './node-phone';
import type { PlatformCallLog } from './platform-calls';
import { PLATFORM_HEADER_LINE } from './platform-user';

/**
 * A `POST /calls` call (inbound, through a queue, or internal) that rings at least one
 * registered device: the platform plays the caller and rings each agent in turn over SIP
 * (From = the customer's number, or the calling colleague's extension). What the device does
 * decides: it answers (talk until someone hangs up, or `talkMs`), declines (its leg ends like
 * a miss and a queue rings the next agent), or rings `ringMs` (CANCEL: no answer); spec
 * outcome `cancelled` is the caller giving up at `ringMs`. Agents whose device is not
 * registered keep their scripted part: they ring `ringMs` and do not answer, and the last one
 * plays the spec's outcome.
 */

/** A real device rings this long unless the spec says otherwise (a PBX's usual ring timeout). */
export const LIVE_RING_MS = 30_000;
/** A scripted answered leg's talk time when the spec gives none (as the call simulator's). */
const SCRIPTED_TALK_MS = 45_000;

export interface InboundCallContext {
  readonly phone: NodePhone;
  readonly ledger: LiveCallLedger;
  readonly log: PlatformCallLog;
  readonly now: () => number;
  readonly conversation: Omit<ConversationOptions, 'live' | 'deviceSide' | 'customer'>;
}

export interface RingTarget {
  readonly agent: SandboxAgent;
  readonly ringMs: number | undefined;
  readonly registered: boolean;
}

type RingResult =
  | { readonly kind: 'answered'; readonly call: PhoneCall }
  | { readonly kind: 'not-answered'; readonly end: CallEndInfo | undefined; readonly timedOut: boolean };

export class InboundCall {
  readonly handle: CallHandle;
  private readonly timers = new TimerSet();
  private readonly live: LiveCall;
  private readonly legIds: string[];
  private current: PhoneCall | undefined;
  private conversation: Conversation | undefined;
  private aborted = false;
  private resolveEnded: (end: CallEnd) => void = () => undefined;

  constructor(
    private readonly ctx: InboundCallContext,
    private readonly spec: CallSpec,
    private readonly parties: Parties,
    private readonly targets: readonly RingTarget[],
  ) {
    this.live = ctx.ledger.begin({
      direction: parties.direction === 'internal' ? 'internal' : 'inbound',
      caller: parties.caller,
      callee: parties.callee,
      ...(parties.did === null ? {} : { did: parties.did }),
      ...(parties.queue ? { queue: parties.queue } : {}),
      ...(spec.callId === undefined ? {} : { callId: spec.callId }),
      deviceSide: 'callee',
    });
    this.legIds = targets.map(() => newCallId());
    const ended = new Promise<CallEnd>((resolve) => (this.resolveEnded = resolve));
    const [callerLeg] = this.live.legs;
    if (!callerLeg) throw new Error('a live call starts with its caller leg');
    const legs: LegInfo[] = [
      // As for scripted calls: A names the last leg that may ring.
      { ...callerLeg, otherLegCallId: this.legIds.at(-1) ?? '' },
      ...targets.map((target, index): LegInfo => ({
        callId: this.legIds[index] ?? '',
        role: 'callee',
        callDirection: 'outbound',
        otherLegCallId: this.live.callId,
        ownerId: target.agent.id,
      })),
    ];
    this.handle = { callId: this.live.callId, legs, ended };
    void this.run();
  }

  /** Stops where it is: no more events, no history (like an aborted simulated call). */
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.timers.stopAll();
    this.current?.hangup();
    this.conversation?.hangup();
    this.resolveEnded({ status: 'aborted' });
  }

  private get callerShown(): { number: string; name: string } {
    const { caller } = this.parties;
    return caller.kind === 'agent'
      ? { number: agentExtension(caller.agent), name: caller.agent.name }
      : { number: caller.number, name: caller.name };
  }

  private async run(): Promise<void> {
    const outcome = this.spec.outcome ?? 'answered';
    for (const [index, target] of this.targets.entries()) {
      if (this.aborted) return;
      const last = index === this.targets.length - 1;
      const ringMs = target.ringMs ?? this.spec.ringMs ?? (target.registered ? LIVE_RING_MS : 6_000);
      this.live.ringing(target.agent, this.legIds[index]);
      if (!target.registered) {
        await this.sleep(ringMs);
        if (this.aborted) return;
        if (!last) {
          this.live.notAnswered('no-answer');
          continue;
        }
        await this.scriptedEnd(outcome);
        return;
      }
      const result = await this.ring(target.agent, ringMs);
      if (this.aborted) return;
      if (result.kind === 'answered') {
        this.talk(result.call);
        return;
      }
      const givingUp = last && outcome === 'cancelled' && result.timedOut;
      if (givingUp) {
        this.finish(this.live.ended({ by: 'caller', cause: 'cancelled' }));
        return;
      }
      const reason = result.timedOut || !result.end ? 'no-answer' : notAnsweredReason(result.end);
      if (!last) {
        this.live.notAnswered(reason);
        continue;
      }
      this.finish(this.live.ended({ by: 'callee', cause: reason }));
      return;
    }
  }

  /** Rings one device until it answers, refuses, or `ringMs` passes (then CANCEL). */
  private ring(agent: SandboxAgent, ringMs: number): Promise<RingResult> {
    const shown = this.callerShown;
    const call = this.ctx.phone.call(agent.sipUser, {
      fromUserName: shown.number,
      fromDisplayName: shown.name,
      extraHeaders: [PLATFORM_HEADER_LINE],
      toneHz: this.ctx.conversation.settings().toneHz,
    });
    this.current = call;
    this.ctx.log.add(call, {
      number: shown.number,
      sipUser: agent.sipUser,
      purpose: this.parties.direction === 'internal' ? 'internal' : 'inbound',
      signalsCallId: this.live.callId,
      startedAtMs: this.ctx.now(),
    });
    return new Promise<RingResult>((resolve) => {
      let timedOut = false;
      const timer = this.timers.start(() => {
        timedOut = true;
        call.hangup();
      }, ringMs);
      const stop = call.onEvent((event) => {
        if (event.kind === 'answered') {
          stop();
          this.timers.stop(timer);
          resolve({ kind: 'answered', call });
        } else if (event.kind === 'ended') {
          stop();
          this.timers.stop(timer);
          resolve({ kind: 'not-answered', end: event.end, timedOut });
        }
      });
    });
  }

  private talk(call: PhoneCall): void {
    const conversation = new Conversation(
      { ...this.ctx.conversation, live: this.live, deviceSide: 'callee', customer: this.callerShown },
      call,
    );
    this.conversation = conversation;
    conversation.connectCustomer();
    // The caller hangs up after talkMs, when the spec gives one; else the call lasts until someone hangs up.
    if (this.spec.talkMs !== undefined) this.timers.start(() => conversation.hangup(), this.spec.talkMs);
    void conversation.ended.then((record) => this.finish(record));
  }

  /** The last agent's device is not registered: its part plays as scripted. */
  private async scriptedEnd(outcome: NonNullable<CallSpec['outcome']>): Promise<void> {
    if (outcome === 'answered') {
      this.live.answered();
      await this.sleep(this.spec.talkMs ?? SCRIPTED_TALK_MS);
      if (this.aborted) return;
      this.finish(this.live.ended({ by: this.spec.hangupBy ?? 'caller', cause: 'answered-hangup' }));
      return;
    }
    const cause = outcome === 'missed' ? 'no-answer' : outcome;
    this.finish(this.live.ended({ by: outcome === 'cancelled' ? 'caller' : 'callee', cause }));
  }

  private finish(record: CallRecord | undefined): void {
    this.timers.stopAll();
    if (this.aborted) return;
    this.resolveEnded(record ? { status: 'completed', record } : { status: 'aborted' });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.timers.start(resolve, ms));
  }
}
