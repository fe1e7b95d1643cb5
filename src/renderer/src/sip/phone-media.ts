import type { CallSummary } from '../../../shared/call-log';
import {
  AudioDeviceManager,
  type AudioOutputLike,
  type DevicePreferences,
  type MediaDevicesLike,
} from './audio-devices';
import { CallMediaTracker } from './call-media';
import { CallRecorder } from './call-recorder';
import { clearDeviceNotice, publishDeviceNotice, publishQuality } from './media-store';
import type { PhoneStateSink } from './phone-state';
import { ringSoundFor, type Ringer } from './ringer';
import type { TimerClock } from './timer-clock';
import type { SipSessionLike } from './user-agent';

export interface PhoneMediaDeps {
  /** Where the phone's state goes (the store); PhoneMedia listens in on the way. */
  readonly sink: PhoneStateSink;
  readonly speaker: AudioOutputLike;
  readonly ringer: Ringer;
  readonly mediaDevices: MediaDevicesLike | undefined;
  readonly clock: TimerClock;
  /** Sends a finished call to the call log (the host's recordCall). */
  readonly record: (call: CallSummary) => void;
}

export interface PhoneMedia {
  /** The sink to give SipPhone: the store's, plus the ringer and the call log. */
  readonly sink: PhoneStateSink;
  /** SipPhone's onSession: follow each call's media. */
  onSession(session: SipSessionLike, sipCallId: string | undefined): void;
  /** The audio constraint for answering or placing a call with the chosen microphone. */
  microphone(): boolean | MediaTrackConstraints;
  setDevices(preferences: DevicePreferences): void;
  dispose(): void;
}

/**
 * Everything around the calls that is sound and measurement rather than signalling: which
 * devices, the ringtone, live quality, and the call log entry at the end. Built once per
 * phone, from injected browser pieces.
 */
export function createPhoneMedia(deps: PhoneMediaDeps): PhoneMedia {
  const devices = new AudioDeviceManager({
    mediaDevices: deps.mediaDevices,
    speaker: deps.speaker,
    ringer: deps.ringer.output,
    onNotice: publishDeviceNotice,
    onRecovered: clearDeviceNotice,
  });
  void devices.start();
  const tracker = new CallMediaTracker({ clock: deps.clock, devices, onQuality: publishQuality });
  const recorder = new CallRecorder({
    now: deps.clock.now,
    quality: (id) => tracker.summary(id),
    sipCallId: (id) => tracker.sipCallId(id),
    record: deps.record,
  });
  const sink: PhoneStateSink = {
    ...deps.sink,
    setRegistration: (state) => deps.sink.setRegistration(state),
    setCalls: (state) => {
      deps.sink.setCalls(state);
      deps.ringer.play(ringSoundFor(state));
      recorder.observe(state);
    },
  };
  return {
    sink,
    onSession: (session, sipCallId) => tracker.track(session, sipCallId),
    microphone: () => devices.microphoneConstraints(),
    setDevices: (preferences) => void devices.setPreferences(preferences),
    dispose() {
      deps.ringer.stop();
      tracker.dispose();
      devices.dispose();
    },
  };
}
