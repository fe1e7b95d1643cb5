import type { SipCredentials } from '../../../shared/contract';
import { asksToAnswerItself, decideIncomingCall, PendingCallbacks } from './auto-answer';
import type { CallEndReason, Caller, CallState, PhonePreferences, PhoneStateSink } from './phone-state';
import type { RemoteAudioSink } from './remote-audio';
import type {
  SipEndEvent,
  SipNewSessionEvent,
  SipSessionLike,
  SipUserAgentFactory,
  SipUserAgentLike,
} from './user-agent';

export interface SipPhoneDeps {
  readonly createUserAgent: SipUserAgentFactory;
  readonly sink: PhoneStateSink;
  readonly remoteAudio: RemoteAudioSink;
  /** Epoch milliseconds. */
  readonly now?: () => number;
}

const BUSY_HERE = { status_code: 486, reason_phrase: 'Busy Here' } as const;
const DECLINE = { status_code: 603, reason_phrase: 'Decline' } as const;

/** Credentials complete enough to register; anything less means "not set up yet". */
function isConfigured(c: SipCredentials | null): c is SipCredentials {
  return c !== null && c.wsUrl !== '' && c.domain !== '' && c.user !== '' && c.password !== '';
}

function sameCredentials(a: SipCredentials | null, b: SipCredentials | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function callerOf(session: SipSessionLike): Caller {
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

/**
 * The agent's SIP device: registers with the call center so calls (and click-to-call
 * callbacks) ring here, and handles one incoming call at a time. It owns the JsSIP objects
 * and publishes plain state to a sink, so the UI never touches JsSIP.
 */
export class SipPhone {
  private readonly now: () => number;
  private credentials: SipCredentials | null = null;
  private preferences: PhonePreferences = { dnd: false, autoAnswerClickToCall: true, autoAnswerIntercom: false };
  private ua: SipUserAgentLike | null = null;
  private session: SipSessionLike | null = null;
  private call: CallState = { kind: 'idle' };
  /** Whether the remote audio of the current call already plays. */
  private hearing = false;
  /** This app's click-to-call requests whose callback has not rung yet. */
  private readonly pendingCallbacks = new PendingCallbacks();

  constructor(private readonly deps: SipPhoneDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Applies (new) credentials: registers afresh when they changed, stops when they are incomplete. */
  configure(credentials: SipCredentials | null): void {
    if (this.ua && sameCredentials(this.credentials, credentials)) return;
    this.credentials = credentials;
    this.restart();
  }

  setPreferences(preferences: PhonePreferences): void {
    this.preferences = preferences;
  }

  /** Registers again now, e.g. when the network comes back, instead of waiting for JsSIP's backoff. */
  reconnect(): void {
    // A live call keeps its media path; re-registering under it would tear the socket down.
    if (this.session) return;
    this.restart();
  }

  /**
   * The agent is placing a click-to-call: the call that rings within the next 30 s is its
   * callback (answered by itself, and let through do-not-disturb). The ticket withdraws the
   * expectation when the request fails.
   */
  expectClickToCallCallback(): number {
    return this.pendingCallbacks.expect(this.now());
  }

  cancelClickToCallCallback(ticket: number): void {
    this.pendingCallbacks.cancel(ticket);
  }

  answer(): void {
    const session = this.session;
    if (!session || this.call.kind !== 'ringing') return;
    this.publishCall({ kind: 'answering', id: this.call.id, from: this.call.from });
    try {
      session.answer({
        mediaConstraints: { audio: true, video: false },
        pcConfig: { iceServers: (this.credentials?.iceServers ?? []).map((server) => ({ ...server })) },
      });
    } catch {
      // JsSIP throws when the call is no longer answerable (the caller hung up meanwhile).
      if (this.session === session) this.finish('failed');
    }
  }

  decline(): void {
    const session = this.session;
    if (!session || this.call.kind !== 'ringing') return;
    this.finish('declined');
    session.terminate(DECLINE);
  }

  hangup(): void {
    const session = this.session;
    if (!session) return;
    if (this.call.kind === 'ringing') {
      this.decline();
      return;
    }
    this.finish('local-hangup');
    session.terminate();
  }

  toggleMute(): void {
    const session = this.session;
    if (!session || this.call.kind !== 'in-call') return;
    const muted = !this.call.muted;
    if (muted) session.mute({ audio: true });
    else session.unmute({ audio: true });
    this.publishCall({ ...this.call, muted });
  }

  /** Stops for good (the window closes). */
  dispose(): void {
    this.stopUserAgent();
  }

  private restart(): void {
    this.stopUserAgent();
    const credentials = this.credentials;
    if (!isConfigured(credentials)) {
      this.deps.sink.setRegistration({ kind: 'unconfigured' });
      return;
    }
    let ua: SipUserAgentLike;
    try {
      ua = this.deps.createUserAgent({
        wsUrl: credentials.wsUrl,
        uri: `sip:${credentials.user}@${credentials.domain}`,
        password: credentials.password,
        displayName: credentials.displayName,
      });
    } catch {
      // JsSIP's configuration errors quote the offending value, which may be the password.
      this.deps.sink.setRegistration({ kind: 'failed', reason: 'Configuration Error' });
      return;
    }
    this.ua = ua;
    this.listen(ua);
    this.deps.sink.setRegistration({ kind: 'registering' });
    ua.start();
  }

  private stopUserAgent(): void {
    const ua = this.ua;
    this.ua = null;
    if (this.session) {
      const session = this.session;
      this.finish('failed');
      session.terminate();
    }
    ua?.stop();
  }

  private listen(ua: SipUserAgentLike): void {
    // Events of a user agent already replaced (credentials changed) must not touch the state.
    const current = (): boolean => this.ua === ua;
    ua.on('registered', () => {
      if (current()) this.deps.sink.setRegistration({ kind: 'registered' });
    });
    ua.on('unregistered', () => {
      if (current()) this.deps.sink.setRegistration({ kind: 'registering' });
    });
    ua.on('registrationFailed', (event) => {
      if (current()) this.deps.sink.setRegistration({ kind: 'failed', reason: event.cause ?? 'Registration Failed' });
    });
    ua.on('disconnected', () => {
      // JsSIP keeps retrying; it reports `registered` again once the server is back.
      if (current()) this.deps.sink.setRegistration({ kind: 'failed', reason: 'Connection Error' });
    });
    ua.on('newRTCSession', (event) => {
      if (current() && event.originator === 'remote') this.onIncoming(event);
    });
  }

  private onIncoming(event: SipNewSessionEvent): void {
    const session = event.session;
    const busy = this.session !== null;
    const decision = decideIncomingCall({
      busy,
      dnd: this.preferences.dnd,
      // A ringing or live call never consumes a callback: the real one may still come.
      isOwnCallback: !busy && this.pendingCallbacks.claim(this.now()),
      asksToAnswerItself: asksToAnswerItself({
        callInfo: headerValues(event, 'Call-Info'),
        alertInfo: headerValues(event, 'Alert-Info'),
      }),
      autoAnswerClickToCall: this.preferences.autoAnswerClickToCall,
      autoAnswerIntercom: this.preferences.autoAnswerIntercom,
    });
    if (decision.kind === 'refuse-busy') {
      session.terminate(BUSY_HERE);
      return;
    }
    const autoAnswer = decision.autoAnswer;
    this.session = session;
    const id = session.id;
    const from = callerOf(session);
    const mine = (): boolean => this.session === session;

    session.on('peerconnection', ({ peerconnection }) => this.followRemoteAudio(peerconnection));
    session.on('accepted', () => {
      if (!mine()) return;
      if (session.connection) this.playReceivers(session.connection);
      this.publishCall({ kind: 'in-call', id, from, since: this.now(), muted: false, held: false });
    });
    session.on('confirmed', () => {
      if (mine() && session.connection) this.playReceivers(session.connection);
    });
    session.on('hold', ({ originator }) => {
      if (mine() && originator === 'remote' && this.call.kind === 'in-call')
        this.publishCall({ ...this.call, held: true });
    });
    session.on('unhold', ({ originator }) => {
      if (mine() && originator === 'remote' && this.call.kind === 'in-call')
        this.publishCall({ ...this.call, held: false });
    });
    session.on('ended', (end) => {
      if (mine()) this.finish(end.originator === 'local' ? 'local-hangup' : 'remote-hangup');
    });
    session.on('failed', (end) => {
      if (mine()) this.finish(failureReason(end));
    });

    this.publishCall({ kind: 'ringing', id, from, autoAnswer });
    // After JsSIP has finished with the INVITE (it sends 180 Ringing once this handler returns).
    if (autoAnswer) queueMicrotask(() => mine() && this.answer());
  }

  private followRemoteAudio(connection: RTCPeerConnection): void {
    connection.addEventListener('track', (event: RTCTrackEvent) => {
      if (event.track.kind !== 'audio') return;
      this.hearing = true;
      this.deps.remoteAudio.play(event.streams[0] ?? new MediaStream([event.track]));
    });
  }

  /** Catches a track that arrived before the listener (JsSIP may build the connection first). */
  private playReceivers(connection: RTCPeerConnection): void {
    if (this.hearing) return;
    const tracks = connection
      .getReceivers()
      .map((receiver) => receiver.track)
      .filter((track) => track.kind === 'audio');
    if (tracks.length === 0 || typeof MediaStream !== 'function') return;
    this.hearing = true;
    this.deps.remoteAudio.play(new MediaStream(tracks));
  }

  private finish(reason: CallEndReason): void {
    const from = this.call.kind === 'idle' || this.call.kind === 'ended' ? undefined : this.call.from;
    this.session = null;
    this.hearing = false;
    this.deps.remoteAudio.stop();
    this.publishCall(from ? { kind: 'ended', reason, from } : { kind: 'ended', reason });
  }

  private publishCall(state: CallState): void {
    this.call = state;
    this.deps.sink.setCall(state);
  }
}

/** Our own decline and hangup have finished the call before JsSIP reports it, so only others' failures land here. */
function failureReason(end: SipEndEvent): CallEndReason {
  return end.originator === 'remote' && end.cause === 'Canceled' ? 'canceled' : 'failed';
}
