import type { Wrtc } from './webrtc';

/**
 * Audio for Node phones: a generated tone sent through wrtc's RTCAudioSource (10 ms frames of
 * 16-bit samples), and a meter on the other side's track (RTCAudioSink) so a test can tell a
 * tone from silence, e.g. a muted or held far end.
 */

const SAMPLE_RATE = 48_000;
const FRAME_MS = 10;
const SAMPLES_PER_FRAME = (SAMPLE_RATE * FRAME_MS) / 1000;
const AMPLITUDE = 0.3 * 32_767;
/** Catch up at most this many frames per tick when the event loop was late. */
const MAX_FRAMES_PER_TICK = 5;

export class ToneSender {
  readonly stream: MediaStream;
  private readonly track: MediaStreamTrack;
  private readonly source: InstanceType<Wrtc['nonstandard']['RTCAudioSource']>;
  private readonly timer: NodeJS.Timeout;
  private readonly startedAt = Date.now();
  private framesSent = 0;
  private phase = 0;
  private stopped = false;

  constructor(
    wrtc: Wrtc,
    private frequencyHz: number,
  ) {
    this.source = new wrtc.nonstandard.RTCAudioSource();
    this.track = this.source.createTrack();
    this.stream = new wrtc.MediaStream([this.track]);
    // Frames are due by the clock, not by the number of ticks: a late loop catches up.
    this.timer = setInterval(() => this.sendDueFrames(), FRAME_MS);
    this.timer.unref();
  }

  get hz(): number {
    return this.frequencyHz;
  }

  /** 0 sends silence. */
  setFrequency(hz: number): void {
    this.frequencyHz = hz;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    this.track.stop();
  }

  private sendDueFrames(): void {
    const due = Math.floor((Date.now() - this.startedAt) / FRAME_MS) - this.framesSent;
    const frames = Math.min(due, MAX_FRAMES_PER_TICK);
    for (let i = 0; i < frames; i++) this.source.onData(this.frame());
    // Frames older than the catch-up window are skipped, not sent late.
    this.framesSent += Math.max(due, 0);
  }

  private frame(): {
    samples: Int16Array;
    sampleRate: number;
    bitsPerSample: number;
    channelCount: number;
    numberOfFrames: number;
  } {
    const samples = new Int16Array(SAMPLES_PER_FRAME);
    if (this.frequencyHz > 0) {
      const step = (2 * Math.PI * this.frequencyHz) / SAMPLE_RATE;
      for (let i = 0; i < samples.length; i++) {
        samples[i] = Math.round(AMPLITUDE * Math.sin(this.phase));
        this.phase += step;
      }
      this.phase %= 2 * Math.PI;
    }
    return { samples, sampleRate: SAMPLE_RATE, bitsPerSample: 16, channelCount: 1, numberOfFrames: SAMPLES_PER_FRAME };
  }
}

/** Peak and RMS of what was received over the last second, 0..1 of full scale. */
export interface AudioLevel {
  readonly peak: number;
  readonly rms: number;
}

export const SILENT: AudioLevel = { peak: 0, rms: 0 };

interface FrameLevel {
  readonly at: number;
  readonly peak: number;
  readonly sumSquares: number;
  readonly count: number;
}

const WINDOW_MS = 1000;

export class LevelMeter {
  private readonly sink: InstanceType<Wrtc['nonstandard']['RTCAudioSink']>;
  private readonly frames: FrameLevel[] = [];
  private stopped = false;

  constructor(wrtc: Wrtc, track: MediaStreamTrack) {
    this.sink = new wrtc.nonstandard.RTCAudioSink(track);
    this.sink.ondata = (event: unknown): void => this.take(event);
  }

  level(): AudioLevel {
    this.forgetOld(Date.now());
    let peak = 0;
    let sumSquares = 0;
    let count = 0;
    for (const frame of this.frames) {
      peak = Math.max(peak, frame.peak);
      sumSquares += frame.sumSquares;
      count += frame.count;
    }
    if (count === 0) return SILENT;
    return { peak: round(peak / 32_768), rms: round(Math.sqrt(sumSquares / count) / 32_768) };
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.sink.stop();
    this.frames.length = 0;
  }

  private take(event: unknown): void {
    const samples = (event as { samples?: unknown } | null)?.samples;
    if (!(samples instanceof Int16Array) || this.stopped) return;
    let peak = 0;
    let sumSquares = 0;
    for (const sample of samples) {
      peak = Math.max(peak, Math.abs(sample));
      sumSquares += sample * sample;
    }
    const now = Date.now();
    this.frames.push({ at: now, peak, sumSquares, count: samples.length });
    this.forgetOld(now);
  }

  private forgetOld(now: number): void {
    let drop = 0;
    while (drop < this.frames.length && (this.frames[drop]?.at ?? now) < now - WINDOW_MS) drop++;
    if (drop > 0) this.frames.splice(0, drop);
  }
}

const round = (value: number): number => Math.round(value * 10_000) / 10_000;
