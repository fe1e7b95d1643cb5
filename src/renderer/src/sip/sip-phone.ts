import type { SipCredentials } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { PendingCallbacks } from './auto-answer';
import type { DtmfTone } from './dtmf';
import { PhoneCalls, type CallActionProblem } from './phone-calls';
import { DEFAULT_PHONE_PREFERENCES, type PhonePreferences, type PhoneStateSink } from './phone-state';
import { registrationView, serverReplyOf, STARTING, type ConnectionFacts } from './registration-model';
import type { RemoteAudioSink } from './remote-audio';
import { SipWatchdog } from './sip-watchdog';
import { browserClock, type TimerClock } from './timer-clock';
import type { SipSessionLike, SipUserAgentFactory, SipUserAgentLike } from './user-agent';

export interface SipPhoneDeps {
  readonly createUserAgent: SipUserAgentFactory;
  readonly sink: PhoneStateSink;
  readonly remoteAudio: RemoteAudioSink;
  /** Epoch milliseconds. */
  readonly now?: () => number;
  /** Timers of the connection watchdog (keepalive, reconnect); the page's own when absent. */
  readonly clock?: TimerClock;
  /** Whether the browser believes it has a network (navigator.onLine). */
  readonly isOnline?: () => boolean;
  /** The audio constraint that opens the chosen microphone when a call is answered or placed. */
  readonly microphone?: () => boolean | MediaTrackConstraints;
  /** Every new call (incoming or outgoing) with its SIP Call-ID: its media (devices, quality) is followed from there. */
  readonly onSession?: (session: SipSessionLike, sipCallId: string | undefined) => void;
}

/** Credentials complete enough to register; anything less means "not set up yet". */
export function isConfigured(c: SipCredentials | null): c is SipCredentials {
  return c !== null && c.wsUrl !== '' && c.domain !== '' && c.user !== '' && c.password !== '';
}

function sameCredentials(a: SipCredentials | null, b: SipCredentials | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The agent's SIP device: registers with the call center so calls (and click-to-call
 * callbacks) ring here; its calls (at most two: call waiting, hold, transfer, direct dialing)
 * are PhoneCalls'. It owns the JsSIP objects and publishes plain state to a sink, so the UI
 * never touches JsSIP.
 */
export class SipPhone {
  private readonly now: () => number;
  private credentials: SipCredentials | null = null;
  private preferences: PhonePreferences = DEFAULT_PHONE_PREFERENCES;
  private ua: SipUserAgentLike | null = null;
  /** Keepalive and reconnection of the current user agent's connection (when it exposes one). */
  private watchdog: SipWatchdog | null = null;
  private facts: ConnectionFacts = STARTING;
  /** This app's click-to-call requests whose callback has not rung yet. */
  private readonly pendingCallbacks = new PendingCallbacks();
  private readonly calls: PhoneCalls;

  constructor(private readonly deps: SipPhoneDeps) {
    this.now = deps.now ?? Date.now;
    this.calls = new PhoneCalls({
      publish: (state) => deps.sink.setCalls(state),
      remoteAudio: deps.remoteAudio,
      now: this.now,
      clock: deps.clock ?? browserClock,
      pendingCallbacks: this.pendingCallbacks,
      environment: () => ({
        ua: this.ua,
        domain: this.credentials?.domain ?? '',
        iceServers: (this.credentials?.iceServers ?? []).map((server) => ({ ...server })),
        preferences: this.preferences,
        microphone: this.deps.microphone?.() ?? true,
      }),
    });
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

  /** The network is back: reconnect (or check the connection) now instead of waiting for the backoff. */
  reconnect(): void {
    this.updateFacts({ network: 'online' });
    if (this.watchdog) {
      // One UA, one registrator: the watchdog reconnects the same socket, never a second REGISTER.
      this.watchdog.online();
      return;
    }
    // A live call keeps its media path; re-registering under it would tear the socket down.
    if (this.calls.active) return;
    this.restart();
  }

  /** The browser lost the network: say so now, before the socket finds out. */
  networkLost(): void {
    this.updateFacts({ network: 'offline' });
  }

  /** The machine woke from sleep (the host's systemResumed event). */
  systemResumed(): void {
    if (this.watchdog) this.watchdog.resumed();
    else this.reconnect();
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

  /** Answers the call ringing (or the one named); a call the agent is on is held first. */
  answer(id?: string): void {
    this.calls.answer(id);
  }

  decline(id?: string): void {
    this.calls.decline(id);
  }

  hangup(id?: string): void {
    this.calls.hangup(id);
  }

  toggleMute(id?: string): void {
    this.calls.toggleMute(id);
  }

  /** Hold, or resume (which holds the other call: the agent swaps between two). */
  toggleHold(id?: string): void {
    this.calls.toggleHold(id);
  }

  sendDtmf(tone: DtmfTone, id?: string): boolean {
    return this.calls.sendDtmf(tone, id);
  }

  /** Dials a number or extension directly over SIP (the `dialVia: 'sip'` way). */
  placeCall(target: string): Result<string, CallActionProblem> {
    return this.calls.placeCall(target);
  }

  blindTransfer(target: string, id?: string): Result<void, CallActionProblem> {
    return this.calls.blindTransfer(target, id);
  }

  consult(target: string, id?: string): Result<void, CallActionProblem> {
    return this.calls.consult(target, id);
  }

  completeTransfer(id?: string): void {
    this.calls.completeTransfer(id);
  }

  backToCaller(id?: string): void {
    this.calls.backToCaller(id);
  }

  /** The media path of the call the agent talks on, e.g. to sample its quality; null when none. */
  liveConnection(): RTCPeerConnection | null {
    return this.calls.talkingConnection();
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
    this.facts = { ...STARTING, network: this.deps.isOnline?.() === false ? 'offline' : 'online' };
    this.publishRegistration();
    if (ua.link) {
      this.watchdog = new SipWatchdog({
        link: ua.link,
        clock: this.deps.clock ?? browserClock,
        hasLiveCall: () => this.calls.active,
        onHealth: (health) => {
          if (this.ua === ua) this.updateFacts({ transport: health === 'dead' ? 'dead' : 'open' });
        },
      });
    }
    ua.start();
  }

  private stopUserAgent(): void {
    const ua = this.ua;
    this.ua = null;
    this.watchdog?.dispose();
    this.watchdog = null;
    this.calls.terminateAll();
    ua?.stop();
  }

  private listen(ua: SipUserAgentLike): void {
    // Events of a user agent already replaced (credentials changed) must not touch the state.
    const current = (): boolean => this.ua === ua;
    ua.on('connected', () => {
      // JsSIP sends its REGISTER on every connect by itself.
      if (current()) this.updateFacts({ transport: 'open', registration: { kind: 'none' } });
    });
    ua.on('registered', () => {
      if (!current()) return;
      this.watchdog?.registered();
      this.updateFacts({ transport: 'open', registration: { kind: 'registered' } });
    });
    ua.on('unregistered', () => {
      // After a disconnect JsSIP also reports `unregistered`: the transport's state says why.
      if (current()) this.updateFacts({ registration: { kind: 'none' } });
    });
    ua.on('registrationFailed', (event) => {
      if (!current()) return;
      const cause = event.cause ?? 'Registration Failed';
      // The socket closed under the REGISTER: that is the transport's news (disconnected), not a refusal.
      if (cause === 'Connection Error') return;
      const status = event.response?.status_code;
      this.watchdog?.registrationFailed({ cause, status });
      const serverReply = serverReplyOf(event.response);
      this.updateFacts({
        transport: 'open',
        registration: serverReply ? { kind: 'failed', reason: cause, serverReply } : { kind: 'failed', reason: cause },
      });
    });
    ua.on('disconnected', () => {
      // The watchdog (or JsSIP) reconnects; JsSIP registers again once the server is back.
      if (!current()) return;
      this.updateFacts({ transport: 'down', registration: { kind: 'none' } });
      this.calls.signallingLost();
    });
    ua.on('newRTCSession', (event) => {
      // First, so the media of a call refused at once (busy) is still followed to its end.
      if (current()) this.deps.onSession?.(event.session, event.request.call_id);
    });
    ua.on('newRTCSession', (event) => {
      if (current() && event.originator === 'remote') this.calls.incoming(event);
    });
  }

  private updateFacts(change: Partial<ConnectionFacts>): void {
    this.facts = { ...this.facts, ...change };
    this.publishRegistration();
  }

  private publishRegistration(): void {
    // Before any user agent (unconfigured, bad configuration) the state was published as is.
    if (this.ua) this.deps.sink.setRegistration(registrationView(this.facts));
  }
}
