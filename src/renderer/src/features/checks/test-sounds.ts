import { PHONE_SOUNDS } from '../../sip/sounds';
import { audioProblemOf, type AudioProblem } from './audio-level';

export interface SoundPlayback {
  /** The chosen output was missing and the sound went to the system default. */
  readonly fellBack: boolean;
  /** Settles when the sound ends by itself or is stopped. */
  readonly finished: Promise<void>;
  /** Stops at once and releases the element (and the audio context); idempotent. */
  stop(): void;
}

export type SoundStart =
  | { readonly ok: true; readonly playback: SoundPlayback }
  | { readonly ok: false; readonly problem: AudioProblem; readonly name: string };

const TONE_HZ = 440;
const TONE_SECONDS = 1.5;
/** The ringtone file is 3 s; a cap in case `ended` never comes (a stalled device). */
const RINGTONE_CAP_MS = 5_000;

type SinkElement = HTMLAudioElement & { setSinkId?: (sinkId: string) => Promise<void> };

/** Sends the element to `sinkId` ('' = default); true when that device is gone and the default plays. */
async function routeTo(element: SinkElement, sinkId: string): Promise<boolean> {
  if (sinkId === '' || typeof element.setSinkId !== 'function') return false;
  try {
    await element.setSinkId(sinkId);
    return false;
  } catch {
    return true;
  }
}

function playbackOf(element: SinkElement, fellBack: boolean, release: () => void, capMs: number): SoundPlayback {
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  let stopped = false;
  const cap = setTimeout(() => stop(), capMs);
  function stop(): void {
    if (stopped) return;
    stopped = true;
    clearTimeout(cap);
    element.pause();
    element.removeAttribute('src');
    element.srcObject = null;
    release();
    done();
  }
  element.addEventListener('ended', stop, { once: true });
  return { fellBack, finished, stop };
}

async function start(element: SinkElement, sinkId: string, release: () => void, capMs: number): Promise<SoundStart> {
  const fellBack = await routeTo(element, sinkId);
  const playback = playbackOf(element, fellBack, release, capMs);
  try {
    await element.play();
  } catch (error) {
    playback.stop();
    const { name } = audioProblemOf(error);
    return { ok: false, problem: 'playFailed', name };
  }
  return { ok: true, playback };
}

/**
 * A short 440 Hz tone on the call speaker `sinkId`. Generated (an oscillator into a media
 * stream) rather than a file, and played by an <audio> element because the element is what
 * chooses the output device, exactly as the phone's call audio does.
 */
export async function playSpeakerTone(sinkId: string): Promise<SoundStart> {
  if (typeof AudioContext !== 'function') return { ok: false, problem: 'unsupported', name: 'unsupported' };
  const context = new AudioContext();
  const oscillator = context.createOscillator();
  oscillator.frequency.value = TONE_HZ;
  const gain = context.createGain();
  const t0 = context.currentTime;
  // Faded in and out: a tone that starts or stops abruptly clicks.
  gain.gain.setValueAtTime(0, t0);
  gain.gain.linearRampToValueAtTime(0.2, t0 + 0.05);
  gain.gain.setValueAtTime(0.2, t0 + TONE_SECONDS - 0.1);
  gain.gain.linearRampToValueAtTime(0, t0 + TONE_SECONDS);
  const destination = context.createMediaStreamDestination();
  oscillator.connect(gain).connect(destination);
  const element: SinkElement = new Audio();
  element.srcObject = destination.stream;
  oscillator.start(t0);
  oscillator.stop(t0 + TONE_SECONDS);
  const release = (): void => {
    void context.close().catch(() => undefined);
  };
  const started = await start(element, sinkId, release, TONE_SECONDS * 1000 + 500);
  if (started.ok) oscillator.addEventListener('ended', () => started.playback.stop(), { once: true });
  return started;
}

/** The phone's own ringtone (resources/ringtone.wav), once, on the ringer device `sinkId`. */
export async function playRingerTone(sinkId: string): Promise<SoundStart> {
  if (typeof Audio !== 'function') return { ok: false, problem: 'unsupported', name: 'unsupported' };
  const element: SinkElement = new Audio(PHONE_SOUNDS.ringtone);
  element.loop = false;
  return start(element, sinkId, () => undefined, RINGTONE_CAP_MS);
}
