import { create } from 'zustand';

export const SCREENS = ['phone', 'history', 'dashboard', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

interface NavigationState {
  readonly screen: Screen;
  go(screen: Screen): void;
}

/** The phone is what agents use all day, so the app opens on it. */
export const useNavigationStore = create<NavigationState>()((set) => ({
  screen: 'phone',
  go: (screen) => set({ screen }),
}));
