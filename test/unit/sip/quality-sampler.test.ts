import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  qualitySample,
  QualitySummaryBuilder,
  readAudioStats,
  startQualitySampler,
  type QualitySample,
} from '../../../src/renderer/src/sip/quality-sampler';
import { browserClock } from '../../../src/renderer/src/sip/timer-clock';

/** A getStats() report as Chromium shapes it: a map of id → stats. */
function report(inbound: { lost: number; received: number; jitter: number }, rtt?: { rtcp?: number; ice?: number }) {
  const entries: Record<string, unknown>[] = [
    {
      id: 'IT01A',
      type: 'inbound-rtp',
      kind: 'audio',
      packetsLost: inbound.lost,
      packetsReceived: inbound.received,
      jitter: inbound.jitter,
      codecId: 'CIT01_111',
    },
    { id: 'CIT01_111', type: 'codec', mimeType: 'audio/opus' },
    { id: 'OT01A', type: 'outbound-rtp', kind: 'audio', packetsSent: 500 },
    { id: 'T01', type: 'transport', selectedCandidatePairId: 'CP1' },
    { id: 'CP1', type: 'candidate-pair', currentRoundTripTime: rtt?.ice },
  ];
  if (rtt?.rtcp !== undefined)
    entries.push({ id: 'RI01', type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: rtt.rtcp });
  return new Map(entries.map((e) => [e['id'] as string, e]));
}

describe('reading getStats()', () => {
  it('takes jitter and counters from inbound-rtp, RTT from RTCP, the codec from its stats', () => {
    const snapshot = readAudioStats(
      report({ lost: 3, received: 997, jitter: 0.012 }, { rtcp: 0.04, ice: 0.05 }).values(),
    );
    expect(snapshot).toMatchObject({ packetsLost: 3, packetsReceived: 997, codec: 'opus' });
    expect(snapshot.jitterMs).toBeCloseTo(12, 6);
    expect(snapshot.rttMs).toBeCloseTo(40, 6);
  });

  it('falls back to the selected candidate pair for the round trip', () => {
    const snapshot = readAudioStats(report({ lost: 0, received: 10, jitter: 0 }, { ice: 0.03 }).values());
    expect(snapshot.rttMs).toBeCloseTo(30, 6);
  });

  it('copes with a report that has no audio at all', () => {
    expect(readAudioStats([{ type: 'peer-connection' }, null, 7])).toEqual({ codec: 'other' });
  });
});

describe('quality samples', () => {
  it('computes loss over the interval from counter deltas', () => {
    const first = readAudioStats(report({ lost: 0, received: 1000, jitter: 0.005 }, { rtcp: 0.02 }).values());
    const second = readAudioStats(report({ lost: 10, received: 1090, jitter: 0.005 }, { rtcp: 0.02 }).values());
    const sample = qualitySample(first, second, 2_000);
    expect(sample?.lossPct).toBeCloseTo(10, 6); // 10 lost of 100 in the interval, not 10 of 1100
    expect(sample?.level).toBe('poor');
  });

  it('is null while no audio arrived in the interval', () => {
    const quiet = readAudioStats(report({ lost: 0, received: 0, jitter: 0 }).values());
    expect(qualitySample(null, quiet, 0)).toBeNull();
  });

  it('never reports negative loss when packetsLost goes down (late duplicates)', () => {
    const a = readAudioStats(report({ lost: 5, received: 100, jitter: 0 }).values());
    const b = readAudioStats(report({ lost: 3, received: 200, jitter: 0 }).values());
    expect(qualitySample(a, b, 1)?.lossPct).toBe(0);
  });

  it('summarises averages and the worst moments', () => {
    const builder = new QualitySummaryBuilder();
    expect(builder.summary()).toEqual({
      samples: 0,
      avgJitterMs: null,
      avgLossPct: null,
      avgRttMs: null,
      avgMos: null,
      worstMos: null,
      worstLossPct: null,
    });
    const sample = (mos: number, lossPct: number, jitterMs: number, rttMs?: number): QualitySample => ({
      at: 0,
      mos,
      lossPct,
      jitterMs,
      rttMs,
      level: 'good',
    });
    builder.add(sample(4.4, 0, 2, 20));
    builder.add(sample(3.0, 6, 10, 40));
    builder.add(sample(4.2, 1, 3));
    expect(builder.summary()).toEqual({
      samples: 3,
      avgJitterMs: 5,
      avgLossPct: 2.33,
      avgRttMs: 30,
      avgMos: 3.87,
      worstMos: 3,
      worstLossPct: 6,
    });
  });
});

describe('the sampler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('samples every 2 s until stopped, and survives a getStats() that fails', async () => {
    let received = 0;
    let fail = false;
    const getStats = vi.fn(() => {
      if (fail) return Promise.reject(new Error('closed'));
      received += 100;
      return Promise.resolve(report({ lost: 0, received, jitter: 0.002 }, { rtcp: 0.02 }));
    });
    const samples: QualitySample[] = [];
    const stop = startQualitySampler({ getStats, clock: browserClock, onSample: (s) => samples.push(s) });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(getStats).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(samples).toHaveLength(1);
    expect(samples[0]?.level).toBe('good');
    fail = true;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(samples).toHaveLength(1);
    fail = false;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(samples).toHaveLength(2);
    stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(getStats).toHaveBeenCalledTimes(3);
  });
});
