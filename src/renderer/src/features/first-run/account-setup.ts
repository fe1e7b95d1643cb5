import type { SettingsView } from '../../../../shared/settings';

/**
 * Whether anything of an AntBuddy account is set up, by the user or by IT: an app id, an app
 * secret or a SIP user. Without any of them the app has nothing to show (no history, no
 * dashboard, no phone), so the first screen offers ways to start instead. Once one is set,
 * the app shows itself and Settings says what is still missing.
 */
export function hasAccount(view: SettingsView): boolean {
  return view.values.appId !== '' || view.secrets.appSecret.set || view.values.sipUser !== '';
}
