// Vite copies the files into the build (out/renderer/assets) and gives their URLs.
import callWaitingUrl from '../../../../resources/call-waiting.wav?url';
import ringtoneUrl from '../../../../resources/ringtone.wav?url';
import type { RingerSounds } from './ringer';

/** The generated tones (resources/generate-sounds.ts). */
export const PHONE_SOUNDS: RingerSounds = { ringtone: ringtoneUrl, callWaiting: callWaitingUrl };
