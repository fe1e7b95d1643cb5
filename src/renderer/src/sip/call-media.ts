import type { CallQualitySummary } from '../../../shared/call-log';
import type { PeerConnectionLike } from './audio-devices';
import {
  QualitySummaryBuilder,
  startQualitySampler,
  type QualitySample,
  type QualitySamplerDeps,
} from './quality-sampler';
import type { TimerClock } from './timer-clock';

/** A JsSIP session as far as its media is concerned. */
export interface MediaSessionLike {
  readonly id: string;
  readonly connection: RTCPeerConnection | null | undefined;
  on(event: 'peerconnection', listener: (event: { peerconnection: RTCPeerConnection }) => void): unknown;
  on(event: 'accepted' | 'confirmed', listener: () => void): unknown;
  on(event: 'ended' | 'failed', listener: (event: unknown) => void): unknown;
}

export interface CallMediaDeps {
  readonly clock: TimerClock;
  /** Microphone switching (AudioDeviceManager). */
  readonly devices: {
    attachCall(id: string, connection: PeerConnectionLike): void;
    detachCall(id: string): void;
  };
  /** The newest sample of a call's audio, or null once the call has ended. */
  readonly onQuality: (id: string, sample: QualitySample | null) => void;
  readonly startSampler?: (deps: QualitySamplerDeps) => () => void;
}

interface TrackedCall {
  connection: RTCPeerConnection | null;
  stopSampling: (() => void) | null;
  readonly summary: QualitySummaryBuilder;
  sipCallId: string | undefined;
  ended: boolean;
}

/** Finished calls whose summary nobody took stay this long, then are forgotten. */
const KEEP_ENDED = 20;

/**
 * The media side of every call, whatever the phone does with its signalling: hands each call's
 * RTCPeerConnection to the device manager (microphone switching) and samples its audio quality
 * every 2 s from the answer to the end, keeping a summary for the call log.
 */
export class CallMediaTracker {
  private readonly calls = new Map<string, TrackedCall>();
  private readonly startSampler: (deps: QualitySamplerDeps) => () => void;

  constructor(private readonly deps: CallMediaDeps) {
    this.startSampler = deps.startSampler ?? startQualitySampler;
  }

  /** A new JsSIP session (incoming or outgoing); `sipCallId` is its INVITE's Call-ID when known. */
  track(session: MediaSessionLike, sipCallId?: string): void {
    const id = session.id;
    if (this.calls.has(id)) return;
    const call: TrackedCall = {
      connection: null,
      stopSampling: null,
      summary: new QualitySummaryBuilder(),
      sipCallId,
      ended: false,
    };
    this.calls.set(id, call);
    this.forgetOld();
    const connected = (connection: RTCPeerConnection): void => {
      if (call.ended || call.connection === connection) return;
      call.connection = connection;
      this.deps.devices.attachCall(id, connection);
    };
    if (session.connection) connected(session.connection);
    session.on('peerconnection', ({ peerconnection }) => connected(peerconnection));
    const answered = (): void => {
      if (session.connection) connected(session.connection);
      this.sample(id, call);
    };
    session.on('accepted', answered);
    session.on('confirmed', answered);
    const ended = (): void => this.end(id, call);
    session.on('ended', ended);
    session.on('failed', ended);
  }

  /** The quality summary of call `id` (all null when it never carried audio). */
  summary(id: string): CallQualitySummary {
    return this.calls.get(id)?.summary.summary() ?? new QualitySummaryBuilder().summary();
  }

  sipCallId(id: string): string | undefined {
    return this.calls.get(id)?.sipCallId;
  }

  dispose(): void {
    for (const [id, call] of this.calls) this.end(id, call);
    this.calls.clear();
  }

  private sample(id: string, call: TrackedCall): void {
    const connection = call.connection;
    if (call.ended || call.stopSampling || !connection) return;
    call.stopSampling = this.startSampler({
      getStats: () => connection.getStats(),
      clock: this.deps.clock,
      onSample: (sample) => {
        if (call.ended) return;
        call.summary.add(sample);
        this.deps.onQuality(id, sample);
      },
    });
  }

  private end(id: string, call: TrackedCall): void {
    if (call.ended) return;
    call.ended = true;
    call.stopSampling?.();
    call.stopSampling = null;
    this.deps.devices.detachCall(id);
    this.deps.onQuality(id, null);
  }

  private forgetOld(): void {
    const ended = [...this.calls].filter(([, call]) => call.ended);
    for (const [id] of ended.slice(0, Math.max(0, ended.length - KEEP_ENDED))) this.calls.delete(id);
  }
}
