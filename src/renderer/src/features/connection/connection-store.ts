import { create } from 'zustand';
import type { SignalConnectionState } from '../../../../shared/domain';
import { antring, onHostEvent } from '../../api';

interface ConnectionStoreState {
  readonly signals: SignalConnectionState;
  load(): Promise<void>;
  /** Subscribes to the host's signalStateChanged; returns the unsubscribe function. */
  followHost(): () => void;
}

export const useConnectionStore = create<ConnectionStoreState>()((set) => ({
  signals: { kind: 'idle' },
  async load() {
    const result = await antring().getSignalState();
    if (result.ok) set({ signals: result.value });
  },
  followHost() {
    return onHostEvent('signalStateChanged', (signals) => set({ signals }));
  },
}));
