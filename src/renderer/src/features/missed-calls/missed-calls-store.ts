import { create } from 'zustand';
import type { MissedCall } from '../../../../shared/domain';
import { antring, onHostEvent } from '../../api';

interface MissedCallsStoreState {
  /** Newest first, as the host keeps them. */
  readonly calls: readonly MissedCall[];
  load(): Promise<void>;
  followHost(): () => void;
  /** The agent has seen them. */
  clear(): Promise<void>;
}

export const useMissedCallsStore = create<MissedCallsStoreState>()((set) => ({
  calls: [],
  async load() {
    const result = await antring().getMissedCalls();
    if (result.ok) set({ calls: result.value });
  },
  followHost() {
    return onHostEvent('missedCallsChanged', (calls) => set({ calls }));
  },
  async clear() {
    const result = await antring().clearMissedCalls();
    if (result.ok) set({ calls: result.value });
  },
}));
