import type { PhoneCallsState } from './phone-state';

/** What plays while a call rings: the ringtone, the quiet call-waiting beep, or nothing. */
export type RingSound = 'ringtone' | 'call-waiting' | 'silent';

/**
 * The sound for the phone's calls: a call ringing in the normal way rings; one that rings while
 * another is live gets the call-waiting beep (the phone marks it `ringStyle: 'waiting'`); a
 * call the phone answers by itself never rings.
 */
export function ringSoundFor(state: PhoneCallsState): RingSound {
  const ringing = state.calls.filter((call) => call.status.kind === 'ringing' && !call.status.autoAnswer);
  if (ringing.length === 0) return 'silent';
  const full = ringing.some((call) => call.status.kind === 'ringing' && call.status.ringStyle === 'full');
  return full ? 'ringtone' : 'call-waiting';
}

/** The <audio> element the ringer plays through, by shape. */
export interface RingerElement {
  src: string;
  loop: boolean;
  currentTime: number;
  play(): Promise<void> | undefined;
  pause(): void;
  setSinkId?(sinkId: string): Promise<void>;
}

export interface RingerSounds {
  readonly ringtone: string;
  readonly callWaiting: string;
}

/**
 * Plays the ringtone (or the call-waiting beep) in a loop on its own element, so it can go to
 * its own device (the ringer: laptop speakers while the headset is for talking).
 */
export class Ringer {
  private playing: RingSound = 'silent';

  constructor(
    private readonly element: RingerElement,
    private readonly sounds: RingerSounds,
  ) {}

  /** The element whose output device the ringer setting chooses. */
  get output(): RingerElement {
    return this.element;
  }

  get sound(): RingSound {
    return this.playing;
  }

  play(sound: RingSound): void {
    if (sound === this.playing) return;
    if (sound === 'silent') {
      this.stop();
      return;
    }
    this.playing = sound;
    const el = this.element;
    el.pause();
    el.src = sound === 'ringtone' ? this.sounds.ringtone : this.sounds.callWaiting;
    el.loop = true;
    el.currentTime = 0;
    try {
      // A browser may refuse sound before the user's first click (autoplay policy): the call
      // still shows on screen, so the refusal is simply ignored, never an unhandled rejection.
      const started = el.play();
      if (started) started.catch(() => undefined);
    } catch {
      // Old engines throw synchronously instead.
    }
  }

  stop(): void {
    if (this.playing === 'silent') return;
    this.playing = 'silent';
    this.element.pause();
    this.element.currentTime = 0;
  }
}

/** The ringer's own hidden <audio>, created once per page. */
export function createRingerElement(doc: Document = document): HTMLAudioElement {
  const element = doc.createElement('audio');
  element.preload = 'auto';
  element.className = 'sip-ringer';
  element.dataset['testid'] = 'sip-ringer';
  doc.body.appendChild(element);
  return element;
}
