import type { CallRecord, SandboxAgent } from '../state';
import type { LegSide, LiveCall, LiveTransfer, NotAnsweredReason } from '../signals/index';
import type { CallEndInfo, PhoneCall, ReferRequest } from './node-phone';
import type { PlatformCallLog } from './platform-calls';
import { toneForDigit, type PlatformSettings } from './platform-settings';

/**
 * One call between the platform (playing the customer, or the calling colleague) and agent
 * devices, once a device picked up: the platform's tone, its DTMF echo, holds, transfers to
 * other devices (blind and attended) and the hangups, told to the live call ledger as they
 * happen. Several SIP calls can belong to one conversation: a transfer adds the target's.
 */

export interface ConversationOptions {
  /** Signals and history; undefined when the device is nobody the sandbox knows. */
  readonly live: LiveCall | undefined;
  /** The side of the call the agent devices are on (inbound: callee; click-to-call and outgoing: caller). */
  readonly deviceSide: LegSide;
  /** Who the platform plays: shown as the caller on transfers. */
  readonly customer: { readonly number: string; readonly name: string };
  readonly settings: () => PlatformSettings;
  readonly log: PlatformCallLog;
  readonly now: () => number;
  readonly agentFor: (user: string) => SandboxAgent | undefined;
  /** Every SIP call joining the conversation is announced, so a REFER on it finds the conversation. */
  readonly joined: (call: PhoneCall, conversation: Conversation) => void;
}

export function notAnsweredReason(end: CallEndInfo): NotAnsweredReason {
  if (end.status === 603 || end.cause === 'Rejected') return 'declined';
  if (end.status === 486 || end.cause === 'Busy') return 'busy';
  if (end.status === 487 || end.cause === 'Canceled' || end.cause === 'No Answer') return 'no-answer';
  return 'failed';
}

export class Conversation {
  readonly ended: Promise<CallRecord | undefined>;
  private readonly members = new Set<PhoneCall>();
  /** Calls whose REFER the platform carried out: their device leaves once the transfer is done. */
  private readonly transferors = new Set<PhoneCall>();
  private readonly transfers = new Map<PhoneCall, LiveTransfer | undefined>();
  /** The device call holds and resumes count on: the first, then a transfer target that answered. */
  private agentCall: PhoneCall;
  private connected = false;
  private finished = false;
  private resolveEnded: (record: CallRecord | undefined) => void = () => undefined;

  constructor(
    private readonly options: ConversationOptions,
    deviceCall: PhoneCall,
  ) {
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    this.agentCall = deviceCall;
    this.attach(deviceCall);
  }

  get customer(): ConversationOptions['customer'] {
    return this.options.customer;
  }

  get signalsCallId(): string | null {
    return this.options.live?.callId ?? null;
  }

  /** The customer picks up (or is connected): the tone starts and the call is answered in signals. */
  connectCustomer(): void {
    if (this.connected || this.finished) return;
    this.connected = true;
    this.options.live?.answered();
    for (const call of this.members) if (call.state.kind === 'active') call.setToneHz(this.options.settings().toneHz);
  }

  /** The platform's side hangs up (the customer, or talkMs ran out). */
  hangup(): void {
    for (const call of [...this.members]) call.hangup();
  }

  /** The options of the call a REFER on `from` makes: the customer stays the caller the target sees. */
  referred(from: PhoneCall, refer: ReferRequest, made: PhoneCall | undefined): void {
    if (!made || this.finished) return;
    this.transferors.add(from);
    const agent = this.options.agentFor(refer.targetUser);
    const transfer = agent ? this.options.live?.transfer(agent) : undefined;
    this.transfers.set(made, transfer);
    this.options.log.add(made, {
      number: this.options.customer.number,
      sipUser: agent?.sipUser ?? refer.targetUser,
      purpose: 'transfer',
      signalsCallId: this.signalsCallId,
      startedAtMs: this.options.now(),
    });
    this.attach(made);
  }

  private attach(call: PhoneCall): void {
    this.members.add(call);
    this.options.joined(call, this);
    call.onEvent((event) => {
      switch (event.kind) {
        case 'answered':
          call.setToneHz(this.connected ? this.options.settings().toneHz : 0);
          if (this.transfers.has(call)) {
            this.transfers.get(call)?.answered();
            this.agentCall = call;
          }
          return;
        case 'hold':
          if (event.originator === 'remote' && call === this.agentCall) this.options.live?.held();
          return;
        case 'unhold':
          if (event.originator === 'remote' && call === this.agentCall) this.options.live?.resumed();
          return;
        case 'dtmf': {
          const hz = toneForDigit(event.digit);
          if (hz !== undefined && this.connected) call.setToneHz(hz);
          return;
        }
        case 'ended':
          this.left(call, event.end);
          return;
        default:
          return;
      }
    });
  }

  private left(call: PhoneCall, end: CallEndInfo): void {
    this.members.delete(call);
    if (this.transfers.has(call) && !end.answered) this.transfers.get(call)?.failed(notAnsweredReason(end));
    const remaining = [...this.members].filter((member) => member.state.kind !== 'ended');
    if (remaining.length > 0) {
      // A transferor hanging up after its REFER: the call goes on with the target.
      if (this.transferors.has(call)) this.options.live?.transferorLeft();
      return;
    }
    if (this.finished) return;
    this.finished = true;
    const otherSide: LegSide = this.options.deviceSide === 'caller' ? 'callee' : 'caller';
    const record = this.options.live?.ended({
      by: end.originator === 'remote' ? this.options.deviceSide : otherSide,
      cause: 'answered-hangup',
    });
    this.resolveEnded(record);
  }
}
