/**
 * Which microphone, speaker and ringer the phone uses, and switching them under a live call
 * without renegotiation: a new microphone track goes into the call's existing RTP sender
 * (RTCRtpSender.replaceTrack: same SDP, no re-INVITE), the speaker and the ringer are output
 * sinks of their <audio> elements (setSinkId). When a chosen device disappears (a headset
 * unplugged), the default takes over and the agent is told; when it comes back, it is used again.
 *
 * The browser is injected (MediaDevices, senders, elements by shape) so all of it runs in unit
 * tests with fakes.
 */

export type DeviceRole = 'microphone' | 'speaker' | 'ringer';
export type AudioDeviceKind = 'audioinput' | 'audiooutput';

export const ROLE_KIND: Readonly<Record<DeviceRole, AudioDeviceKind>> = {
  microphone: 'audioinput',
  speaker: 'audiooutput',
  ringer: 'audiooutput',
};

/** Settings microphoneId, speakerId, ringerId: '' is the system default. */
export interface DevicePreferences {
  readonly microphoneId: string;
  readonly speakerId: string;
  readonly ringerId: string;
}

export const DEFAULT_DEVICES: DevicePreferences = { microphoneId: '', speakerId: '', ringerId: '' };

const PREFERENCE_OF: Readonly<Record<DeviceRole, keyof DevicePreferences>> = {
  microphone: 'microphoneId',
  speaker: 'speakerId',
  ringer: 'ringerId',
};

export interface DeviceInfoLike {
  readonly deviceId: string;
  readonly kind: string;
  readonly label: string;
}

export interface TrackLike {
  readonly kind: string;
  enabled: boolean;
  stop(): void;
  clone(): TrackLike;
}

export interface StreamLike {
  getAudioTracks(): TrackLike[];
}

export interface MediaDevicesLike {
  enumerateDevices(): Promise<readonly DeviceInfoLike[]>;
  getUserMedia(constraints: { audio: boolean | MediaTrackConstraints; video?: boolean }): Promise<StreamLike>;
  addEventListener(type: 'devicechange', listener: () => void): void;
  removeEventListener(type: 'devicechange', listener: () => void): void;
}

export interface SenderLike {
  readonly track: TrackLike | null;
  replaceTrack(track: TrackLike | null): Promise<void>;
}

/** A call's RTCPeerConnection, as far as switching the microphone needs it. */
export interface PeerConnectionLike {
  getSenders(): readonly SenderLike[];
}

/** An <audio> element whose output device can be chosen. */
export interface AudioOutputLike {
  setSinkId?(sinkId: string): Promise<void>;
}

/** What the agent is told: a device vanished and the default took over, or a switch failed. */
export type DeviceNotice =
  | { readonly kind: 'fell-back'; readonly role: DeviceRole; readonly label: string }
  | { readonly kind: 'switch-failed'; readonly role: DeviceRole };

/** Chromium lists the OS default twice: once as itself, once as 'default'. '' already means default. */
const ALIASES = new Set(['default']);

export type DeviceAvailability = 'present' | 'missing' | 'unknown';

/**
 * Whether `deviceId` is among the devices of `kind`. Unknown when the list hides ids (no media
 * permission yet: Chromium then lists one anonymous device per kind), so nothing is claimed missing.
 */
export function availability(
  deviceId: string,
  kind: AudioDeviceKind,
  devices: readonly DeviceInfoLike[],
): DeviceAvailability {
  if (deviceId === '') return 'present';
  const ofKind = devices.filter((d) => d.kind === kind);
  if (ofKind.some((d) => d.deviceId === deviceId)) return 'present';
  if (ofKind.length === 0 || ofKind.every((d) => d.deviceId === '')) return 'unknown';
  return 'missing';
}

/** The devices a selector offers for `kind`, named; the OS default's alias left out ('' stands for it). */
export function listDevices(devices: readonly DeviceInfoLike[], kind: AudioDeviceKind): DeviceInfoLike[] {
  return devices.filter((d) => d.kind === kind && d.deviceId !== '' && !ALIASES.has(d.deviceId));
}

/** getUserMedia's audio constraint for a device: exact when it is known to be there, a preference when unsure. */
export function microphoneConstraint(deviceId: string, state: DeviceAvailability): boolean | MediaTrackConstraints {
  if (deviceId === '' || state === 'missing') return true;
  return state === 'present' ? { deviceId: { exact: deviceId } } : { deviceId: { ideal: deviceId } };
}

export interface AudioDeviceManagerDeps {
  readonly mediaDevices: MediaDevicesLike | undefined;
  readonly speaker: AudioOutputLike;
  readonly ringer: AudioOutputLike;
  readonly onNotice: (notice: DeviceNotice) => void;
  /** A role whose device is back (or was chosen anew): its notice can go. */
  readonly onRecovered?: (role: DeviceRole) => void;
}

interface LiveCall {
  readonly connection: PeerConnectionLike;
  /** The microphone track we put in; JsSIP stops only the tracks it opened itself. */
  ownTrack: TrackLike | null;
}

export class AudioDeviceManager {
  private preferences: DevicePreferences = DEFAULT_DEVICES;
  private devices: readonly DeviceInfoLike[] = [];
  /** The device each role uses now ('' = default). */
  private readonly inUse: Record<DeviceRole, string> = { microphone: '', speaker: '', ringer: '' };
  private readonly fallenBack = new Set<DeviceRole>();
  private readonly labels = new Map<string, string>();
  private readonly calls = new Map<string, LiveCall>();
  /** Switches run one after another: a second choice made while the first opens waits its turn. */
  private queue: Promise<void> = Promise.resolve();
  private readonly onDeviceChange = (): void => void this.refresh();
  private started = false;

  constructor(private readonly deps: AudioDeviceManagerDeps) {}

  start(): Promise<void> {
    if (!this.started) {
      this.started = true;
      this.deps.mediaDevices?.addEventListener('devicechange', this.onDeviceChange);
    }
    return this.refresh();
  }

  dispose(): void {
    this.deps.mediaDevices?.removeEventListener('devicechange', this.onDeviceChange);
    this.started = false;
    for (const id of [...this.calls.keys()]) this.detachCall(id);
  }

  setPreferences(preferences: DevicePreferences): Promise<void> {
    const changed = (Object.keys(PREFERENCE_OF) as DeviceRole[]).filter(
      (role) => preferences[PREFERENCE_OF[role]] !== this.preferences[PREFERENCE_OF[role]],
    );
    this.preferences = preferences;
    for (const role of changed) {
      // A fresh choice replaces whatever the old one's notice said.
      if (this.fallenBack.delete(role)) this.deps.onRecovered?.(role);
    }
    return this.enqueue(() => this.apply(changed));
  }

  /** The audio constraint for answering (or placing) a call with the chosen microphone. */
  microphoneConstraints(): boolean | MediaTrackConstraints {
    const id = this.preferences.microphoneId;
    return microphoneConstraint(id, availability(id, 'audioinput', this.devices));
  }

  /** A call's connection exists: later microphone switches go into its sender. */
  attachCall(id: string, connection: PeerConnectionLike): void {
    if (this.calls.has(id)) return;
    this.calls.set(id, { connection, ownTrack: null });
    // Answered before the device list said the chosen microphone was back: put it in now.
    const wanted = this.wantedDevice('microphone');
    if (wanted !== this.inUse.microphone) void this.enqueue(() => this.apply(['microphone']));
  }

  detachCall(id: string): void {
    const call = this.calls.get(id);
    if (!call) return;
    this.calls.delete(id);
    call.ownTrack?.stop();
  }

  /** The device a role uses right now ('' = system default). */
  current(role: DeviceRole): string {
    return this.inUse[role];
  }

  /** Reads the device list again (devicechange): falls back from devices gone, returns to devices back. */
  refresh(): Promise<void> {
    return this.enqueue(async () => {
      const media = this.deps.mediaDevices;
      if (!media) return;
      try {
        this.devices = await media.enumerateDevices();
      } catch {
        return;
      }
      for (const d of this.devices) if (d.deviceId !== '' && d.label !== '') this.labels.set(d.deviceId, d.label);
      await this.apply(['microphone', 'speaker', 'ringer']);
    });
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(step, step);
    return this.queue;
  }

  /** The device a role should use given the list: the chosen one, or the default when it is missing. */
  private wantedDevice(role: DeviceRole): string {
    const id = this.preferences[PREFERENCE_OF[role]];
    return availability(id, ROLE_KIND[role], this.devices) === 'missing' ? '' : id;
  }

  private async apply(roles: readonly DeviceRole[]): Promise<void> {
    for (const role of roles) {
      const chosen = this.preferences[PREFERENCE_OF[role]];
      const state = availability(chosen, ROLE_KIND[role], this.devices);
      if (state === 'missing' && !this.fallenBack.has(role)) {
        this.fallenBack.add(role);
        this.deps.onNotice({ kind: 'fell-back', role, label: this.labels.get(chosen) ?? '' });
      } else if (state === 'present' && this.fallenBack.delete(role)) {
        this.deps.onRecovered?.(role);
      }
      const wanted = state === 'missing' ? '' : chosen;
      if (role === 'microphone') await this.useMicrophone(wanted, state);
      else await this.useOutput(role, wanted);
    }
  }

  private async useOutput(role: 'speaker' | 'ringer', deviceId: string): Promise<void> {
    if (this.inUse[role] === deviceId) return;
    const element = role === 'speaker' ? this.deps.speaker : this.deps.ringer;
    if (typeof element.setSinkId !== 'function') return;
    try {
      await element.setSinkId(deviceId);
      this.inUse[role] = deviceId;
    } catch {
      // The device went away between the list and the switch, or the browser refused it.
      if (deviceId !== '') {
        await element.setSinkId('').catch(() => undefined);
        this.inUse[role] = '';
        this.deps.onNotice({ kind: 'switch-failed', role });
      }
    }
  }

  private async useMicrophone(deviceId: string, state: DeviceAvailability): Promise<void> {
    if (this.inUse.microphone === deviceId) return;
    const calls = [...this.calls.values()];
    if (calls.length === 0) {
      // Nothing to switch: the next call opens this one (microphoneConstraints()).
      this.inUse.microphone = deviceId;
      return;
    }
    const media = this.deps.mediaDevices;
    if (!media) return;
    let track: TrackLike | undefined;
    try {
      const stream = await media.getUserMedia({ audio: microphoneConstraint(deviceId, state), video: false });
      track = stream.getAudioTracks()[0];
    } catch {
      track = undefined;
    }
    if (!track) {
      this.deps.onNotice({ kind: 'switch-failed', role: 'microphone' });
      return;
    }
    let first = true;
    for (const call of calls) {
      const sender = call.connection.getSenders().find((s) => s.track?.kind === 'audio');
      if (!sender) continue;
      const next = first ? track : track.clone();
      first = false;
      const previous = sender.track;
      // A muted call stays muted on the new microphone (JsSIP mutes by disabling the sender's track).
      next.enabled = previous?.enabled ?? true;
      try {
        await sender.replaceTrack(next);
      } catch {
        next.stop();
        continue;
      }
      previous?.stop();
      if (call.ownTrack && call.ownTrack !== previous) call.ownTrack.stop();
      call.ownTrack = next;
    }
    if (first) track.stop();
    this.inUse.microphone = deviceId;
  }
}
