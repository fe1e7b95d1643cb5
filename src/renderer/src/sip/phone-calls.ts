import { err, ok, type Result } from '../../../shared/result';
import { asksToAnswerItself, decideIncomingCall, type PendingCallbacks } from './auto-answer';
import { endedCallEnd, failedCallEnd, statusCodeOf, type CallEnd } from './call-end';
import { sendDtmfTone, type DtmfTone } from './dtmf';
import { watchMediaPath } from './media-path-watch';
import {
  isEnded,
  type CallDirection,
  type CallEndReason,
  type CallParty,
  type CallStatus,
  type PhoneCall,
  type PhoneCallsState,
  type PhonePreferences,
  type RingStyle,
  type TransferState,
} from './phone-state';
import type { RemoteAudioSink } from './remote-audio';
import { onSession } from './session-actions';
import { browserClock, type TimerClock } from './timer-clock';
import { sipUriFor, sipUserFor, type TargetProblem } from './transfer';
import {
  asReferSubscriber,
  type SipAnswerOptions,
  type SipNewSessionEvent,
  type SipReferNotifyEvent,
  type SipSessionLike,
  type SipUserAgentLike,
} from './user-agent';

/** At most one live call and one more (ringing, waiting or held): what an agent can follow. */
export const MAX_CALLS = 2;

const BUSY_HERE = { status_code: 486, reason_phrase: 'Busy Here' } as const;
const DECLINE = { status_code: 603, reason_phrase: 'Decline' } as const;

/** What the calls need from the phone around them, read at the moment they need it. */
export interface CallEnvironment {
  readonly ua: SipUserAgentLike | null;
  /** The agent's SIP domain: transfer targets and direct calls are `sip:<user>@<domain>`. */
  readonly domain: string;
  readonly iceServers: readonly RTCIceServer[];
  readonly preferences: PhonePreferences;
  /** getUserMedia's audio constraint: the chosen microphone (audio-devices.ts), or true for the default. */
  readonly microphone?: boolean | MediaTrackConstraints;
}

export interface PhoneCallsDeps {
  readonly publish: (state: PhoneCallsState) => void;
  readonly remoteAudio: RemoteAudioSink;
  readonly now: () => number;
  readonly environment: () => CallEnvironment;
  readonly pendingCallbacks: PendingCallbacks;
  /** Timers of the media-path watch; the page's own when absent. */
  readonly clock?: TimerClock;
}

/** Why a call could not be placed, or a transfer started. */
export type CallActionProblem =
  | TargetProblem
  /** No SIP account (or the user agent is being replaced). */
  | 'not-configured'
  /** Two calls already, or the live call cannot be put on hold right now. */
  | 'busy'
  /** The call is not in a state where this makes sense (not established, a transfer already running). */
  | 'not-possible';

/** One SIP session and what the phone knows about it. */
interface Leg {
  readonly session: SipSessionLike;
  call: PhoneCall;
  /** The other side's audio, once its track arrived. */
  stream: MediaStream | null;
  /** Put on hold by the phone itself to consult: resumed when the consultation ends. */
  heldForConsult: boolean;
  /** On a consultation call: the URI dialled, which the REFER with Replaces names. */
  consultUri?: string;
  /** Stops watching the media path (the call ended). */
  stopMediaWatch: (() => void) | null;
}

function partyOf(session: SipSessionLike): CallParty {
  const number = session.remote_identity.uri.user;
  const name = session.remote_identity.display_name?.trim();
  return name && name !== number ? { number, name } : { number };
}

function headerValues(event: SipNewSessionEvent, name: string): string[] {
  try {
    return event.request.getHeaders(name);
  } catch {
    const one = event.request.getHeader(name);
    return one ? [one] : [];
  }
}

type InCall = Extract<CallStatus, { kind: 'in-call' }>;

function inCall(leg: Leg): InCall | null {
  return leg.call.status.kind === 'in-call' ? leg.call.status : null;
}

/** Live and not held by us: the call the agent is talking on (at most one). */
function isTalking(leg: Leg): boolean {
  const status = leg.call.status;
  if (status.kind === 'in-call') return !status.held;
  return status.kind === 'answering' || status.kind === 'dialing';
}

function withTransfer(call: PhoneCall, transfer: TransferState | undefined): PhoneCall {
  const { transfer: _old, ...rest } = call;
  return transfer ? { ...rest, transfer } : rest;
}

/** The status line of a NOTIFY sipfrag as a number (JsSIP's grammar may give it as a string). */
function notifyStatus(event: SipReferNotifyEvent | undefined): number | undefined {
  return statusCodeOf(event?.status_line ?? undefined);
}

/**
 * The phone's calls, at most two: one the agent talks on, the other ringing (call waiting) or
 * held. It owns the JsSIP sessions and keeps the rules that span calls: answering or resuming
 * one holds the other, a third call is refused, a transfer hands a call over only once the
 * other side reports success. Publishes plain state after every change.
 */
export class PhoneCalls {
  /** Oldest first; ended legs stay (as notes) until the next call is added. */
  private legs: Leg[] = [];
  private readonly clock: TimerClock;

  constructor(private readonly deps: PhoneCallsDeps) {
    this.clock = deps.clock ?? browserClock;
  }

  /** Whether any call rings or is live (a reconnect must not tear its socket down). */
  get active(): boolean {
    return this.openLegs().length > 0;
  }

  // ——— incoming ———

  incoming(event: SipNewSessionEvent): void {
    const session = event.session;
    const { preferences } = this.deps.environment();
    const open = this.openLegs();
    const busy = open.length > 0;
    const only = open.length === 1 ? open[0] : undefined;
    const decision = decideIncomingCall({
      busy,
      waitingAllowed: preferences.callWaiting && only !== undefined && only.call.status.kind === 'in-call',
      dnd: preferences.dnd,
      // A ringing or live call never consumes a callback: the real one may still come.
      isOwnCallback: !busy && this.deps.pendingCallbacks.claim(this.deps.now()),
      asksToAnswerItself: asksToAnswerItself({
        callInfo: headerValues(event, 'Call-Info'),
        alertInfo: headerValues(event, 'Alert-Info'),
      }),
      autoAnswerClickToCall: preferences.autoAnswerClickToCall,
      autoAnswerIntercom: preferences.autoAnswerIntercom,
    });
    if (decision.kind === 'refuse-busy') {
      onSession(session, () => session.terminate(BUSY_HERE));
      return;
    }
    const leg = this.addLeg(session, 'inbound', {
      kind: 'ringing',
      autoAnswer: decision.autoAnswer,
      ringStyle: busy ? 'waiting' : 'full',
    });
    session.on('peerconnection', ({ peerconnection }) => this.followConnection(leg, peerconnection));
    this.publish();
    // After JsSIP has finished with the INVITE (it sends 180 Ringing once this handler returns).
    if (decision.autoAnswer) queueMicrotask(() => this.isOpen(leg) && this.answer(leg.call.id));
  }

  // ——— outgoing ———

  /** Calls `input` (a number or an extension) directly over SIP; the live call, if any, is held first. */
  placeCall(input: string): Result<string, CallActionProblem> {
    const user = sipUserFor(input);
    if (!user.ok) return err(user.error);
    const env = this.deps.environment();
    if (!env.ua || env.domain === '') return err('not-configured');
    if (this.openLegs().length >= MAX_CALLS) return err('busy');
    const talking = this.talkingLeg();
    if (talking && !this.hold(talking)) return err('busy');
    const leg = this.dial(env, sipUriFor(user.value, env.domain));
    if (leg) return ok(leg.call.id);
    if (talking) this.resume(talking);
    return err('not-possible');
  }

  // ——— the agent's buttons ———

  answer(id?: string): void {
    const leg = id ? this.find(id) : this.openLegs().find((l) => l.call.status.kind === 'ringing');
    if (!leg || leg.call.status.kind !== 'ringing') return;
    // Call waiting: the call the agent is on waits on hold while they take this one.
    const talking = this.talkingLeg();
    if (talking && !this.hold(talking)) return;
    this.setStatus(leg, { kind: 'answering' });
    const options = this.mediaOptions();
    // JsSIP throws when the call is no longer answerable (the caller hung up meanwhile).
    if (!onSession(leg.session, () => leg.session.answer(options)).ok && this.isOpen(leg))
      this.finish(leg, { reason: 'failed' });
  }

  decline(id?: string): void {
    const leg = id ? this.find(id) : this.openLegs().find((l) => l.call.status.kind === 'ringing');
    if (!leg || leg.call.status.kind !== 'ringing') return;
    this.finish(leg, { reason: 'declined' });
    this.terminate(leg, DECLINE);
  }

  hangup(id?: string): void {
    const leg = this.target(id);
    if (!leg) return;
    if (leg.call.status.kind === 'ringing') {
      this.decline(leg.call.id);
      return;
    }
    this.finish(leg, { reason: 'local-hangup' });
    this.terminate(leg);
  }

  toggleMute(id?: string): void {
    const leg = this.target(id);
    const status = leg ? inCall(leg) : null;
    if (!leg || !status) return;
    const muted = !status.muted;
    const done = onSession(leg.session, () =>
      muted ? leg.session.mute({ audio: true }) : leg.session.unmute({ audio: true }),
    );
    if (done.ok) this.setStatus(leg, { ...status, muted });
  }

  /** Holds the call, or resumes it; resuming holds the call the agent was on (swap). */
  toggleHold(id?: string): void {
    const leg = this.target(id);
    const status = leg ? inCall(leg) : null;
    if (!leg || !status) return;
    if (!status.held) {
      this.hold(leg);
      return;
    }
    const talking = this.talkingLeg();
    if (talking && talking !== leg && !this.hold(talking)) return;
    this.resume(leg);
  }

  sendDtmf(tone: DtmfTone, id?: string): boolean {
    const leg = this.target(id);
    if (!leg || !inCall(leg)) return false;
    return sendDtmfTone(leg.session, tone, this.deps.environment().preferences.dtmfMode);
  }

  // ——— transfer ———

  /** REFER to `input`; the call is handed over (and ends here) once the other side reports success. */
  blindTransfer(input: string, id?: string): Result<void, CallActionProblem> {
    const leg = this.target(id);
    if (!leg || !inCall(leg) || this.transferRunning(leg) || leg.call.consultFor) return err('not-possible');
    const user = sipUserFor(input);
    if (!user.ok) return err(user.error);
    const env = this.deps.environment();
    if (env.domain === '') return err('not-configured');
    const subscriber = this.refer(leg, sipUriFor(user.value, env.domain));
    if (!subscriber) return err('not-possible');
    this.setTransfer(leg, { kind: 'blind', target: user.value });
    this.followReferOutcome(leg, subscriber, () => this.handOver([leg]));
    return ok(undefined);
  }

  /** Attended transfer, first step: holds the call and calls `input` on a second line. */
  consult(input: string, id?: string): Result<void, CallActionProblem> {
    const leg = this.target(id);
    const status = leg ? inCall(leg) : null;
    if (!leg || !status || this.transferRunning(leg) || leg.call.consultFor) return err('not-possible');
    const user = sipUserFor(input);
    if (!user.ok) return err(user.error);
    const env = this.deps.environment();
    if (!env.ua || env.domain === '') return err('not-configured');
    if (this.openLegs().length >= MAX_CALLS) return err('busy');
    const heldNow = !status.held;
    if (heldNow && !this.hold(leg)) return err('busy');
    const uri = sipUriFor(user.value, env.domain);
    const consult = this.dial(env, uri, leg.call.id);
    if (!consult) {
      if (heldNow) this.resume(leg);
      return err('not-possible');
    }
    leg.heldForConsult = heldNow;
    consult.consultUri = uri;
    this.setTransfer(leg, { kind: 'consulting', target: user.value, consultId: consult.call.id });
    return ok(undefined);
  }

  /**
   * Attended transfer, last step: asks the held party (REFER with Replaces, RFC 5589) to call
   * the consulted party in place of this phone. `id` may name either call.
   */
  completeTransfer(id?: string): void {
    const pair = this.consultPair(id);
    const transfer = pair?.original.call.transfer;
    if (!pair || transfer?.kind !== 'consulting' || !inCall(pair.consult)) return;
    const { original, consult } = pair;
    const target = transfer.target;
    const subscriber = this.refer(original, consult.consultUri ?? '', consult.session);
    if (!subscriber) {
      this.transferFailed(original, target);
      return;
    }
    this.setTransfer(original, { kind: 'completing', target, consultId: consult.call.id });
    this.followReferOutcome(original, subscriber, () => this.handOver([original, consult]));
  }

  /** Ends the consultation and resumes the held caller. `id` may name either call. */
  backToCaller(id?: string): void {
    const pair = this.consultPair(id);
    if (!pair || pair.original.call.transfer?.kind !== 'consulting') return;
    this.hangup(pair.consult.call.id);
    // Even when the agent had held the caller themselves before consulting: this button says "back".
    if (!this.talkingLeg()) this.resume(pair.original);
  }

  /** The media path of the call the agent talks on (for call-quality sampling); null when none. */
  talkingConnection(): RTCPeerConnection | null {
    const leg = this.talkingLeg();
    return leg && inCall(leg) ? (leg.session.connection ?? null) : null;
  }

  /** Ends every call at once (the user agent stops). */
  terminateAll(): void {
    for (const leg of this.openLegs()) {
      this.finish(leg, { reason: 'failed' });
      this.terminate(leg);
    }
  }

  /**
   * The user agent's signalling connection dropped (JsSIP's `disconnected`). JsSIP keeps an
   * established call (its media does not pass through the SIP server, a blip must not end it),
   * but it destroys every transaction on that connection, the INVITE of a call still ringing or
   * being answered included: such a call can never be answered any more (JsSIP would send the
   * 200 OK nowhere and stay "answering" for good), so it ends here. A call in progress is left
   * to its media-path watch: the far end's BYE may not find this phone on its new connection,
   * but a far end that hung up stops sending, and the watch ends the call.
   */
  signallingLost(): void {
    for (const leg of this.openLegs()) {
      const kind = leg.call.status.kind;
      if (kind !== 'ringing' && kind !== 'answering') continue;
      this.finish(leg, { reason: 'connection-lost' });
      this.terminate(leg);
    }
  }

  // ——— internals ———

  private openLegs(): Leg[] {
    return this.legs.filter((leg) => !isEnded(leg.call));
  }

  private isOpen(leg: Leg): boolean {
    return this.legs.includes(leg) && !isEnded(leg.call);
  }

  private find(id: string): Leg | undefined {
    return this.legs.find((leg) => leg.call.id === id && !isEnded(leg.call));
  }

  /** The call a button without an explicit call acts on: the focused one. */
  private target(id: string | undefined): Leg | undefined {
    if (id) return this.find(id);
    const focused = this.focusedLeg();
    return focused && !isEnded(focused.call) ? focused : undefined;
  }

  private talkingLeg(): Leg | undefined {
    return this.openLegs().find(isTalking);
  }

  /**
   * The call the keypad and the shortcuts act on: the one the agent talks on, else the one
   * ringing, else the one held, else the call that just ended (so its note has a home).
   */
  private focusedLeg(): Leg | undefined {
    const open = this.openLegs();
    return (
      open.find(isTalking) ?? open.find((leg) => leg.call.status.kind === 'ringing') ?? open.at(-1) ?? this.legs.at(-1)
    );
  }

  private transferRunning(leg: Leg): boolean {
    const kind = leg.call.transfer?.kind;
    return kind === 'blind' || kind === 'consulting' || kind === 'completing';
  }

  private consultPair(id: string | undefined): { original: Leg; consult: Leg } | undefined {
    const leg = this.target(id) ?? this.openLegs().find((l) => l.call.transfer?.kind === 'consulting');
    if (!leg) return undefined;
    const originalId = leg.call.consultFor ?? leg.call.id;
    const original = this.find(originalId);
    const transfer = original?.call.transfer;
    if (!original || (transfer?.kind !== 'consulting' && transfer?.kind !== 'completing')) return undefined;
    const consult = this.find(transfer.consultId);
    return consult ? { original, consult } : undefined;
  }

  private mediaOptions(): SipAnswerOptions {
    const { iceServers, microphone } = this.deps.environment();
    return {
      mediaConstraints: { audio: microphone ?? true, video: false },
      pcConfig: { iceServers: iceServers.map((server) => ({ ...server })) },
    };
  }

  private dial(env: CallEnvironment, uri: string, consultFor?: string): Leg | undefined {
    let session: SipSessionLike;
    try {
      session = env.ua!.call(uri, this.mediaOptions());
    } catch {
      // JsSIP throws for a target it cannot parse or a UA that is not running.
      return undefined;
    }
    const leg = this.addLeg(session, 'outbound', { kind: 'dialing', progress: 'trying' }, consultFor);
    // JsSIP built the connection inside call(), before any listener could see 'peerconnection'.
    if (session.connection) this.followConnection(leg, session.connection);
    session.on('progress', ({ response }) => {
      const code = response?.status_code;
      if (this.isOpen(leg) && leg.call.status.kind === 'dialing' && (code === 180 || code === 183))
        this.setStatus(leg, { kind: 'dialing', progress: 'ringing' });
    });
    this.publish();
    return leg;
  }

  private addLeg(session: SipSessionLike, direction: CallDirection, status: CallStatus, consultFor?: string): Leg {
    // A new call replaces the notes of calls that ended before it.
    this.legs = this.openLegs();
    const call: PhoneCall = {
      id: session.id,
      direction,
      remote: partyOf(session),
      status,
      ...(consultFor ? { consultFor } : {}),
    };
    const leg: Leg = {
      session,
      call,
      stream: null,
      heldForConsult: false,
      stopMediaWatch: null,
    };
    this.legs.push(leg);
    this.listen(leg);
    return leg;
  }

  private listen(leg: Leg): void {
    const { session } = leg;
    const mine = (): boolean => this.isOpen(leg);
    session.on('accepted', () => {
      if (!mine()) return;
      if (session.connection) this.playReceivers(leg, session.connection);
      this.setStatus(leg, { kind: 'in-call', since: this.deps.now(), muted: false, held: false, remoteHeld: false });
    });
    session.on('confirmed', () => {
      if (mine() && session.connection) this.playReceivers(leg, session.connection);
    });
    session.on('hold', ({ originator }) => {
      const status = inCall(leg);
      if (!mine() || !status) return;
      this.setStatus(leg, originator === 'remote' ? { ...status, remoteHeld: true } : { ...status, held: true });
    });
    session.on('unhold', ({ originator }) => {
      const status = inCall(leg);
      if (!mine() || !status) return;
      this.setStatus(leg, originator === 'remote' ? { ...status, remoteHeld: false } : { ...status, held: false });
    });
    session.on('ended', (end) => {
      if (mine()) this.finish(leg, endedCallEnd(end));
    });
    session.on('failed', (end) => {
      if (mine()) this.finish(leg, failedCallEnd(leg.call.direction, end));
    });
    // The other side asking this phone to transfer them: not something an agent's phone does on its own.
    session.on('refer', (offer) => onSession(session, () => offer.reject()));
    // An INVITE that replaces this call (someone completing an attended transfer to this agent):
    // let it in as a new call, which rings like any other (it never answers itself).
    session.on('replaces', (offer) => onSession(session, () => offer.accept()));
  }

  private hold(leg: Leg): boolean {
    const status = inCall(leg);
    if (!status) return false;
    if (status.held) return true;
    const held = onSession(leg.session, () => leg.session.hold());
    if (!held.ok || !held.value) return false;
    const now = inCall(leg);
    if (now) this.setStatus(leg, { ...now, held: true });
    return true;
  }

  private resume(leg: Leg): boolean {
    const status = inCall(leg);
    if (!status) return false;
    if (!status.held) return true;
    const resumed = onSession(leg.session, () => leg.session.unhold());
    if (!resumed.ok || !resumed.value) return false;
    leg.heldForConsult = false;
    const now = inCall(leg);
    if (now) this.setStatus(leg, { ...now, held: false });
    return true;
  }

  private refer(leg: Leg, uri: string, replaces?: SipSessionLike): ReturnType<typeof asReferSubscriber> {
    // JsSIP throws for a target it cannot parse, or a session that ended meanwhile.
    const sent = onSession(leg.session, () => leg.session.refer(uri, replaces ? { replaces } : undefined));
    return sent.ok ? asReferSubscriber(sent.value) : null;
  }

  /** How the other side's call to the target went: handed over on `accepted`, kept otherwise. */
  private followReferOutcome(
    leg: Leg,
    subscriber: NonNullable<ReturnType<typeof asReferSubscriber>>,
    handOver: () => void,
  ): void {
    const target = leg.call.transfer?.target ?? '';
    const stillTransferring = (): boolean => this.isOpen(leg) && this.transferRunning(leg);
    subscriber.on('requestFailed', (event) => {
      if (stillTransferring()) this.transferFailed(leg, target, statusCodeOf(event.response ?? undefined));
    });
    subscriber.on('failed', (event) => {
      if (stillTransferring()) this.transferFailed(leg, target, notifyStatus(event));
    });
    // RFC 5589: the NOTIFY with a 2xx sipfrag says the transferee reached the target; only then
    // does this phone let go of its own leg.
    subscriber.on('accepted', () => {
      // Also when the other side already hung up on us (some send BYE before their NOTIFY).
      if (this.legs.includes(leg) && this.transferRunning(leg)) handOver();
    });
  }

  private handOver(legs: readonly Leg[]): void {
    for (const leg of legs) {
      if (this.isOpen(leg)) {
        this.finish(leg, { reason: 'transferred' });
        this.terminate(leg);
      } else if (leg.call.status.kind === 'ended' && leg.call.status.reason === 'remote-hangup') {
        leg.call = { ...leg.call, status: { kind: 'ended', reason: 'transferred' } };
        this.publish();
      }
    }
  }

  /** The call stays with the agent, who is told; a caller held for the consultation is resumed. */
  private transferFailed(leg: Leg, target: string, sipStatus?: number): void {
    const consultId = leg.call.transfer?.kind === 'completing' ? leg.call.transfer.consultId : undefined;
    this.setTransfer(leg, { kind: 'failed', target, ...(sipStatus !== undefined ? { sipStatus } : {}) });
    if (consultId) {
      // The consultation stays up, on hold: the agent may try again or hang it up.
      const consult = this.find(consultId);
      if (consult) {
        const { consultFor: _gone, ...rest } = consult.call;
        consult.call = rest;
        if (inCall(consult) && !this.hold(consult)) return;
      }
    }
    if (leg.heldForConsult) this.resume(leg);
    else this.publish();
  }

  private finish(leg: Leg, end: CallEnd): void {
    const ended: CallStatus = {
      kind: 'ended',
      reason: end.reason,
      ...(end.sipStatus !== undefined ? { sipStatus: end.sipStatus } : {}),
    };
    leg.call = { ...leg.call, status: ended };
    leg.stream = null;
    leg.stopMediaWatch?.();
    leg.stopMediaWatch = null;
    this.afterEnd(leg, end.reason);
    this.updateAudio();
    this.publish();
  }

  /** What the end of one call means for the other one. */
  private afterEnd(leg: Leg, reason: CallEndReason): void {
    for (const other of this.openLegs()) {
      const transfer = other.call.transfer;
      // The consultation ended before the transfer completed: back to the held caller.
      if (transfer && 'consultId' in transfer && transfer.consultId === leg.call.id) {
        if (transfer.kind === 'completing' && reason === 'remote-hangup') {
          // The target hangs up on us when the transferee's INVITE replaced our leg: expected.
          continue;
        }
        if (transfer.kind === 'consulting') {
          other.call = withTransfer(other.call, undefined);
          if (other.heldForConsult && !this.talkingLeg()) this.resume(other);
        }
      }
      // The held caller hung up while the agent consulted: the consultation is an ordinary call now.
      if (other.call.consultFor === leg.call.id) {
        const { consultFor: _gone, ...rest } = other.call;
        other.call = rest;
      }
    }
  }

  private setStatus(leg: Leg, status: CallStatus): void {
    leg.call = { ...leg.call, status };
    this.updateAudio();
    this.publish();
  }

  private setTransfer(leg: Leg, transfer: TransferState | undefined): void {
    leg.call = withTransfer(leg.call, transfer);
    this.publish();
  }

  /**
   * Ends the SIP session of a call the phone has already marked ended. JsSIP may have ended it
   * first (a BYE or CANCEL crossing the agent's click, a transport error): then its terminate()
   * throws INVALID_STATE_ERROR, which is nothing to report, the call is over either way.
   */
  private terminate(leg: Leg, options?: { status_code: number; reason_phrase: string }): void {
    onSession(leg.session, () => leg.session.terminate(options));
  }

  /** The call's RTCPeerConnection: its audio is played, and its media path watched. */
  private followConnection(leg: Leg, connection: RTCPeerConnection): void {
    this.followRemoteAudio(leg, connection);
    if (leg.stopMediaWatch) return;
    leg.stopMediaWatch = watchMediaPath(connection, this.clock, () => {
      if (!this.isOpen(leg)) return;
      // The far end is gone (its BYE lost with our signalling, or its network dead): a call
      // that carries nothing is ended, and told as such, rather than shown live forever.
      this.finish(leg, { reason: 'connection-lost' });
      this.terminate(leg);
    });
  }

  private followRemoteAudio(leg: Leg, connection: RTCPeerConnection): void {
    connection.addEventListener('track', (event: RTCTrackEvent) => {
      if (event.track.kind !== 'audio' || !this.isOpen(leg)) return;
      leg.stream = event.streams[0] ?? new MediaStream([event.track]);
      this.updateAudio();
    });
  }

  /** Catches a track that arrived before the listener (JsSIP may build the connection first). */
  private playReceivers(leg: Leg, connection: RTCPeerConnection): void {
    if (leg.stream) return;
    const tracks = connection
      .getReceivers()
      .map((receiver) => receiver.track)
      .filter((track) => track.kind === 'audio');
    if (tracks.length === 0 || typeof MediaStream !== 'function') return;
    leg.stream = new MediaStream(tracks);
    this.updateAudio();
  }

  /** One speaker: the call the agent talks on is heard; a held call has nothing to hear. */
  private updateAudio(): void {
    const talking = this.talkingLeg();
    if (talking?.stream) this.deps.remoteAudio.play(talking.stream);
    else this.deps.remoteAudio.stop();
  }

  private publish(): void {
    const open = this.openLegs();
    const calls = this.legs.map((leg) => {
      const status = leg.call.status;
      if (status.kind !== 'ringing') return leg.call;
      // The tone follows the situation: full again once the other call is gone.
      const ringStyle: RingStyle = open.some((other) => other !== leg) ? 'waiting' : 'full';
      return ringStyle === status.ringStyle ? leg.call : { ...leg.call, status: { ...status, ringStyle } };
    });
    this.deps.publish({ calls, focusedId: this.focusedLeg()?.call.id ?? null });
  }
}
