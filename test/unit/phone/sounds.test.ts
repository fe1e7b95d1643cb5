import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CALL_WAITING,
  RINGTONE,
  SAMPLE_RATE,
  SOUND_FILES,
  synthesize,
  wavFile,
} from '../../../resources/sound-synthesis';

const resources = join(import.meta.dirname, '../../../resources');

describe('generated phone sounds', () => {
  it('the committed WAV files are exactly what the generator makes (run npx tsx resources/generate-sounds.ts)', () => {
    for (const [name, spec] of Object.entries(SOUND_FILES)) {
      expect(Buffer.from(wavFile(synthesize(spec))).equals(readFileSync(join(resources, name))), name).toBe(true);
    }
  });

  it('are 16-bit PCM mono WAVs of a few seconds', () => {
    const bytes = readFileSync(join(resources, 'ringtone.wav'));
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
    expect(bytes.toString('ascii', 8, 12)).toBe('WAVE');
    expect(bytes.readUInt16LE(20)).toBe(1); // PCM
    expect(bytes.readUInt16LE(22)).toBe(1); // mono
    expect(bytes.readUInt32LE(24)).toBe(SAMPLE_RATE);
    expect(bytes.readUInt16LE(34)).toBe(16);
    expect(bytes.readUInt32LE(40)).toBe(bytes.length - 44);
    expect((bytes.length - 44) / 2 / SAMPLE_RATE).toBe(RINGTONE.seconds);
  });

  it('the ringtone rings at 425 Hz in a double ring and loops without a click', () => {
    const samples = synthesize(RINGTONE);
    // Loud in the bursts, silent between them and at the loop point.
    const rms = (from: number, to: number): number => {
      let sum = 0;
      for (let i = Math.round(from * SAMPLE_RATE); i < Math.round(to * SAMPLE_RATE); i += 1)
        sum += (samples[i] ?? 0) ** 2;
      return Math.sqrt(sum / ((to - from) * SAMPLE_RATE));
    };
    expect(rms(0.05, 0.35)).toBeGreaterThan(5_000);
    expect(rms(0.45, 0.55)).toBe(0);
    expect(rms(0.65, 0.95)).toBeGreaterThan(5_000);
    expect(rms(1.1, 3)).toBe(0);
    expect(samples[0]).toBe(0);
    expect(samples.at(-1)).toBe(0);
    // Zero crossings over a steady 0.2 s of the first burst: the 425 Hz fundamental dominates.
    let crossings = 0;
    const start = Math.round(0.1 * SAMPLE_RATE);
    const end = Math.round(0.3 * SAMPLE_RATE);
    for (let i = start + 1; i < end; i += 1)
      if (Math.sign(samples[i] ?? 0) !== Math.sign(samples[i - 1] ?? 0)) crossings += 1;
    expect(crossings / 2 / 0.2).toBeGreaterThan(400);
    expect(crossings / 2 / 0.2).toBeLessThan(450);
  });

  it('the call-waiting tone is quiet next to the ringtone', () => {
    const peak = (s: Int16Array): number => s.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(peak(synthesize(CALL_WAITING))).toBeLessThan(peak(synthesize(RINGTONE)) / 3);
  });
});
