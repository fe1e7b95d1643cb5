import { DIAL_VIA, DTMF_MODES, type PublicSettingKey, type SecretKey } from '../../../../shared/settings';

/** How a setting is edited. Secrets are write-only: the form never receives their values. */
export type FieldSpec =
  | {
      readonly key: PublicSettingKey & TextKey;
      readonly kind: 'text';
      readonly inputType: 'text' | 'url' | 'email' | 'number';
      readonly placeholder?: string;
    }
  | { readonly key: SecretKey; readonly kind: 'secret' }
  | { readonly key: ChoiceKey; readonly kind: 'choice'; readonly options: readonly string[] }
  | { readonly key: ToggleKey; readonly kind: 'toggle' }
  | { readonly key: 'iceServers'; readonly kind: 'json' }
  /** A media device from enumerateDevices() ('' = system default), chosen by its label. */
  | { readonly key: DeviceKey; readonly kind: 'device'; readonly deviceKind: 'audioinput' | 'audiooutput' };

export type TextKey =
  | 'apiBaseUrl'
  | 'appId'
  | 'signalsUrl'
  | 'accountId'
  | 'companyDomain'
  | 'companyEmail'
  | 'sipWsUrl'
  | 'sipDomain'
  | 'sipUser'
  | 'displayName'
  | 'crmUrlTemplate'
  | 'dashboardRefreshSeconds'
  | 'historyDays';
export type ChoiceKey = 'language' | 'theme' | 'crmOpenOn' | 'dtmfMode' | 'dialVia';
export type ToggleKey =
  'popupEnabled' | 'autoAnswerClickToCall' | 'autoAnswerIntercom' | 'callWaiting' | 'dnd' | 'startAtLogin';

export type DeviceKey = 'microphoneId' | 'speakerId' | 'ringerId';

export interface FieldGroup {
  readonly id: 'api' | 'signals' | 'company' | 'sip' | 'audio' | 'preferences';
  readonly fields: readonly FieldSpec[];
}

export const SETTINGS_GROUPS: readonly FieldGroup[] = [
  {
    id: 'api',
    fields: [
      { key: 'apiBaseUrl', kind: 'text', inputType: 'url', placeholder: 'https://openapi.antbuddy.com' },
      { key: 'appId', kind: 'text', inputType: 'text' },
      { key: 'appSecret', kind: 'secret' },
    ],
  },
  {
    id: 'signals',
    fields: [
      { key: 'signalsUrl', kind: 'text', inputType: 'url', placeholder: 'wss://' },
      { key: 'accountId', kind: 'text', inputType: 'text' },
    ],
  },
  {
    id: 'company',
    fields: [
      { key: 'companyDomain', kind: 'text', inputType: 'text', placeholder: 'congty.antbuddy.com' },
      { key: 'companyEmail', kind: 'text', inputType: 'email', placeholder: 'ten@congty.vn' },
    ],
  },
  {
    id: 'sip',
    fields: [
      { key: 'sipWsUrl', kind: 'text', inputType: 'url', placeholder: 'wss://' },
      { key: 'sipDomain', kind: 'text', inputType: 'text' },
      { key: 'sipUser', kind: 'text', inputType: 'text' },
      { key: 'sipPassword', kind: 'secret' },
      { key: 'displayName', kind: 'text', inputType: 'text' },
      { key: 'iceServers', kind: 'json' },
    ],
  },
  {
    id: 'audio',
    fields: [
      { key: 'microphoneId', kind: 'device', deviceKind: 'audioinput' },
      { key: 'speakerId', kind: 'device', deviceKind: 'audiooutput' },
      { key: 'ringerId', kind: 'device', deviceKind: 'audiooutput' },
    ],
  },
  {
    id: 'preferences',
    fields: [
      { key: 'language', kind: 'choice', options: ['vi', 'en'] },
      { key: 'theme', kind: 'choice', options: ['system', 'light', 'dark'] },
      {
        key: 'crmUrlTemplate',
        kind: 'text',
        inputType: 'url',
        placeholder: 'https://crm.congty.vn/lookup?phone={phone}',
      },
      { key: 'crmOpenOn', kind: 'choice', options: ['never', 'ring', 'answer'] },
      { key: 'popupEnabled', kind: 'toggle' },
      { key: 'autoAnswerClickToCall', kind: 'toggle' },
      { key: 'autoAnswerIntercom', kind: 'toggle' },
      { key: 'callWaiting', kind: 'toggle' },
      { key: 'dialVia', kind: 'choice', options: [...DIAL_VIA] },
      { key: 'dtmfMode', kind: 'choice', options: [...DTMF_MODES] },
      { key: 'dnd', kind: 'toggle' },
      { key: 'startAtLogin', kind: 'toggle' },
      { key: 'dashboardRefreshSeconds', kind: 'text', inputType: 'number' },
      { key: 'historyDays', kind: 'text', inputType: 'number' },
    ],
  },
];

export const ALL_FIELDS: readonly FieldSpec[] = SETTINGS_GROUPS.flatMap((group) => group.fields);

export function isFormField(key: string): boolean {
  return ALL_FIELDS.some((field) => field.key === key);
}
