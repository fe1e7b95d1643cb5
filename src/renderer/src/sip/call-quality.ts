/**
 * How a call sounds, estimated from what WebRTC measures: the ITU-T G.107 E-model in its usual
 * simplified form (Cole & Rosenbluth, "Voice over IP performance monitoring", 2001):
 *
 *   R = 93.2 − Id − Ie,eff
 *   Id = 0.024·d + 0.11·(d − 177.3)·H(d − 177.3)          d: one-way mouth-to-ear delay, ms
 *   Ie,eff = Ie + (95 − Ie)·Ppl / (Ppl / BurstR + Bpl)     Ppl: packet loss %, BurstR = 1 (random loss)
 *   MOS = 1 + 0.035·R + R·(R − 60)·(100 − R)·7·10⁻⁶          (1 below R = 0, 4.5 above R = 100)
 *
 * Pure functions: the sampler feeds them numbers, the tests feed them known points.
 */

export type VoiceCodec = 'opus' | 'pcmu' | 'pcma' | 'other';

/** Equipment impairment (Ie) and packet-loss robustness (Bpl) per codec. */
interface CodecImpairment {
  readonly ie: number;
  readonly bpl: number;
}

/**
 * G.711 with packet-loss concealment: G.113 Appendix I (Ie 0, Bpl 25.1); WebRTC's NetEq always
 * conceals. G.113 lists no Opus values; Opus at voice bitrates is transparent (Ie 0) and its
 * concealment is at least as good as G.711's, but we take Bpl 20 (between G.729A's 19 and
 * G.711's 25.1) so the badge errs on the side of warning. Unknown codecs are treated as Opus.
 */
const CODECS: Readonly<Record<VoiceCodec, CodecImpairment>> = {
  opus: { ie: 0, bpl: 20 },
  pcmu: { ie: 0, bpl: 25.1 },
  pcma: { ie: 0, bpl: 25.1 },
  other: { ie: 0, bpl: 20 },
};

/** R with no impairment at all: the G.107 default of R0 − Is (A = 0, no advantage factor). */
export const R_DEFAULT = 93.2;

/** 20 ms frames, the packet size every WebRTC voice codec uses here: the sender buffers one frame. */
export const FRAMING_DELAY_MS = 20;

export function codecFromMimeType(mimeType: string | undefined): VoiceCodec {
  switch (mimeType?.toLowerCase()) {
    case 'audio/opus':
      return 'opus';
    case 'audio/pcmu':
      return 'pcmu';
    case 'audio/pcma':
      return 'pcma';
    default:
      return 'other';
  }
}

/**
 * Mouth-to-ear delay from what the receiver sees: half the round trip (the network, one way),
 * the receiver's jitter buffer (measured, or twice the jitter when the browser does not say),
 * and one frame of packetisation.
 */
export function oneWayDelayMs(input: { rttMs: number; jitterMs: number; jitterBufferMs?: number | undefined }): number {
  const buffer = input.jitterBufferMs ?? 2 * input.jitterMs;
  return Math.max(0, input.rttMs / 2) + Math.max(0, buffer) + FRAMING_DELAY_MS;
}

/** Delay impairment Id. */
export function delayImpairment(delayMs: number): number {
  const d = Math.max(0, delayMs);
  return 0.024 * d + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
}

/** Effective equipment impairment Ie,eff for random packet loss `lossPct` (0..100). */
export function lossImpairment(lossPct: number, codec: VoiceCodec = 'opus'): number {
  const { ie, bpl } = CODECS[codec];
  const ppl = Math.min(100, Math.max(0, lossPct));
  return ie + ((95 - ie) * ppl) / (ppl + bpl);
}

export function rFactor(input: { delayMs: number; lossPct: number; codec?: VoiceCodec }): number {
  return R_DEFAULT - delayImpairment(input.delayMs) - lossImpairment(input.lossPct, input.codec ?? 'opus');
}

/** G.107 Annex B: the mean opinion score (1..4.5) for a rating factor R. */
export function mosFromR(r: number): number {
  if (r <= 0) return 1;
  if (r >= 100) return 4.5;
  return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
}

export interface CallMetrics {
  readonly jitterMs: number;
  readonly lossPct: number;
  /** Round-trip time; undefined while neither RTCP nor ICE has measured one. */
  readonly rttMs?: number | undefined;
  readonly jitterBufferMs?: number | undefined;
  readonly codec?: VoiceCodec;
}

/** RTT assumed while none is measured yet: a typical in-country path, so MOS is neither flattered nor punished. */
const ASSUMED_RTT_MS = 50;

export function estimateMos(metrics: CallMetrics): number {
  const delayMs = oneWayDelayMs({
    rttMs: metrics.rttMs ?? ASSUMED_RTT_MS,
    jitterMs: metrics.jitterMs,
    jitterBufferMs: metrics.jitterBufferMs,
  });
  return mosFromR(rFactor({ delayMs, lossPct: metrics.lossPct, codec: metrics.codec ?? 'opus' }));
}

export type QualityLevel = 'good' | 'fair' | 'poor';

/**
 * The badge's colour. Poor (red): MOS < 3.1 (most listeners dissatisfied) or loss > 5 %.
 * Fair (amber): MOS < 3.6, loss > 2 % or jitter > 30 ms (audible glitches, a line to watch).
 */
export function qualityLevel(sample: { mos: number; lossPct: number; jitterMs: number }): QualityLevel {
  if (sample.mos < 3.1 || sample.lossPct > 5) return 'poor';
  if (sample.mos < 3.6 || sample.lossPct > 2 || sample.jitterMs > 30) return 'fair';
  return 'good';
}
