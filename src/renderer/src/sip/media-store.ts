import { create } from 'zustand';
import type { DeviceNotice, DeviceRole } from './audio-devices';
import type { QualitySample } from './quality-sampler';

/** What the phone's media shows: each live call's latest quality sample, and device notices. */
export interface MediaStoreState {
  /** By JsSIP session id (the call's `id` in the phone state). */
  readonly quality: Readonly<Record<string, QualitySample>>;
  /** At most one per role, newest last. */
  readonly notices: readonly DeviceNotice[];
  dismissNotice(role: DeviceRole): void;
}

export const useMediaStore = create<MediaStoreState>()((set) => ({
  quality: {},
  notices: [],
  dismissNotice: (role) => set((s) => ({ notices: s.notices.filter((n) => n.role !== role) })),
}));

export function publishQuality(id: string, sample: QualitySample | null): void {
  useMediaStore.setState((s) => {
    const { [id]: _previous, ...rest } = s.quality;
    return { quality: sample ? { ...rest, [id]: sample } : rest };
  });
}

export function publishDeviceNotice(notice: DeviceNotice): void {
  useMediaStore.setState((s) => ({ notices: [...s.notices.filter((n) => n.role !== notice.role), notice] }));
}

export function clearDeviceNotice(role: DeviceRole): void {
  useMediaStore.getState().dismissNotice(role);
}
