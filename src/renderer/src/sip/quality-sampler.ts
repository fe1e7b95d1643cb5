import type { CallQualitySummary } from '../../../shared/call-log';
import { codecFromMimeType, estimateMos, qualityLevel, type QualityLevel, type VoiceCodec } from './call-quality';
import type { TimerClock } from './timer-clock';

/** The audio receive counters of one getStats() report, as numbers in milliseconds. */
export interface AudioStatsSnapshot {
  readonly jitterMs?: number;
  readonly packetsLost?: number;
  readonly packetsReceived?: number;
  /** Cumulative seconds samples spent in the jitter buffer, and how many samples left it. */
  readonly jitterBufferDelayS?: number;
  readonly jitterBufferEmitted?: number;
  readonly rttMs?: number;
  readonly codec: VoiceCodec;
}

export interface QualitySample {
  readonly at: number;
  readonly jitterMs: number;
  readonly lossPct: number;
  readonly rttMs?: number | undefined;
  readonly mos: number;
  readonly level: QualityLevel;
}

type StatsRecord = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is StatsRecord {
  return typeof value === 'object' && value !== null;
}

function num(record: StatsRecord | undefined, key: string): number | undefined {
  const value = record?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function str(record: StatsRecord | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Reads the audio figures out of a report (an RTCStatsReport's values): jitter and counters
 * from inbound-rtp, the round trip from RTCP (remote-inbound-rtp) or, failing that, from the
 * selected ICE candidate pair. Anything missing stays undefined.
 */
export function readAudioStats(stats: Iterable<unknown>): AudioStatsSnapshot {
  const all = [...stats].filter(isRecord);
  const byId = new Map(all.flatMap((s) => (typeof s['id'] === 'string' ? [[s['id'], s] as const] : [])));
  const audio = (s: StatsRecord): boolean => (s['kind'] ?? s['mediaType']) === 'audio';
  const inbound = all.find((s) => s['type'] === 'inbound-rtp' && audio(s));
  const remoteInbound = all.find((s) => s['type'] === 'remote-inbound-rtp' && audio(s));
  const transport = all.find((s) => s['type'] === 'transport');
  const selectedPairId = str(transport, 'selectedCandidatePairId');
  const pair =
    (selectedPairId ? byId.get(selectedPairId) : undefined) ??
    all.find((s) => s['type'] === 'candidate-pair' && (s['selected'] === true || s['nominated'] === true));
  const codecId = str(inbound, 'codecId');
  const codec = codecId ? byId.get(codecId) : undefined;

  const rttS = num(remoteInbound, 'roundTripTime') ?? num(pair, 'currentRoundTripTime');
  const jitterS = num(inbound, 'jitter');
  const snapshot: { -readonly [K in keyof AudioStatsSnapshot]: AudioStatsSnapshot[K] } = {
    codec: codecFromMimeType(str(codec, 'mimeType')),
  };
  if (jitterS !== undefined) snapshot.jitterMs = jitterS * 1000;
  if (rttS !== undefined) snapshot.rttMs = rttS * 1000;
  const lost = num(inbound, 'packetsLost');
  const received = num(inbound, 'packetsReceived');
  const bufferDelay = num(inbound, 'jitterBufferDelay');
  const emitted = num(inbound, 'jitterBufferEmittedCount');
  if (lost !== undefined) snapshot.packetsLost = lost;
  if (received !== undefined) snapshot.packetsReceived = received;
  if (bufferDelay !== undefined) snapshot.jitterBufferDelayS = bufferDelay;
  if (emitted !== undefined) snapshot.jitterBufferEmitted = emitted;
  return snapshot;
}

/**
 * One quality sample from two snapshots 2 s apart: loss and jitter-buffer delay over that
 * interval (counters are cumulative), jitter and round trip as they are now. Null while no
 * audio has arrived in the interval (before media flows, or on a line gone silent).
 */
export function qualitySample(
  previous: AudioStatsSnapshot | null,
  current: AudioStatsSnapshot,
  at: number,
): QualitySample | null {
  const received = Math.max(0, (current.packetsReceived ?? 0) - (previous?.packetsReceived ?? 0));
  // packetsLost can go down (late duplicates are subtracted): never a negative loss.
  const lost = Math.max(0, (current.packetsLost ?? 0) - (previous?.packetsLost ?? 0));
  if (received + lost === 0) return null;
  const lossPct = (lost / (received + lost)) * 100;
  const jitterMs = current.jitterMs ?? 0;
  const emitted = (current.jitterBufferEmitted ?? 0) - (previous?.jitterBufferEmitted ?? 0);
  const bufferS = (current.jitterBufferDelayS ?? 0) - (previous?.jitterBufferDelayS ?? 0);
  const jitterBufferMs = emitted > 0 && bufferS >= 0 ? (bufferS / emitted) * 1000 : undefined;
  const mos = estimateMos({ jitterMs, lossPct, rttMs: current.rttMs, jitterBufferMs, codec: current.codec });
  return { at, jitterMs, lossPct, rttMs: current.rttMs, mos, level: qualityLevel({ mos, lossPct, jitterMs }) };
}

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Averages and worst values of a call's samples, for the call log. */
export class QualitySummaryBuilder {
  private count = 0;
  private jitter = 0;
  private loss = 0;
  private rtt = 0;
  private rttCount = 0;
  private mos = 0;
  private worstMos = Number.POSITIVE_INFINITY;
  private worstLoss = 0;

  add(sample: QualitySample): void {
    this.count += 1;
    this.jitter += sample.jitterMs;
    this.loss += sample.lossPct;
    this.mos += sample.mos;
    this.worstMos = Math.min(this.worstMos, sample.mos);
    this.worstLoss = Math.max(this.worstLoss, sample.lossPct);
    if (sample.rttMs !== undefined) {
      this.rtt += sample.rttMs;
      this.rttCount += 1;
    }
  }

  summary(): CallQualitySummary {
    const n = this.count;
    if (n === 0)
      return {
        samples: 0,
        avgJitterMs: null,
        avgLossPct: null,
        avgRttMs: null,
        avgMos: null,
        worstMos: null,
        worstLossPct: null,
      };
    return {
      samples: n,
      avgJitterMs: round(this.jitter / n, 1),
      avgLossPct: round(this.loss / n, 2),
      avgRttMs: this.rttCount > 0 ? round(this.rtt / this.rttCount, 1) : null,
      avgMos: round(this.mos / n, 2),
      worstMos: round(this.worstMos, 2),
      worstLossPct: round(this.worstLoss, 2),
    };
  }
}

export const QUALITY_SAMPLE_INTERVAL_MS = 2_000;

export interface QualitySamplerDeps {
  /** The call's RTCPeerConnection.getStats. */
  readonly getStats: () => Promise<Iterable<unknown> | { values(): Iterable<unknown> }>;
  readonly clock: TimerClock;
  readonly onSample: (sample: QualitySample) => void;
  readonly intervalMs?: number;
}

function valuesOf(report: Iterable<unknown> | { values(): Iterable<unknown> }): Iterable<unknown> {
  // An RTCStatsReport is a maplike: iterating it directly yields [id, stats] pairs.
  return 'values' in report && typeof report.values === 'function' ? report.values() : (report as Iterable<unknown>);
}

/**
 * Samples a call's audio every 2 s until stopped. One getStats() at a time (a slow one is never
 * stacked), and a failed one only skips its sample: a closing connection must not throw into
 * the page.
 */
export function startQualitySampler(deps: QualitySamplerDeps): () => void {
  const interval = deps.intervalMs ?? QUALITY_SAMPLE_INTERVAL_MS;
  let previous: AudioStatsSnapshot | null = null;
  let stopped = false;
  let timer: unknown = null;

  const tick = async (): Promise<void> => {
    timer = null;
    try {
      const snapshot = readAudioStats(valuesOf(await deps.getStats()));
      if (stopped) return;
      const sample = qualitySample(previous, snapshot, deps.clock.now());
      previous = snapshot;
      if (sample) deps.onSample(sample);
    } catch {
      // The connection closed under the request, or the browser refused it: try again next time.
    }
    if (!stopped) timer = deps.clock.setTimeout(() => void tick(), interval);
  };
  timer = deps.clock.setTimeout(() => void tick(), interval);
  return () => {
    stopped = true;
    if (timer !== null) deps.clock.clearTimeout(timer);
    timer = null;
  };
}
