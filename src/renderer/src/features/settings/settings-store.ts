import { create } from 'zustand';
import type { AppError, AppResult } from '../../../../shared/errors';
import type { SettingsPatch, SettingsView } from '../../../../shared/settings';
import { antring } from '../../api';

export type SettingsLoad =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly view: SettingsView }
  | { readonly status: 'failed'; readonly error: AppError };

export interface SettingsState {
  readonly load: SettingsLoad;
  readonly saving: boolean;
  loadSettings(): Promise<void>;
  saveSettings(patch: SettingsPatch): Promise<AppResult<SettingsView>>;
  /** Applies a view pushed by the host (settingsChanged). */
  applyView(view: SettingsView): void;
  /** Subscribes to host pushes; returns the unsubscribe function. */
  followHost(): () => void;
}

/**
 * Bumped by every view that arrives other than through a load (a push, a save's answer): a load
 * answered after a newer view must not put the older one back. The host may push a change (a
 * save from elsewhere) before it answers a getSettings sent earlier.
 */
let viewsSeen = 0;

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  load: { status: 'idle' },
  saving: false,

  async loadSettings() {
    // Keep showing the current view while reloading; only a first load shows a spinner.
    if (get().load.status !== 'ready') set({ load: { status: 'loading' } });
    const seenBefore = viewsSeen;
    const result = await antring().getSettings();
    if (viewsSeen !== seenBefore && get().load.status === 'ready') return;
    set({ load: result.ok ? { status: 'ready', view: result.value } : { status: 'failed', error: result.error } });
  },

  async saveSettings(patch) {
    set({ saving: true });
    const result = await antring().saveSettings(patch);
    if (result.ok) viewsSeen += 1;
    set(result.ok ? { saving: false, load: { status: 'ready', view: result.value } } : { saving: false });
    return result;
  },

  applyView(view) {
    viewsSeen += 1;
    set({ load: { status: 'ready', view } });
  },

  followHost() {
    return antring().on.settingsChanged((view) => get().applyView(view));
  },
}));

/** The loaded view, or null before settings arrive. */
export const selectView = (state: SettingsState): SettingsView | null =>
  state.load.status === 'ready' ? state.load.view : null;

export const initialSettingsState: Pick<SettingsState, 'load' | 'saving'> = { load: { status: 'idle' }, saving: false };
