import { describe, expect, it } from 'vitest';
import {
  codecFromMimeType,
  delayImpairment,
  estimateMos,
  lossImpairment,
  mosFromR,
  oneWayDelayMs,
  qualityLevel,
  rFactor,
} from '../../../src/renderer/src/sip/call-quality';

describe('E-model (ITU-T G.107, simplified)', () => {
  it('maps R to MOS by the G.107 formula at its known points', () => {
    expect(mosFromR(0)).toBe(1);
    expect(mosFromR(-5)).toBe(1);
    expect(mosFromR(100)).toBe(4.5);
    expect(mosFromR(93.2)).toBeCloseTo(4.41, 2);
    expect(mosFromR(80)).toBeCloseTo(4.02, 2);
    expect(mosFromR(70)).toBeCloseTo(3.6, 2);
    expect(mosFromR(60)).toBeCloseTo(3.1, 2);
    expect(mosFromR(50)).toBeCloseTo(2.58, 2);
    expect(mosFromR(49.9)).toBeLessThan(2.6);
  });

  it('adds delay impairment slowly up to 177 ms one way, steeply after', () => {
    expect(delayImpairment(0)).toBe(0);
    expect(delayImpairment(100)).toBeCloseTo(2.4, 5);
    expect(delayImpairment(177.3)).toBeCloseTo(4.255, 3);
    expect(delayImpairment(300)).toBeCloseTo(0.024 * 300 + 0.11 * (300 - 177.3), 5);
  });

  it('adds loss impairment per codec (G.711 with PLC, Opus)', () => {
    expect(lossImpairment(0, 'pcmu')).toBe(0);
    expect(lossImpairment(5, 'pcmu')).toBeCloseTo((95 * 5) / (5 + 25.1), 5);
    expect(lossImpairment(5, 'opus')).toBeCloseTo((95 * 5) / (5 + 20), 5);
    expect(lossImpairment(100, 'opus')).toBeLessThan(95);
  });

  it('a clean line with 20 ms round trip scores about 4.4', () => {
    const mos = estimateMos({ jitterMs: 1, lossPct: 0, rttMs: 20, codec: 'opus' });
    expect(mos).toBeGreaterThan(4.35);
    expect(mos).toBeLessThanOrEqual(4.41);
  });

  it('5 % loss scores clearly lower, and a lossy slow line falls below R 50', () => {
    const clean = estimateMos({ jitterMs: 1, lossPct: 0, rttMs: 20 });
    const lossy = estimateMos({ jitterMs: 1, lossPct: 5, rttMs: 20 });
    expect(clean - lossy).toBeGreaterThan(0.5);
    const pcmuLossy = estimateMos({ jitterMs: 1, lossPct: 5, rttMs: 20, codec: 'pcmu' });
    expect(pcmuLossy).toBeLessThan(clean);

    const delay = oneWayDelayMs({ rttMs: 400, jitterMs: 40 });
    const r = rFactor({ delayMs: delay, lossPct: 15, codec: 'opus' });
    expect(r).toBeLessThan(50);
    expect(mosFromR(r)).toBeLessThan(2.6);
  });

  it('estimates one-way delay as half the round trip plus the jitter buffer and a frame', () => {
    expect(oneWayDelayMs({ rttMs: 100, jitterMs: 10 })).toBe(50 + 20 + 20);
    expect(oneWayDelayMs({ rttMs: 100, jitterMs: 10, jitterBufferMs: 35 })).toBe(50 + 35 + 20);
  });

  it('reads the codec from its MIME type', () => {
    expect(codecFromMimeType('audio/opus')).toBe('opus');
    expect(codecFromMimeType('audio/PCMU')).toBe('pcmu');
    expect(codecFromMimeType('audio/PCMA')).toBe('pcma');
    expect(codecFromMimeType(undefined)).toBe('other');
  });
});

describe('quality level', () => {
  it('is good on a clean line', () => {
    expect(qualityLevel({ mos: 4.3, lossPct: 0.5, jitterMs: 10 })).toBe('good');
  });
  it('is fair from MOS < 3.6, loss > 2 % or jitter > 30 ms', () => {
    expect(qualityLevel({ mos: 3.59, lossPct: 0, jitterMs: 0 })).toBe('fair');
    expect(qualityLevel({ mos: 4.3, lossPct: 2.1, jitterMs: 0 })).toBe('fair');
    expect(qualityLevel({ mos: 4.3, lossPct: 0, jitterMs: 31 })).toBe('fair');
    expect(qualityLevel({ mos: 3.6, lossPct: 2, jitterMs: 30 })).toBe('good');
  });
  it('is poor from MOS < 3.1 or loss > 5 %', () => {
    expect(qualityLevel({ mos: 3.09, lossPct: 0, jitterMs: 0 })).toBe('poor');
    expect(qualityLevel({ mos: 4.3, lossPct: 5.1, jitterMs: 0 })).toBe('poor');
  });
});
