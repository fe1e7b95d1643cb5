import { audioProblemOf, levelOf, type AudioProblem } from './audio-level';

export interface MicMeter {
  /** The chosen microphone was missing and the system default is measured instead. */
  readonly fellBack: boolean;
  /** Closes the microphone and the audio context; idempotent. */
  stop(): void;
}

export type MicMeterStart =
  | { readonly ok: true; readonly meter: MicMeter }
  | { readonly ok: false; readonly problem: AudioProblem; readonly name: string };

/** Ten readings a second: smooth enough for a bar, few enough renders. */
const READ_EVERY_MS = 100;

async function openMicrophone(deviceId: string): Promise<{ stream: MediaStream; fellBack: boolean }> {
  const media = navigator.mediaDevices;
  if (deviceId === '') return { stream: await media.getUserMedia({ audio: true, video: false }), fellBack: false };
  try {
    const stream = await media.getUserMedia({ audio: { deviceId: { exact: deviceId } }, video: false });
    return { stream, fellBack: false };
  } catch (error) {
    // The saved microphone is unplugged: measure the default, as the phone would use it.
    if (audioProblemOf(error).problem !== 'notFound') throw error;
    return { stream: await media.getUserMedia({ audio: true, video: false }), fellBack: true };
  }
}

/**
 * Measures the microphone `deviceId` ('' = the system default): getUserMedia into an
 * AnalyserNode (never to the speakers: no echo), read ten times a second into `onLevel` (0..1).
 */
export async function startMicMeter(deviceId: string, onLevel: (level: number) => void): Promise<MicMeterStart> {
  if (typeof navigator !== 'object' || !navigator.mediaDevices || typeof AudioContext !== 'function') {
    return { ok: false, problem: 'unsupported', name: 'unsupported' };
  }
  let opened: { stream: MediaStream; fellBack: boolean };
  try {
    opened = await openMicrophone(deviceId);
  } catch (error) {
    return { ok: false, ...audioProblemOf(error) };
  }
  const { stream } = opened;
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 2048;
  context.createMediaStreamSource(stream).connect(analyser);
  // Started by a click, so the context may run; resume() covers a context created suspended.
  void context.resume().catch(() => undefined);
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    onLevel(levelOf(samples));
  }, READ_EVERY_MS);
  let stopped = false;
  return {
    ok: true,
    meter: {
      fellBack: opened.fellBack,
      stop() {
        if (stopped) return;
        stopped = true;
        clearInterval(timer);
        for (const track of stream.getTracks()) track.stop();
        void context.close().catch(() => undefined);
      },
    },
  };
}
