import { useCallback, useEffect, useState } from 'react';
import type { DeviceInfoLike } from '../../sip/audio-devices';

export interface AudioDeviceList {
  readonly devices: readonly DeviceInfoLike[];
  /** Whether the browser hides names (no media permission yet). */
  readonly namesHidden: boolean;
  /** Asks for the microphone once (then closes it) so the browser reveals the device names. */
  revealNames(): Promise<void>;
}

function mediaDevices(): MediaDevices | undefined {
  return typeof navigator === 'object' && typeof navigator.mediaDevices === 'object'
    ? navigator.mediaDevices
    : undefined;
}

/** The audio devices of this computer, kept current as headsets come and go (devicechange). */
export function useAudioDevices(): AudioDeviceList {
  const [devices, setDevices] = useState<readonly DeviceInfoLike[]>([]);

  const load = useCallback(async (): Promise<void> => {
    const media = mediaDevices();
    if (!media) return;
    try {
      const list = await media.enumerateDevices();
      setDevices(list.map((d) => ({ deviceId: d.deviceId, kind: d.kind, label: d.label })));
    } catch {
      setDevices([]);
    }
  }, []);

  useEffect(() => {
    const media = mediaDevices();
    if (!media) return undefined;
    let live = true;
    const reload = (): void => {
      if (live) void load();
    };
    media.addEventListener('devicechange', reload);
    reload();
    return () => {
      live = false;
      media.removeEventListener('devicechange', reload);
    };
  }, [load]);

  const revealNames = useCallback(async (): Promise<void> => {
    const media = mediaDevices();
    if (!media) return;
    try {
      const stream = await media.getUserMedia({ audio: true, video: false });
      for (const track of stream.getTracks()) track.stop();
    } catch {
      // Refused: the list keeps its generic names.
    }
    await load();
  }, [load]);

  const audio = devices.filter((d) => d.kind === 'audioinput' || d.kind === 'audiooutput');
  return { devices, namesHidden: audio.some((d) => d.label === ''), revealNames };
}
