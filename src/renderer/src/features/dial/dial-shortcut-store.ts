import { create } from 'zustand';
import type { DialShortcutState } from '../../../../shared/dial';
import { antring, onHostEvent } from '../../api';

/** The global dial shortcut as the host registered it (the Settings field shows it). */
interface DialShortcutStore {
  /** null until the host answers. */
  readonly state: DialShortcutState | null;
  load(): Promise<void>;
  followHost(): () => void;
}

export const useDialShortcutStore = create<DialShortcutStore>()((set) => ({
  state: null,
  async load() {
    const result = await antring()
      .getDialShortcut()
      .catch(() => null);
    if (result?.ok) set({ state: result.value });
  },
  followHost() {
    return onHostEvent('dialShortcutChanged', (state) => set({ state }));
  },
}));
