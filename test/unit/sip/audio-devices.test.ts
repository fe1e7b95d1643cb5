import { describe, expect, it, vi } from 'vitest';
import {
  AudioDeviceManager,
  availability,
  listDevices,
  type DeviceInfoLike,
  type DeviceNotice,
  type DeviceRole,
  type MediaDevicesLike,
  type SenderLike,
  type StreamLike,
  type TrackLike,
} from '../../../src/renderer/src/sip/audio-devices';

class FakeTrack implements TrackLike {
  readonly kind = 'audio';
  enabled = true;
  stopped = false;
  constructor(readonly deviceId: string) {}
  stop(): void {
    this.stopped = true;
  }
  clone(): FakeTrack {
    return new FakeTrack(this.deviceId);
  }
}

const device = (deviceId: string, kind: 'audioinput' | 'audiooutput', label: string): DeviceInfoLike => ({
  deviceId,
  kind,
  label,
});

const LAPTOP_MIC = device('mic-laptop', 'audioinput', 'Built-in Microphone');
const HEADSET_MIC = device('mic-headset', 'audioinput', 'Jabra Evolve2 40 Microphone');
const LAPTOP_SPEAKER = device('spk-laptop', 'audiooutput', 'Built-in Speakers');
const HEADSET_SPEAKER = device('spk-headset', 'audiooutput', 'Jabra Evolve2 40 Headphones');

/** navigator.mediaDevices by hand: the test plugs devices in and out and fires devicechange. */
class FakeMediaDevices implements MediaDevicesLike {
  devices: DeviceInfoLike[] = [
    device('default', 'audioinput', 'Default - Built-in Microphone'),
    LAPTOP_MIC,
    HEADSET_MIC,
    LAPTOP_SPEAKER,
    HEADSET_SPEAKER,
  ];
  readonly requests: unknown[] = [];
  readonly opened: FakeTrack[] = [];
  private listener: (() => void) | null = null;
  enumerateDevices(): Promise<readonly DeviceInfoLike[]> {
    return Promise.resolve([...this.devices]);
  }
  getUserMedia(constraints: { audio: boolean | MediaTrackConstraints }): Promise<StreamLike> {
    this.requests.push(constraints);
    const audio = constraints.audio;
    const exact =
      typeof audio === 'object' && typeof audio.deviceId === 'object' && !Array.isArray(audio.deviceId)
        ? (audio.deviceId as { exact?: string }).exact
        : undefined;
    if (exact !== undefined && !this.devices.some((d) => d.deviceId === exact))
      return Promise.reject(new Error('OverconstrainedError'));
    const track = new FakeTrack(exact ?? 'default');
    this.opened.push(track);
    return Promise.resolve({ getAudioTracks: () => [track] });
  }
  addEventListener(_type: 'devicechange', listener: () => void): void {
    this.listener = listener;
  }
  removeEventListener(): void {
    this.listener = null;
  }
  unplug(id: string): void {
    this.devices = this.devices.filter((d) => d.deviceId !== id);
    this.listener?.();
  }
  plug(info: DeviceInfoLike): void {
    this.devices = [...this.devices, info];
    this.listener?.();
  }
}

/** A call's RTCPeerConnection: one audio sender; createOffer would mean renegotiation. */
class FakeConnection {
  readonly sender: SenderLike & { track: TrackLike | null; replaced: TrackLike[] };
  readonly createOffer = vi.fn();
  constructor(track: TrackLike) {
    const sender = {
      track: track as TrackLike | null,
      replaced: [] as TrackLike[],
      replaceTrack(next: TrackLike | null): Promise<void> {
        sender.track = next;
        if (next) sender.replaced.push(next);
        return Promise.resolve();
      },
    };
    this.sender = sender;
  }
  getSenders(): readonly SenderLike[] {
    return [this.sender];
  }
}

function setup() {
  const media = new FakeMediaDevices();
  const speaker = { sinks: [] as string[], setSinkId: (id: string) => (speaker.sinks.push(id), Promise.resolve()) };
  const ringer = { sinks: [] as string[], setSinkId: (id: string) => (ringer.sinks.push(id), Promise.resolve()) };
  const notices: DeviceNotice[] = [];
  const recovered: DeviceRole[] = [];
  const manager = new AudioDeviceManager({
    mediaDevices: media,
    speaker,
    ringer,
    onNotice: (n) => notices.push(n),
    onRecovered: (r) => recovered.push(r),
  });
  return { media, speaker, ringer, notices, recovered, manager };
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

describe('device availability', () => {
  it('tells present, missing, and unknown (no permission: ids hidden)', () => {
    const devices = [LAPTOP_MIC, HEADSET_MIC];
    expect(availability('', 'audioinput', devices)).toBe('present');
    expect(availability('mic-headset', 'audioinput', devices)).toBe('present');
    expect(availability('mic-gone', 'audioinput', devices)).toBe('missing');
    expect(availability('mic-headset', 'audioinput', [device('', 'audioinput', '')])).toBe('unknown');
  });

  it('lists the devices of a kind without the OS default alias', () => {
    const all = [device('default', 'audioinput', 'Default'), LAPTOP_MIC, LAPTOP_SPEAKER];
    expect(listDevices(all, 'audioinput')).toEqual([LAPTOP_MIC]);
  });
});

describe('AudioDeviceManager', () => {
  it('answers with the chosen microphone (exact when listed, a preference when the list hides ids)', async () => {
    const { manager, media, notices } = setup();
    await manager.start();
    expect(manager.microphoneConstraints()).toBe(true);
    await manager.setPreferences({ microphoneId: 'mic-headset', speakerId: '', ringerId: '' });
    expect(manager.microphoneConstraints()).toEqual({ deviceId: { exact: 'mic-headset' } });

    media.devices = [device('', 'audioinput', ''), device('', 'audiooutput', '')];
    await manager.refresh();
    expect(manager.microphoneConstraints()).toEqual({ deviceId: { ideal: 'mic-headset' } });
    expect(notices).toEqual([]);
  });

  it('switches the microphone of a live call with replaceTrack, without renegotiating, keeping mute', async () => {
    const { manager, media } = setup();
    await manager.start();
    const original = new FakeTrack('mic-laptop');
    original.enabled = false; // the agent muted the call
    const connection = new FakeConnection(original);
    manager.attachCall('call-1', connection);

    await manager.setPreferences({ microphoneId: 'mic-headset', speakerId: '', ringerId: '' });

    expect(media.requests.at(-1)).toEqual({ audio: { deviceId: { exact: 'mic-headset' } }, video: false });
    const replaced = connection.sender.track as FakeTrack;
    expect(replaced.deviceId).toBe('mic-headset');
    expect(replaced.enabled).toBe(false);
    expect(original.stopped).toBe(true);
    expect(connection.createOffer).not.toHaveBeenCalled();
    expect(manager.current('microphone')).toBe('mic-headset');

    // The track we opened is ours to close when the call ends (JsSIP closes only its own).
    manager.detachCall('call-1');
    expect(replaced.stopped).toBe(true);
  });

  it('routes the call audio and the ringtone to their chosen outputs with setSinkId', async () => {
    const { manager, speaker, ringer } = setup();
    await manager.start();
    await manager.setPreferences({ microphoneId: '', speakerId: 'spk-headset', ringerId: 'spk-laptop' });
    expect(speaker.sinks).toEqual(['spk-headset']);
    expect(ringer.sinks).toEqual(['spk-laptop']);
    await manager.setPreferences({ microphoneId: '', speakerId: '', ringerId: 'spk-laptop' });
    expect(speaker.sinks).toEqual(['spk-headset', '']);
  });

  it('falls back to the defaults when the headset is unplugged, says so once, and returns when it is back', async () => {
    const { manager, media, speaker, notices, recovered } = setup();
    await manager.start();
    await manager.setPreferences({ microphoneId: 'mic-headset', speakerId: 'spk-headset', ringerId: '' });
    const connection = new FakeConnection(new FakeTrack('mic-headset'));
    manager.attachCall('call-1', connection);

    media.unplug('mic-headset');
    media.unplug('spk-headset');
    await flush();
    await manager.refresh();

    expect(notices).toEqual([
      { kind: 'fell-back', role: 'microphone', label: 'Jabra Evolve2 40 Microphone' },
      { kind: 'fell-back', role: 'speaker', label: 'Jabra Evolve2 40 Headphones' },
    ]);
    expect((connection.sender.track as FakeTrack).deviceId).toBe('default');
    expect(media.requests.at(-1)).toEqual({ audio: true, video: false });
    expect(speaker.sinks.at(-1)).toBe('');
    expect(manager.current('microphone')).toBe('');

    media.plug(HEADSET_MIC);
    await flush();
    await manager.refresh();
    expect(recovered).toEqual(['microphone']);
    expect((connection.sender.track as FakeTrack).deviceId).toBe('mic-headset');
    expect(notices).toHaveLength(2);
  });

  it('says so when the microphone cannot be opened, and keeps the one in use', async () => {
    const { manager, media, notices } = setup();
    await manager.start();
    const original = new FakeTrack('mic-laptop');
    const connection = new FakeConnection(original);
    manager.attachCall('call-1', connection);
    media.getUserMedia = () => Promise.reject(new Error('NotReadableError'));
    await manager.setPreferences({ microphoneId: 'mic-headset', speakerId: '', ringerId: '' });
    expect(notices).toEqual([{ kind: 'switch-failed', role: 'microphone' }]);
    expect(connection.sender.track).toBe(original);
    expect(original.stopped).toBe(false);
  });

  it('works without navigator.mediaDevices (an insecure page): defaults only, no errors', async () => {
    const manager = new AudioDeviceManager({
      mediaDevices: undefined,
      speaker: {},
      ringer: {},
      onNotice: () => undefined,
    });
    await manager.start();
    await manager.setPreferences({ microphoneId: 'x', speakerId: 'y', ringerId: 'z' });
    expect(manager.microphoneConstraints()).toEqual({ deviceId: { ideal: 'x' } });
  });
});
