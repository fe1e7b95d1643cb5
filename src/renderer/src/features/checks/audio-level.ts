/**
 * How loud a block of microphone samples is, as a 0..1 level for a meter. Loudness is heard on
 * a logarithmic scale, so the level follows decibels (-60 dBFS and below is 0, full scale is
 * 1): on a linear scale normal speech would barely move the bar.
 */
export const SILENCE_DB = -60;

export function levelOf(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i] ?? 0;
    sum += sample * sample;
  }
  const rms = Math.sqrt(sum / samples.length);
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - SILENCE_DB) / -SILENCE_DB));
}

/** Why a device could not be used, from the DOMException's name (the message is the browser's wording). */
export type AudioProblem = 'denied' | 'notFound' | 'busy' | 'unsupported' | 'playFailed' | 'other';

export function audioProblemOf(error: unknown): { readonly problem: AudioProblem; readonly name: string } {
  const name = error instanceof Error || error instanceof DOMException ? error.name : 'Error';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return { problem: 'denied', name };
    case 'NotFoundError':
    case 'OverconstrainedError':
      return { problem: 'notFound', name };
    case 'NotReadableError':
    case 'AbortError':
      return { problem: 'busy', name };
    default:
      return { problem: 'other', name };
  }
}
