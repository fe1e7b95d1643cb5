import { create } from 'zustand';
import type { TrayStatus } from '../../../../shared/reachability';
import { antring, onHostEvent } from '../../api';

interface TrayStatusStoreState {
  /** Null until the host answered (and in a host without the request): nothing is shown then. */
  readonly status: TrayStatus | null;
  load(): Promise<void>;
  /** Subscribes to the host's trayStatusChanged; returns the unsubscribe function. */
  followHost(): () => void;
}

export const useTrayStatusStore = create<TrayStatusStoreState>()((set) => ({
  status: null,
  async load() {
    const result = await antring().getTrayStatus();
    if (result.ok) set({ status: result.value });
  },
  followHost() {
    return onHostEvent('trayStatusChanged', (status) => set({ status }));
  },
}));
