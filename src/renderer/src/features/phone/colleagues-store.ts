import { create } from 'zustand';
import type { Colleague } from '../../../../shared/contract';
import { antring } from '../../api';

interface ColleaguesState {
  readonly colleagues: readonly Colleague[];
  /** Asks the host for its cached agent list (memory only, no network); the list stays on failure. */
  load(): Promise<void>;
}

/** Colleagues the transfer field offers: loaded when the field opens, filtered as the agent types. */
export const useColleaguesStore = create<ColleaguesState>()((set) => ({
  colleagues: [],
  async load() {
    const result = await antring().getColleagues();
    if (result.ok) set({ colleagues: result.value });
  },
}));
