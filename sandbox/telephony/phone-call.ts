import type {
  EndEvent,
  HoldEvent,
  IncomingDTMFEvent,
  OutgoingDTMFEvent,
  ReferEvent,
  RTCSession,
} from 'jssip/lib/RTCSession';
import type { IncomingRequest, OutgoingRequest } from 'jssip/lib/SIPMessage';
import { LevelMeter, SILENT, ToneSender, type AudioLevel } from './audio';
import type { WebRtcRuntime } from './webrtc';

/**
 * One call of a Node phone (node-phone.ts): a JsSIP session with a generated tone as its
 * microphone, a meter on what it hears, and the things a test judges it by (DTMF digits,
 * holds and REFERs received, audio bytes, how it ended).
 */

export interface DialOptions {
  readonly fromUserName?: string;
  readonly fromDisplayName?: string;
  readonly extraHeaders?: readonly string[];
  /** Tone this call sends (Hz, 0 = silence); default the phone's. */
  readonly toneHz?: number;
}

export interface ReferRequest {
  /** The Refer-To URI without its headers, e.g. `sip:8002@sandbox.antbuddy.com`. */
  readonly target: string;
  readonly targetUser: string;
  /** An attended transfer: the Refer-To carries `?Replaces=`. */
  readonly replaces: boolean;
}

/** What a call needs from the phone it belongs to. */
export interface PhoneCallHost {
  readonly runtime: WebRtcRuntime;
  /** The call ended. */
  forget(call: PhoneCall): void;
  /** A REFER arrived on the call. */
  handleRefer(call: PhoneCall, event: ReferEvent): void;
  /** An INVITE with Replaces names the call. */
  handleReplaces(call: PhoneCall, event: ReferEvent): void;
}

export interface CallEndInfo {
  readonly originator: 'local' | 'remote' | 'system';
  /** JsSIP's cause: `Terminated` (BYE), `Canceled`, `Rejected` (603), `Busy` (486), `No Answer`... */
  readonly cause: string;
  /** The final SIP status of a call that never connected, when there was one (603, 486, 487...). */
  readonly status: number | undefined;
  readonly answered: boolean;
}

export type PhoneCallState =
  { readonly kind: 'ringing' } | { readonly kind: 'active' } | { readonly kind: 'ended'; readonly end: CallEndInfo };

export interface AudioBytes {
  readonly bytesSent: number;
  readonly bytesReceived: number;
}

export type TransferResult =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'failed'; readonly status: number | undefined; readonly reason: string };

export type PhoneCallEvent =
  | { readonly kind: 'ringing' }
  | { readonly kind: 'answered' }
  | { readonly kind: 'hold'; readonly originator: 'local' | 'remote' }
  | { readonly kind: 'unhold'; readonly originator: 'local' | 'remote' }
  | { readonly kind: 'dtmf'; readonly digit: string }
  | { readonly kind: 'refer'; readonly refer: ReferRequest; readonly call: PhoneCall | undefined }
  | { readonly kind: 'ended'; readonly end: CallEndInfo };

const STATS_EVERY_MS = 400;

/** A property the JsSIP typings leave out (messages carry `call_id` at run time). */
function callIdOf(request: IncomingRequest | OutgoingRequest): string {
  const value = (request as unknown as { call_id?: unknown }).call_id;
  return typeof value === 'string' ? value : '';
}

function statusOf(message: unknown): number | undefined {
  const code = (message as { status_code?: unknown } | null | undefined)?.status_code;
  return typeof code === 'number' ? code : undefined;
}

export class PhoneCall {
  /** Digits received by INFO, in order. */
  dtmfReceived = '';
  holdsReceived = 0;
  unholdsReceived = 0;
  /** Refer-To targets received on this call (the transfers asked of this phone). */
  readonly refersReceived: ReferRequest[] = [];
  /** The call this one replaced (an attended transfer joined us), or the call whose REFER made it. */
  readonly origin: { readonly kind: 'replaces' | 'refer'; readonly call: PhoneCall } | undefined;
  readonly answeredPromise: Promise<void>;
  readonly ended: Promise<CallEndInfo>;
  private current: PhoneCallState = { kind: 'ringing' };
  private tone: ToneSender | undefined;
  private meter: LevelMeter | undefined;
  private statsTimer: NodeJS.Timeout | undefined;
  private bytes: AudioBytes = { bytesSent: 0, bytesReceived: 0 };
  private wasAnswered = false;
  private declinedWith: number | undefined;
  private readonly listeners = new Set<(event: PhoneCallEvent) => void>();
  private resolveAnswered: () => void = () => undefined;
  private resolveEnded: (end: CallEndInfo) => void = () => undefined;

  constructor(
    private readonly phone: PhoneCallHost,
    readonly session: RTCSession,
    readonly direction: 'incoming' | 'outgoing',
    /** The INVITE: received (incoming) or sent (outgoing). */
    readonly request: IncomingRequest | OutgoingRequest,
    private readonly toneHz: number,
    /** An outgoing call's tone exists before its session; an incoming call's is made on answer. */
    tone: ToneSender | undefined,
    origin?: PhoneCall['origin'],
  ) {
    this.tone = tone;
    this.origin = origin;
    this.answeredPromise = new Promise((resolve) => (this.resolveAnswered = resolve));
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    this.listen();
  }

  /** The SIP Call-ID. */
  get sipCallId(): string {
    return callIdOf(this.request);
  }

  get state(): PhoneCallState {
    return this.current;
  }

  get answered(): boolean {
    return this.wasAnswered;
  }

  /** The other side's user (From of an incoming call, To of an outgoing one). */
  get remoteUser(): string {
    return this.session.remote_identity.uri.user;
  }

  get remoteDisplayName(): string {
    return this.session.remote_identity.display_name ?? '';
  }

  /** The user dialled: To of the INVITE. */
  get dialledUser(): string {
    return this.request.to.uri.user;
  }

  /** The user the INVITE came from: From (whatever the caller chose to show). */
  get fromUser(): string {
    return this.request.from.uri.user;
  }

  /** Every value of a header of the INVITE. */
  header(name: string): string[] {
    return this.request.hasHeader(name) ? this.request.getHeaders(name) : [];
  }

  onEvent(listener: (event: PhoneCallEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Answers a ringing incoming call, sending a tone (default the phone's; 0 = silence). */
  answer(options: { readonly toneHz?: number } = {}): void {
    if (this.direction !== 'incoming' || this.current.kind !== 'ringing') return;
    this.tone ??= new ToneSender(this.phone.runtime.wrtc, options.toneHz ?? this.toneHz);
    this.session.answer({ mediaStream: this.tone.stream, pcConfig: { iceServers: [] } });
  }

  /** Refuses a ringing incoming call (603 Decline by default, 486 Busy Here...). */
  decline(status = 603): void {
    if (this.direction !== 'incoming' || this.current.kind !== 'ringing') return;
    this.declinedWith = status;
    this.session.terminate({ status_code: status });
  }

  /** BYE on a connected call, CANCEL on an outgoing one still ringing, 480 on an incoming one. */
  hangup(): void {
    if (this.current.kind === 'ended' || this.session.isEnded()) return;
    this.session.terminate();
  }

  hold(): Promise<boolean> {
    return new Promise((resolve) => {
      if (!this.session.hold({}, () => resolve(true))) resolve(false);
    });
  }

  unhold(): Promise<boolean> {
    return new Promise((resolve) => {
      if (!this.session.unhold({}, () => resolve(true))) resolve(false);
    });
  }

  /** DTMF as SIP INFO (application/dtmf-relay). */
  sendDtmf(tones: string): void {
    // JsSIP's default transport is INFO (libwebrtc would not surface RFC 2833 events anyway).
    this.session.sendDTMF(tones, { duration: 100, interToneGap: 80 });
  }

  /** Silences (or restores) what this call sends, as a muted microphone would. */
  setToneHz(hz: number): void {
    this.tone?.setFrequency(hz);
  }

  get toneHzNow(): number {
    return this.tone?.hz ?? 0;
  }

  /**
   * Transfers the other side: blind to `target`, or attended (`replaces`: the consulted call,
   * which the REFER's target then swaps for the call it makes). Resolves with the NOTIFY outcome.
   */
  refer(target: string, options: { readonly replaces?: PhoneCall } = {}): Promise<TransferResult> {
    return new Promise((resolve) => {
      const done = (result: TransferResult): void => resolve(result);
      // A call that ends before any NOTIFY said how the transfer went.
      void this.ended.then(() => done({ kind: 'failed', status: undefined, reason: 'the call ended first' }));
      this.session.refer(target, {
        ...(options.replaces ? { replaces: options.replaces.session } : {}),
        eventHandlers: {
          requestFailed: (event: { response?: unknown; cause?: unknown }) =>
            done({ kind: 'failed', status: statusOf(event.response), reason: String(event.cause ?? 'REFER failed') }),
          accepted: () => done({ kind: 'accepted' }),
          failed: (event: { status_line?: { status_code?: unknown; reason_phrase?: unknown } }) =>
            done({
              kind: 'failed',
              status: typeof event.status_line?.status_code === 'number' ? event.status_line.status_code : undefined,
              reason: String(event.status_line?.reason_phrase ?? 'transfer failed'),
            }),
        },
      });
    });
  }

  /** Audio bytes so far (RTP of the audio track: outbound-rtp bytesSent, inbound-rtp bytesReceived). */
  stats(): AudioBytes {
    return this.bytes;
  }

  /** Peak and RMS of the audio received over the last second (0..1). */
  receivedLevel(): AudioLevel {
    return this.meter?.level() ?? SILENT;
  }

  /** For NodePhone: a REFER on this call was accepted (`call`: the call it made) or refused. */
  noteRefer(refer: ReferRequest, call: PhoneCall | undefined): void {
    this.emit({ kind: 'refer', refer, call });
  }

  private emit(event: PhoneCallEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        // A listener's bug must not unwind into JsSIP's SIP handling (it would take the phone down).
        console.error(
          `sandbox phone: a call listener failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  private listen(): void {
    const { session } = this;
    session.on('progress', () => this.emit({ kind: 'ringing' }));
    session.on('accepted', () => {
      if (this.wasAnswered) return;
      this.wasAnswered = true;
      this.current = { kind: 'active' };
      this.startMedia();
      this.resolveAnswered();
      this.emit({ kind: 'answered' });
    });
    session.on('hold', (event: HoldEvent) => {
      const originator = event.originator === 'remote' ? 'remote' : 'local';
      if (originator === 'remote') this.holdsReceived++;
      this.emit({ kind: 'hold', originator });
    });
    session.on('unhold', (event: HoldEvent) => {
      const originator = event.originator === 'remote' ? 'remote' : 'local';
      if (originator === 'remote') this.unholdsReceived++;
      this.emit({ kind: 'unhold', originator });
    });
    session.on('newDTMF', (event: IncomingDTMFEvent | OutgoingDTMFEvent) => {
      if (event.originator !== 'remote') return;
      this.dtmfReceived += event.dtmf.tone;
      this.emit({ kind: 'dtmf', digit: event.dtmf.tone });
    });
    session.on('refer', (event: ReferEvent) => this.phone.handleRefer(this, event));
    session.on('replaces', (event: ReferEvent) => this.phone.handleReplaces(this, event));
    const end = (event: EndEvent): void => {
      const status = this.declinedWith ?? statusOf(event.message);
      this.finish({
        originator: event.originator === 'remote' ? 'remote' : event.originator === 'local' ? 'local' : 'system',
        cause: event.cause,
        status: this.wasAnswered ? undefined : status,
        answered: this.wasAnswered,
      });
    };
    session.on('ended', end);
    session.on('failed', end);
  }

  private startMedia(): void {
    const pc = this.session.connection;
    const track = pc?.getReceivers().find((r) => r.track.kind === 'audio')?.track;
    if (track && !this.meter) this.meter = new LevelMeter(this.phone.runtime.wrtc, track);
    this.statsTimer = setInterval(() => void this.pollStats(), STATS_EVERY_MS);
    this.statsTimer.unref();
  }

  private async pollStats(): Promise<void> {
    const pc = this.session.connection;
    if (!pc || pc.connectionState === 'closed') return;
    try {
      const report = await pc.getStats();
      let bytesSent = 0;
      let bytesReceived = 0;
      report.forEach(
        (stat: {
          type?: unknown;
          kind?: unknown;
          mediaType?: unknown;
          bytesSent?: unknown;
          bytesReceived?: unknown;
        }) => {
          const audio = stat.kind === 'audio' || stat.mediaType === 'audio';
          if (!audio) return;
          if (stat.type === 'outbound-rtp' && typeof stat.bytesSent === 'number') bytesSent += stat.bytesSent;
          if (stat.type === 'inbound-rtp' && typeof stat.bytesReceived === 'number')
            bytesReceived += stat.bytesReceived;
        },
      );
      // Counters only grow; a report taken while the connection closes may come back empty.
      this.bytes = {
        bytesSent: Math.max(this.bytes.bytesSent, bytesSent),
        bytesReceived: Math.max(this.bytes.bytesReceived, bytesReceived),
      };
    } catch {
      // The connection closed between the check and the report: keep the last counters.
    }
  }

  private finish(end: CallEndInfo): void {
    if (this.current.kind === 'ended') return;
    this.current = { kind: 'ended', end };
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.tone?.stop();
    this.meter?.stop();
    this.phone.forget(this);
    this.resolveEnded(end);
    this.emit({ kind: 'ended', end });
  }
}
