import type { ComponentType } from 'react';
import { lazyScreen, type LazyScreen } from './lazy-screen';
import type { Screen } from './navigation-store';
import { PhoneScreenOnceStarted } from './PhoneOnceStarted';

/**
 * Every screen but the Phone screen (the one the app opens on) loads after the first paint.
 * Settings too: its form and checks are not needed to make a call, and it is preloaded as
 * soon as the phone has started, so a new user or IT opening it first rarely waits.
 */
const LAZY_SCREENS = {
  settings: lazyScreen(() => import('../features/settings/SettingsScreen').then((m) => m.SettingsScreen)),
  history: lazyScreen(() => import('../features/history/HistoryScreen').then((m) => m.HistoryScreen)),
  dashboard: lazyScreen(() => import('../features/dashboard/DashboardScreen').then((m) => m.DashboardScreen)),
} satisfies Partial<Record<Screen, LazyScreen>>;

export const SCREEN_COMPONENTS: Record<Screen, ComponentType> = {
  phone: PhoneScreenOnceStarted,
  history: LAZY_SCREENS.history.Screen,
  dashboard: LAZY_SCREENS.dashboard.Screen,
  settings: LAZY_SCREENS.settings.Screen,
};

/** After a screen failed to load: the next render tries every lazy screen again. */
export function resetLazyScreens(): void {
  for (const screen of Object.values(LAZY_SCREENS)) screen.reset();
}

/**
 * Once the phone is up and the page idle, fetches the lazy screens, so the first visit does not
 * wait for them and an app whose files are replaced by an update while it runs still has them.
 * Returns the function that cancels it (nothing to cancel once started).
 */
export function preloadLazyScreensWhenIdle(): () => void {
  if (typeof window.requestIdleCallback !== 'function') return () => undefined;
  const handle = window.requestIdleCallback(
    () => {
      for (const screen of Object.values(LAZY_SCREENS)) screen.preload();
    },
    { timeout: 5_000 },
  );
  return () => window.cancelIdleCallback(handle);
}
