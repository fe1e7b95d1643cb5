import type {
  SipAnswerOptions,
  SipCallOptions,
  SipDtmfOptions,
  SipNewSessionEvent,
  SipReferOptions,
  SipSessionLike,
  SipTerminateOptions,
  SipUserAgentConfig,
  SipUserAgentLike,
} from '../../../src/renderer/src/sip/user-agent';

type Listener = (event: never) => void;

class Emitter {
  private readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, payload?: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (p: unknown) => void)(payload);
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/**
 * JsSIP's ReferSubscriber stand-in: tests play the other side's answers to the REFER (202 or
 * an error) and its NOTIFYs (a sipfrag status line) by hand.
 */
export class FakeReferSubscriber extends Emitter {
  /** 202 Accepted to the REFER itself. */
  requestSucceeded(): void {
    this.emit('requestSucceeded', { response: { status_code: 202 } });
  }
  /** The REFER refused outright (e.g. 405, 603). */
  requestFailed(status: number): void {
    this.emit('requestFailed', { response: { status_code: status }, cause: 'Rejected' });
  }
  /** NOTIFY `SIP/2.0 <status>`: 1xx progress, 2xx accepted, anything else failed. */
  notify(status: number): void {
    const event = { status_line: { status_code: status, reason_phrase: '' } };
    if (status >= 200 && status < 300) this.emit('accepted', event);
    else if (status >= 300) this.emit('failed', event);
    else this.emit('progress', event);
  }
}

export interface ReferRecord {
  readonly target: string;
  readonly replaces: SipSessionLike | undefined;
  readonly subscriber: FakeReferSubscriber;
}

/** Audio SDP as a far end would answer it, with or without RFC 4733 telephone-event. */
export function remoteSdp(telephoneEvent: boolean): string {
  return [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    `m=audio 9 UDP/TLS/RTP/SAVPF 111 0${telephoneEvent ? ' 101' : ''}`,
    'a=rtpmap:111 opus/48000/2',
    'a=rtpmap:0 PCMU/8000',
    ...(telephoneEvent ? ['a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16'] : []),
    'a=sendrecv',
    '',
  ].join('\r\n');
}

/**
 * Just enough of an RTCPeerConnection for the phone's DTMF choice: the remote SDP, and an audio
 * sender with (or without) a DTMF sender.
 */
export function fakeConnection(options: { sdp: string; dtmfSender?: boolean }): RTCPeerConnection {
  const connection = {
    remoteDescription: { type: 'answer', sdp: options.sdp },
    getSenders: () => [{ track: { kind: 'audio' }, dtmf: options.dtmfSender === false ? null : {} }],
    getReceivers: () => [],
    addEventListener: () => undefined,
  };
  return connection as unknown as RTCPeerConnection;
}

/** A JsSIP RTCSession stand-in that records what the phone asked of it. */
export class FakeSession extends Emitter implements SipSessionLike {
  readonly answered: SipAnswerOptions[] = [];
  readonly terminated: (SipTerminateOptions | undefined)[] = [];
  readonly mutes: string[] = [];
  /** `hold` and `unhold`, in the order asked. */
  readonly holds: string[] = [];
  readonly dtmf: { tones: string; transportType: string }[] = [];
  readonly refers: ReferRecord[] = [];
  /** What hold()/unhold() answer: false plays JsSIP refusing (not established, mid re-INVITE). */
  holdWorks = true;
  connection: RTCPeerConnection | null = null;
  readonly remote_identity: SipSessionLike['remote_identity'];

  constructor(
    readonly id: string,
    user: string,
    displayName?: string,
  ) {
    super();
    this.remote_identity = { display_name: displayName, uri: { user } };
  }
  answer(options: SipAnswerOptions): void {
    this.answered.push(options);
  }
  terminate(options?: SipTerminateOptions): void {
    this.terminated.push(options);
    this.ended = true;
    // JsSIP reports its own termination synchronously, as 'failed' before the answer.
    this.emit('failed', { originator: 'local', cause: 'Rejected' });
  }
  mute(): void {
    this.mutes.push('mute');
  }
  unmute(): void {
    this.mutes.push('unmute');
  }
  hold(): boolean {
    if (!this.holdWorks) return false;
    this.holds.push('hold');
    // JsSIP marks the hold and emits it before the re-INVITE goes out.
    this.emit('hold', { originator: 'local' });
    return true;
  }
  unhold(): boolean {
    if (!this.holdWorks) return false;
    this.holds.push('unhold');
    this.emit('unhold', { originator: 'local' });
    return true;
  }
  sendDTMF(tones: string, options: SipDtmfOptions): void {
    this.dtmf.push({ tones, transportType: String(options.transportType) });
  }
  refer(target: string, options?: SipReferOptions): unknown {
    const subscriber = new FakeReferSubscriber();
    this.refers.push({ target, replaces: options?.replaces, subscriber });
    return subscriber;
  }
  /** The last REFER's subscriber; throws when no REFER was sent. */
  lastRefer(): ReferRecord {
    const last = this.refers.at(-1);
    if (!last) throw new Error(`no REFER was sent on ${this.id}`);
    return last;
  }
  /** Set by terminate(), or by a test playing JsSIP having ended the session by itself. */
  ended = false;
  isEnded(): boolean {
    return this.ended;
  }
  /** The INVITE was answered (200 OK / ACK). */
  accept(): void {
    this.emit('accepted');
    this.emit('confirmed');
  }
}

export interface PlacedCall {
  readonly target: string;
  readonly options: SipCallOptions;
  readonly session: FakeSession;
}

/** A JsSIP UA stand-in: tests fire its events by hand. */
export class FakeUserAgent extends Emitter implements SipUserAgentLike {
  started = 0;
  stopped = 0;
  readonly placed: PlacedCall[] = [];
  private outgoing = 0;
  constructor(readonly config: SipUserAgentConfig) {
    super();
  }
  start(): void {
    this.started += 1;
  }
  stop(): void {
    this.stopped += 1;
  }
  call(target: string, options: SipCallOptions): SipSessionLike {
    const user = /^sip:([^@]+)@/.exec(target)?.[1] ?? target;
    const session = new FakeSession(`out-${++this.outgoing}`, user);
    this.placed.push({ target, options, session });
    return session;
  }
  /** The last outgoing call; throws when none was placed. */
  lastPlaced(): PlacedCall {
    const last = this.placed.at(-1);
    if (!last) throw new Error('no call was placed');
    return last;
  }
  /** An incoming INVITE, with its headers (name → values). */
  ring(session: FakeSession, headers: Record<string, string[]> = {}): void {
    const lookup = (name: string): string[] =>
      Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ?? [];
    const event: SipNewSessionEvent = {
      originator: 'remote',
      session,
      request: { getHeader: (name) => lookup(name)[0], getHeaders: lookup },
    };
    this.emit('newRTCSession', event);
  }
}
