import type { ReactElement, ReactNode } from 'react';
import { useNavigationStore } from '../../app/navigation-store';
import { selectView, useSettingsStore } from '../settings/settings-store';
import { hasAccount } from './account-setup';
import { selectJustImported, useFirstRunStore } from './first-run-store';
import { FirstRunScreen } from './FirstRunScreen';

/**
 * Puts the first-run screen where the Phone screen (the app's home) would be while no account
 * is set up; every other screen, Settings first, stays reachable from the navigation.
 */
export function FirstRunGate({ children }: { children: ReactNode }): ReactElement {
  const screen = useNavigationStore((s) => s.screen);
  const view = useSettingsStore(selectView);
  const justImported = useFirstRunStore(selectJustImported);
  // Until settings arrive the Phone screen's own placeholder shows (the frame paints first); a
  // first run swaps it for the first-run screen as soon as they say no account is set up.
  if (screen === 'phone' && view && (!hasAccount(view) || justImported)) return <FirstRunScreen />;
  return <>{children}</>;
}
