/**
 * The phone's sounds, synthesised (no recorded artwork, no audio package): pure functions from
 * a cadence to 16-bit PCM mono WAV bytes, so the files are reproducible byte for byte.
 *
 * - Ringtone: 425 Hz, the tone Vietnamese exchanges and PBXs ring with (ITU-T E.180 lists
 *   Viet Nam's ringing tone as 425 Hz), with a soft 850 Hz overtone so a laptop speaker carries
 *   it, in a double ring (0.4 s on, 0.2 s off, 0.4 s on, 2 s off): 3 s that loop seamlessly.
 * - Call waiting: two short quiet 425 Hz beeps every 4 s, heard over a live call without
 *   drowning it.
 * Every burst fades in and out over 10 ms so no click marks its edges.
 */

export const SAMPLE_RATE = 16_000;

export interface Burst {
  /** Seconds from the start of the cycle. */
  readonly at: number;
  readonly seconds: number;
}

export interface ToneSpec {
  /** Length of one loop, seconds. */
  readonly seconds: number;
  readonly bursts: readonly Burst[];
  /** Partials: frequency (Hz) and amplitude (0..1 of full scale). */
  readonly partials: readonly { readonly hz: number; readonly gain: number }[];
  readonly fadeSeconds: number;
}

export const RINGTONE: ToneSpec = {
  seconds: 3,
  bursts: [
    { at: 0, seconds: 0.4 },
    { at: 0.6, seconds: 0.4 },
  ],
  partials: [
    { hz: 425, gain: 0.42 },
    { hz: 850, gain: 0.12 },
  ],
  fadeSeconds: 0.01,
};

export const CALL_WAITING: ToneSpec = {
  seconds: 4,
  bursts: [
    { at: 0, seconds: 0.15 },
    { at: 0.3, seconds: 0.15 },
  ],
  partials: [{ hz: 425, gain: 0.12 }],
  fadeSeconds: 0.01,
};

/** One loop of the tone as signed 16-bit samples. */
export function synthesize(spec: ToneSpec, sampleRate = SAMPLE_RATE): Int16Array {
  const total = Math.round(spec.seconds * sampleRate);
  const samples = new Int16Array(total);
  const fade = Math.max(1, Math.round(spec.fadeSeconds * sampleRate));
  for (const burst of spec.bursts) {
    const start = Math.round(burst.at * sampleRate);
    const length = Math.round(burst.seconds * sampleRate);
    for (let i = 0; i < length && start + i < total; i += 1) {
      // Raised-cosine edges: no click where the tone starts and stops.
      const edge = Math.min(i, length - 1 - i);
      const envelope = edge >= fade ? 1 : 0.5 - 0.5 * Math.cos((Math.PI * edge) / fade);
      let value = 0;
      for (const { hz, gain } of spec.partials) value += gain * Math.sin((2 * Math.PI * hz * i) / sampleRate);
      samples[start + i] = Math.round(Math.max(-1, Math.min(1, value * envelope)) * 32767);
    }
  }
  return samples;
}

/** A RIFF/WAVE file: PCM, 16-bit, mono. */
export function wavFile(samples: Int16Array, sampleRate = SAMPLE_RATE): Uint8Array {
  const dataBytes = samples.length * 2;
  const buffer = new ArrayBuffer(44 + dataBytes);
  const view = new DataView(buffer);
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i += 1) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i += 1) view.setInt16(44 + i * 2, samples[i] ?? 0, true);
  return new Uint8Array(buffer);
}

export const SOUND_FILES = {
  'ringtone.wav': RINGTONE,
  'call-waiting.wav': CALL_WAITING,
} as const satisfies Record<string, ToneSpec>;
