import { createHash } from 'node:crypto';

/**
 * A small, real WAV file per recording name: PCM 16-bit, 8 kHz, mono, a few seconds of
 * tones chosen from the name's hash, so the same name always gives the same bytes.
 */

const SAMPLE_RATE = 8000;

export function recordingWav(name: string): Buffer {
  const digest = createHash('sha256').update(name, 'utf8').digest();
  const byte = (i: number): number => digest[i % digest.length] ?? 0;
  const seconds = 2 + (byte(0) % 4);
  const samples = SAMPLE_RATE * seconds;
  const segments = 3 + (byte(1) % 5);
  const segmentLength = Math.ceil(samples / segments);

  const data = Buffer.alloc(samples * 2);
  for (let s = 0; s < segments; s++) {
    const frequency = 300 + byte(2 + s) * 4; // 300..1320 Hz, under the 4 kHz Nyquist limit
    const start = s * segmentLength;
    const end = Math.min(samples, start + segmentLength);
    for (let i = start; i < end; i++) {
      const local = i - start;
      // Short fades stop clicks between tones.
      const fade = Math.min(1, local / 80, (end - i) / 80);
      const value = Math.round(Math.sin((2 * Math.PI * frequency * local) / SAMPLE_RATE) * 9000 * fade);
      data.writeInt16LE(value, i * 2);
    }
  }

  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
