import { create } from 'zustand';

export const SCREENS = ['phone', 'history', 'dashboard', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

interface NavigationState {
  readonly screen: Screen;
  /**
   * Set by go() to another screen, cleared once that screen's title has the focus: a screen may
   * appear a moment after the navigation (its chunk loads the first time), and only then can
   * keyboard and screen-reader users be taken to it.
   */
  readonly focusTitle: boolean;
  go(screen: Screen): void;
  titleFocused(): void;
}

/** The phone is what agents use all day, so the app opens on it. */
export const useNavigationStore = create<NavigationState>()((set) => ({
  screen: 'phone',
  focusTitle: false,
  go: (screen) => set((state) => (state.screen === screen ? {} : { screen, focusTitle: true })),
  titleFocused: () => set({ focusTitle: false }),
}));
