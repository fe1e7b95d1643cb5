import type { CheckText } from '../../../shared/connection-check';
import type { SettingKey } from '../../../shared/settings';

/** The settings a check can blame, named the way the Settings screen shows them (with their group). */
export type CheckedSetting = Extract<
  SettingKey,
  | 'apiBaseUrl'
  | 'appId'
  | 'appSecret'
  | 'signalsUrl'
  | 'accountId'
  | 'companyDomain'
  | 'companyEmail'
  | 'sipWsUrl'
  | 'sipDomain'
  | 'sipUser'
  | 'sipPassword'
>;

export const SETTING_NAMES: Readonly<Record<CheckedSetting, CheckText>> = {
  apiBaseUrl: { en: 'API base URL', vi: 'Địa chỉ API' },
  appId: { en: 'App ID', vi: 'App ID' },
  appSecret: { en: 'App secret', vi: 'App secret' },
  signalsUrl: { en: 'call signals WebSocket URL', vi: 'địa chỉ WebSocket của tín hiệu cuộc gọi' },
  accountId: { en: 'Account ID', vi: 'Mã tài khoản' },
  companyDomain: { en: 'company domain', vi: 'tên miền công ty' },
  companyEmail: { en: 'company e-mail', vi: 'email công ty' },
  sipWsUrl: { en: 'SIP WebSocket URL', vi: 'địa chỉ WebSocket SIP' },
  sipDomain: { en: 'SIP domain', vi: 'tên miền SIP' },
  sipUser: { en: 'SIP user', vi: 'tên đăng nhập SIP' },
  sipPassword: { en: 'SIP password', vi: 'mật khẩu SIP' },
};

/** `"App ID"` in English, `"App ID"` in Vietnamese: a setting named inside a sentence. */
export function quoted(setting: CheckedSetting): CheckText {
  const name = SETTING_NAMES[setting];
  return { en: `“${name.en}”`, vi: `“${name.vi}”` };
}
