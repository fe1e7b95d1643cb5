import type { SettingsService } from '../services/settings';

export interface LoginItemTarget {
  setLoginItemSettings(settings: { openAtLogin: boolean }): void;
}

/**
 * Keeps "start at login" in step with the setting: applied once at start, then whenever it
 * changes (not on every unrelated settings change, which would rewrite OS entries needlessly).
 */
export function syncStartAtLogin(
  settings: Pick<SettingsService, 'view' | 'onChange'>,
  target: LoginItemTarget,
): () => void {
  let current = settings.view().values.startAtLogin;
  target.setLoginItemSettings({ openAtLogin: current });
  return settings.onChange((view) => {
    if (view.values.startAtLogin === current) return;
    current = view.values.startAtLogin;
    target.setLoginItemSettings({ openAtLogin: current });
  });
}
