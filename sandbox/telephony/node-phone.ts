import type { RTCSessionEvent, UA } from 'jssip/lib/UA';
import type { ReferEvent, RTCSession } from 'jssip/lib/RTCSession';
import type { NameAddrHeader } from 'jssip/lib/NameAddrHeader';
import { ToneSender } from './audio';
import { closeTransportNow, releaseTransactionTimers } from './jssip-internals';
import { PhoneCall, type DialOptions, type PhoneCallHost, type ReferRequest } from './phone-call';
import type { WebRtcRuntime } from './webrtc';

export { PhoneCall } from './phone-call';
export type {
  AudioBytes,
  CallEndInfo,
  DialOptions,
  PhoneCallEvent,
  PhoneCallState,
  ReferRequest,
  TransferResult,
} from './phone-call';

/**
 * A SIP phone under Node: JsSIP over a WebSocket with libwebrtc (wrtc) for real audio. The
 * sandbox's platform phone is one; tests use more as the agent's device or a colleague's
 * (the third phone of a transfer). It registers as any user, calls and answers (at once, after
 * a delay, or on command), declines, hangs up, holds, sends and receives INFO DTMF, accepts
 * REFER (blind and attended transfers) and INVITEs that replace one of its calls, and reports
 * the audio bytes it sent and received and the level of what it hears.
 */

export type IncomingPolicy =
  | { readonly kind: 'manual' }
  | { readonly kind: 'answer'; readonly afterMs?: number }
  | { readonly kind: 'decline'; readonly status?: number };

export type ReferDecision = { readonly accept: true; readonly options?: DialOptions } | { readonly accept: false };

export interface NodePhoneOptions {
  readonly runtime: WebRtcRuntime;
  readonly wsUrl: string;
  readonly domain: string;
  readonly user: string;
  readonly password?: string;
  readonly displayName?: string;
  /** Default tone of this phone's calls; default 440 Hz. */
  readonly toneHz?: number;
  /** Default manual: answer or decline with waitForIncoming()/onIncoming(). */
  readonly incoming?: IncomingPolicy;
  /** Default: accept every REFER and call the target from this phone. */
  readonly onRefer?: (call: PhoneCall, refer: ReferRequest) => ReferDecision;
  /** Default 10 s. */
  readonly registerTimeoutMs?: number;
  /** An incoming call nobody answers is refused (408) after this long; JsSIP's default 60 s. */
  readonly noAnswerTimeoutSeconds?: number;
}

export type PhoneStart =
  { readonly ok: true; readonly phone: NodePhone } | { readonly ok: false; readonly message: string };

interface PendingOutgoing {
  readonly toneHz: number;
  readonly tone: ToneSender;
  readonly origin: PhoneCall['origin'];
}

export class NodePhone implements PhoneCallHost {
  /** Every call of this phone, oldest first. */
  readonly calls: PhoneCall[] = [];
  private readonly live = new Set<PhoneCall>();
  private readonly incomingListeners = new Set<(call: PhoneCall) => void>();
  private readonly callListeners = new Set<(call: PhoneCall) => void>();
  private readonly incomingWaiters: { match: (call: PhoneCall) => boolean; resolve: (call: PhoneCall) => void }[] = [];
  /** Set just before JsSIP creates an outgoing session (it announces it synchronously). */
  private pendingOutgoing: PendingOutgoing | undefined;
  /** Sessions JsSIP creates for an INVITE with Replaces that this phone accepted. */
  private readonly replacing = new WeakMap<RTCSession, PhoneCall>();
  private registeredNow = false;
  private stopping: Promise<void> | undefined;
  private readonly registrationListeners = new Set<(registered: boolean) => void>();

  private constructor(
    readonly options: NodePhoneOptions,
    private readonly ua: UA,
  ) {
    ua.on('newRTCSession', (event: RTCSessionEvent) => {
      const { session, request } = event;
      if (event.originator === 'local') {
        const pending = this.pendingOutgoing;
        this.pendingOutgoing = undefined;
        const call = new PhoneCall(
          this,
          session,
          'outgoing',
          request,
          pending?.toneHz ?? this.toneHz,
          pending?.tone,
          pending?.origin,
        );
        this.track(call);
        return;
      }
      const replaced = this.replacing.get(session);
      const call = new PhoneCall(
        this,
        session,
        'incoming',
        request,
        this.toneHz,
        undefined,
        replaced ? { kind: 'replaces', call: replaced } : undefined,
      );
      this.track(call);
      // An INVITE with Replaces was accepted already: the consulted call is swapped for it.
      if (replaced) {
        queueMicrotask(() => call.answer());
        return;
      }
      this.offer(call);
    });
    ua.on('registered', () => this.setRegistered(true));
    ua.on('unregistered', () => this.setRegistered(false));
    ua.on('registrationFailed', () => this.setRegistered(false));
    ua.on('disconnected', () => this.setRegistered(false));
  }

  /** Connects and registers; resolves once registered (or why not). */
  static async start(options: NodePhoneOptions): Promise<PhoneStart> {
    const { JsSIP, NodeWebSocket } = options.runtime;
    const ua = new JsSIP.UA({
      sockets: [new NodeWebSocket(options.wsUrl)],
      uri: `sip:${options.user}@${options.domain}`,
      ...(options.password === undefined ? {} : { password: options.password }),
      ...(options.displayName === undefined ? {} : { display_name: options.displayName }),
      register: true,
      register_expires: 300,
      session_timers: false,
      ...(options.noAnswerTimeoutSeconds === undefined ? {} : { no_answer_timeout: options.noAnswerTimeoutSeconds }),
      // After a SIP server restart: reconnect (and register again) within a couple of seconds.
      connection_recovery_min_interval: 1,
      connection_recovery_max_interval: 2,
      user_agent: 'AntRing sandbox phone',
    });
    const phone = new NodePhone(options, ua);
    const registered = await new Promise<{ ok: true } | { ok: false; message: string }>((resolve) => {
      const timer = setTimeout(
        () => resolve({ ok: false, message: `${options.user} did not register in time` }),
        options.registerTimeoutMs ?? 10_000,
      );
      const settle = (result: { ok: true } | { ok: false; message: string }): void => {
        clearTimeout(timer);
        resolve(result);
      };
      ua.on('registered', () => settle({ ok: true }));
      ua.on('registrationFailed', (event) =>
        settle({ ok: false, message: `${options.user} could not register: ${String(event.cause ?? 'unknown cause')}` }),
      );
      ua.start();
    });
    if (!registered.ok) {
      await phone.stop();
      return registered;
    }
    return { ok: true, phone };
  }

  get runtime(): WebRtcRuntime {
    return this.options.runtime;
  }

  get user(): string {
    return this.options.user;
  }

  get registered(): boolean {
    return this.registeredNow;
  }

  /** Calls not ended yet. */
  get activeCalls(): readonly PhoneCall[] {
    return [...this.live];
  }

  private get toneHz(): number {
    return this.options.toneHz ?? 440;
  }

  /** Resolves when the registration reaches `registered` (e.g. after the server restarted). */
  waitForRegistration(registered = true): Promise<void> {
    if (this.registeredNow === registered) return Promise.resolve();
    return new Promise((resolve) => {
      const listener = (now: boolean): void => {
        if (now !== registered) return;
        this.registrationListeners.delete(listener);
        resolve();
      };
      this.registrationListeners.add(listener);
    });
  }

  /** Called for every incoming call the policy leaves to the program (manual). */
  onIncoming(listener: (call: PhoneCall) => void): () => void {
    this.incomingListeners.add(listener);
    return () => this.incomingListeners.delete(listener);
  }

  /** Called for every new call: incoming, outgoing, made for a REFER, replacing another. */
  onCall(listener: (call: PhoneCall) => void): () => void {
    this.callListeners.add(listener);
    return () => this.callListeners.delete(listener);
  }

  /** The next incoming call (or one already ringing) that matches. */
  waitForIncoming(match: (call: PhoneCall) => boolean = () => true): Promise<PhoneCall> {
    const ringing = this.calls.find((c) => c.direction === 'incoming' && c.state.kind === 'ringing' && match(c));
    if (ringing) return Promise.resolve(ringing);
    return new Promise((resolve) => this.incomingWaiters.push({ match, resolve }));
  }

  /** Calls `target` (a user, an extension, a number, or a full SIP URI). */
  call(target: string, options: DialOptions = {}): PhoneCall {
    return this.dial(target, options, undefined);
  }

  /** Hangs up every call, unregisters and closes the socket. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      for (const call of [...this.live]) call.hangup();
      const connected = this.ua.isConnected();
      const settled = new Promise<void>((resolve) => {
        if (!connected) {
          resolve();
          return;
        }
        const timer = setTimeout(resolve, 4000);
        const done = (): void => {
          clearTimeout(timer);
          resolve();
        };
        this.ua.on('disconnected', done);
        // Once the un-REGISTER is answered nothing is left to wait for.
        this.ua.on('unregistered', done);
      });
      this.ua.stop();
      await settled;
      closeTransportNow(this.ua);
      releaseTransactionTimers(this.ua);
      this.incomingWaiters.length = 0;
    })();
    return this.stopping;
  }

  /** PhoneCallHost: a call ended. */
  forget(call: PhoneCall): void {
    this.live.delete(call);
  }

  /** PhoneCallHost: a REFER arrived on `call`. */
  handleRefer(call: PhoneCall, event: ReferEvent): void {
    if (this.notAnsweredYet(call, () => this.handleRefer(call, event))) return;
    if (call.state.kind === 'ended') {
      event.reject();
      return;
    }
    const referTo = event.request.parseHeader<NameAddrHeader>('refer-to');
    const uri = referTo.uri;
    const replaces = uri.hasHeader('replaces');
    const target = uri.clone();
    target.clearHeaders();
    const refer: ReferRequest = { target: target.toString(), targetUser: uri.user, replaces };
    call.refersReceived.push(refer);
    const decision = this.options.onRefer?.(call, refer) ?? { accept: true };
    if (!decision.accept) {
      event.reject();
      call.noteRefer(refer, undefined);
      return;
    }
    const toneHz = decision.options?.toneHz ?? this.toneHz;
    const tone = new ToneSender(this.runtime.wrtc, toneHz);
    this.pendingOutgoing = { toneHz, tone, origin: { kind: 'refer', call } };
    const before = this.calls.length;
    event.accept(undefined, {
      mediaStream: tone.stream,
      pcConfig: { iceServers: [] },
      ...(decision.options?.fromUserName === undefined ? {} : { fromUserName: decision.options.fromUserName }),
      ...(decision.options?.fromDisplayName === undefined ? {} : { fromDisplayName: decision.options.fromDisplayName }),
      extraHeaders: [...(decision.options?.extraHeaders ?? [])],
    });
    this.pendingOutgoing = undefined;
    const made = this.calls.length > before ? this.calls.at(-1) : undefined;
    if (!made) tone.stop();
    call.noteRefer(refer, made);
  }

  /** PhoneCallHost: an INVITE with Replaces names `call`: take it. */
  handleReplaces(call: PhoneCall, event: ReferEvent): void {
    if (this.notAnsweredYet(call, () => this.handleReplaces(call, event))) return;
    // JsSIP ends the replaced call once the new one is confirmed, with a terminate() that throws
    // (uncaught, in its transport callback) when the other side has hung that call up first: the
    // transferor often sends its BYE as soon as the transfer is accepted. Ended is ended.
    const replaced = call.session;
    const terminate = replaced.terminate.bind(replaced);
    replaced.terminate = (options) => {
      if (!replaced.isEnded()) terminate(options);
    };
    event.accept((session: RTCSession) => this.replacing.set(session, call));
  }

  /**
   * JsSIP takes in-dialog requests once the dialog is confirmed, which can be a moment before
   * the call reports itself answered (it waits for the media answer first). Such a request is
   * handled once the call's owners have seen the answer (after their own reactions to it).
   */
  private notAnsweredYet(call: PhoneCall, handle: () => void): boolean {
    if (call.state.kind !== 'ringing') return false;
    void call.answeredPromise.then(() => setImmediate(handle));
    return true;
  }

  private dial(target: string, options: DialOptions, origin: PhoneCall['origin']): PhoneCall {
    const toneHz = options.toneHz ?? this.toneHz;
    const tone = new ToneSender(this.runtime.wrtc, toneHz);
    const uri = target.startsWith('sip:') ? target : `sip:${target}@${this.options.domain}`;
    this.pendingOutgoing = { toneHz, tone, origin };
    try {
      this.ua.call(uri, {
        mediaStream: tone.stream,
        pcConfig: { iceServers: [] },
        ...(options.fromUserName === undefined ? {} : { fromUserName: options.fromUserName }),
        ...(options.fromDisplayName === undefined ? {} : { fromDisplayName: options.fromDisplayName }),
        extraHeaders: [...(options.extraHeaders ?? [])],
      });
    } catch (error) {
      // JsSIP refuses a target it cannot parse: a programmer's error, but not a leaked tone.
      tone.stop();
      throw error;
    } finally {
      this.pendingOutgoing = undefined;
    }
    const call = this.calls.at(-1);
    if (!call || call.direction !== 'outgoing') {
      tone.stop();
      throw new Error('JsSIP did not start the call');
    }
    return call;
  }

  private track(call: PhoneCall): void {
    this.calls.push(call);
    this.live.add(call);
    for (const listener of [...this.callListeners]) listener(call);
  }

  private offer(call: PhoneCall): void {
    const policy = this.options.incoming ?? { kind: 'manual' };
    if (policy.kind === 'answer') {
      const timer = setTimeout(() => call.answer(), policy.afterMs ?? 0);
      void call.ended.then(() => clearTimeout(timer));
      return;
    }
    if (policy.kind === 'decline') {
      queueMicrotask(() => call.decline(policy.status ?? 603));
      return;
    }
    for (const listener of [...this.incomingListeners]) listener(call);
    for (const waiter of [...this.incomingWaiters]) {
      if (!waiter.match(call)) continue;
      this.incomingWaiters.splice(this.incomingWaiters.indexOf(waiter), 1);
      waiter.resolve(call);
      break;
    }
  }

  private setRegistered(registered: boolean): void {
    this.registeredNow = registered;
    for (const listener of [...this.registrationListeners]) listener(registered);
  }
}
