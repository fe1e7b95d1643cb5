import { z } from 'zod';
import { ACCELERATOR_PROBLEM_TEXT, DEFAULT_DIAL_SHORTCUT, parseAccelerator } from './accelerator';
import { HISTORY_DAYS_DEFAULT, HISTORY_DAYS_MAX, HISTORY_DAYS_MIN } from './history';

/**
 * The settings model shared by main, the web host, the CLI and the renderer.
 * Secrets (appSecret, sipPassword) are part of the effective settings in main only;
 * the renderer sees `SettingsView`, which says whether a secret is set, never what it is.
 */

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const CRM_OPEN_ON = ['never', 'ring', 'answer'] as const;
export type CrmOpenOn = (typeof CRM_OPEN_ON)[number];

/** How keypad digits reach the other side: RFC 2833 telephone-events in the audio, or SIP INFO. */
export const DTMF_MODES = ['rfc2833', 'info'] as const;
export type DtmfMode = (typeof DTMF_MODES)[number];

/** How the dialer places a call: AntBuddy click-to-call (rings this device first) or a direct SIP INVITE. */
export const DIAL_VIA = ['click-to-call', 'sip'] as const;
export type DialVia = (typeof DIAL_VIA)[number];

/** A media device id from enumerateDevices(); empty means the system default. */
const deviceId = z.string().max(512);

const httpUrl = z
  .string()
  .trim()
  .url({ message: 'must be a URL' })
  .refine((v) => /^https?:\/\//i.test(v), { message: 'must start with http:// or https://' });

const wsUrl = z
  .string()
  .trim()
  .url({ message: 'must be a URL' })
  .refine((v) => /^wss?:\/\//i.test(v), { message: 'must start with ws:// or wss://' });

/**
 * Addresses that carry the request hash, the voice token or the SIP password must be encrypted
 * (https, wss); plain http/ws is accepted only on this computer, for the sandbox and tests.
 */
const INSECURE_URL_MESSAGE = 'must be encrypted (https:// or wss://) unless it is on this computer';
function isEncryptedOrLoopback(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'wss:') return true;
    return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}
const secureHttpUrl = httpUrl.refine(isEncryptedOrLoopback, { message: INSECURE_URL_MESSAGE });
const secureWsUrl = wsUrl.refine(isEncryptedOrLoopback, { message: INSECURE_URL_MESSAGE });

/** 5..300 whole seconds; text from a form field or an environment variable is read as a number. */
const DashboardRefreshSecondsSchema = z
  .union([z.number(), z.string().trim().regex(/^\d+$/, { message: 'must be a whole number' }).transform(Number)])
  .refine((n) => Number.isInteger(n) && n >= 5 && n <= 300, {
    message: 'must be a whole number of seconds from 5 to 300',
  });

/** Days of call history kept on this computer, 31..365 whole days (form fields send text). */
const HistoryDaysSchema = z
  .union([z.number(), z.string().trim().regex(/^\d+$/, { message: 'must be a whole number' }).transform(Number)])
  .refine((n) => Number.isInteger(n) && n >= HISTORY_DAYS_MIN && n <= HISTORY_DAYS_MAX, {
    message: `must be a whole number of days from ${HISTORY_DAYS_MIN} to ${HISTORY_DAYS_MAX}`,
  });

/** The most numbers the History screen's favourites keep (a settings file stays small). */
export const FAVOURITES_MAX = 200;

/** The global dial shortcut (Electron accelerator syntax), stored in one spelling; empty turns it off. */
const DialShortcutSchema = z
  .string()
  .trim()
  .max(100)
  .transform((value, ctx) => {
    if (value === '') return value;
    const parsed = parseAccelerator(value);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: ACCELERATOR_PROBLEM_TEXT[parsed.error].en });
    return z.NEVER;
  });

/** Empty string means "not set" for optional URLs, so a form field can be cleared. */
const optional = <T extends z.ZodTypeAny>(schema: T) => z.union([z.literal(''), schema]);

export const IceServerSchema = z
  .object({
    urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    username: z.string().optional(),
    credential: z.string().optional(),
  })
  .strict();
export type IceServer = z.infer<typeof IceServerSchema>;

/** CRM templates may only open web pages: anything else could launch a local program. */
export const CrmTemplateSchema = optional(httpUrl);

export const PublicSettingsSchema = z
  .object({
    apiBaseUrl: secureHttpUrl,
    appId: z.string().trim().max(200),
    signalsUrl: optional(secureWsUrl),
    accountId: z.string().trim().max(200),
    companyDomain: z.string().trim().max(253),
    companyEmail: z.union([z.literal(''), z.string().trim().email({ message: 'must be an e-mail address' })]),
    sipWsUrl: optional(secureWsUrl),
    sipDomain: z.string().trim().max(253),
    sipUser: z.string().trim().max(200),
    displayName: z.string().trim().max(200),
    iceServers: z.array(IceServerSchema).max(16),
    language: z.enum(LANGUAGES),
    theme: z.enum(THEMES),
    crmUrlTemplate: CrmTemplateSchema,
    crmOpenOn: z.enum(CRM_OPEN_ON),
    popupEnabled: z.boolean(),
    autoAnswerClickToCall: z.boolean(),
    /** Intercom and paging calls (an INVITE that asks to be answered by itself) open the microphone without a click. */
    autoAnswerIntercom: z.boolean(),
    dtmfMode: z.enum(DTMF_MODES),
    dialVia: z.enum(DIAL_VIA),
    /** A second call may ring (with a short tone) while one is live; off: it gets 486 Busy Here. */
    callWaiting: z.boolean(),
    microphoneId: deviceId,
    speakerId: deviceId,
    /** Where the ringtone plays (e.g. the laptop speakers while the headset is for talking). */
    ringerId: deviceId,
    dnd: z.boolean(),
    startAtLogin: z.boolean(),
    /** How far back the History screen's local store keeps calls. */
    historyDays: HistoryDaysSchema,
    /** How often the Dashboard screen refreshes while it is shown, in seconds (the form and env send text). */
    dashboardRefreshSeconds: DashboardRefreshSecondsSchema,
    /** Numbers the agent starred in History (as the history keys them: E.164 when it parses), newest first. */
    favourites: z.array(z.string().trim().min(1).max(64)).max(FAVOURITES_MAX),
    /** Pressed anywhere, dials the selected text (or the clipboard); `''` turns it off. */
    dialShortcut: DialShortcutSchema,
  })
  .strict();
export type PublicSettings = z.infer<typeof PublicSettingsSchema>;
export type PublicSettingKey = keyof PublicSettings;

export const SECRET_KEYS = ['appSecret', 'sipPassword'] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];

/**
 * Where each secret, or what is derived from it, is sent: the app secret signs every API
 * request (its hash `x-auth-app-hash` is a bearer credential that never changes) and fetches
 * the voice token for call signals; the SIP password goes to the API with click-to-call and to
 * the SIP server. A stored secret is bound to the values these addresses had when it was
 * entered, so a page that moves an address cannot take the credential with it.
 */
export const SECRET_ADDRESSES = {
  appSecret: ['apiBaseUrl', 'signalsUrl'],
  sipPassword: ['apiBaseUrl', 'signalsUrl', 'sipWsUrl'],
} as const satisfies Record<SecretKey, readonly PublicSettingKey[]>;
export type SecretAddressKey = (typeof SECRET_ADDRESSES)[SecretKey][number];

export const SecretsSchema = z
  .object({
    appSecret: z.string().max(1000),
    sipPassword: z.string().max(1000),
  })
  .strict();
export type Secrets = z.infer<typeof SecretsSchema>;

/** Everything, secrets included: lives in main (and the headless hosts) only. */
export type Settings = PublicSettings & Secrets;
export type SettingKey = keyof Settings;

/** What IT can set through a provisioning file: any subset of the settings. */
export const ProvisioningSchema = PublicSettingsSchema.merge(SecretsSchema).partial().strict();
export type Provisioning = z.infer<typeof ProvisioningSchema>;

/** What the renderer may ask to save. Secrets are write-only; empty string clears one. */
export const SettingsPatchSchema = PublicSettingsSchema.merge(SecretsSchema)
  .partial()
  .extend({ plaintextSecretsConsent: z.boolean().optional() })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export type SettingSource = 'env' | 'file' | 'saved' | 'default';

export interface SecretStatus {
  readonly set: boolean;
  readonly source: SettingSource;
}

export type SecretStorageState =
  /** The OS encrypts secrets (Keychain, DPAPI, libsecret/kwallet). */
  | { readonly kind: 'encrypted'; readonly backend: string }
  /** No OS encryption, and the user has not agreed to plaintext: secrets are not stored. */
  | { readonly kind: 'unavailable'; readonly reason: string }
  /** No OS encryption, and the user explicitly agreed to plaintext storage. */
  | { readonly kind: 'plaintext-consented'; readonly reason: string };

export interface SettingsView {
  readonly values: PublicSettings;
  /** Where each value came from; env and file values are locked by IT. */
  readonly sources: Readonly<Record<SettingKey, SettingSource>>;
  readonly secrets: Readonly<Record<SecretKey, SecretStatus>>;
  readonly secretStorage: SecretStorageState;
  /** Provisioning or environment problems found at load time, shown to the user. */
  readonly problems: readonly import('./errors').AppError[];
}

export const DEFAULT_API_BASE_URL = 'https://openapi.antbuddy.com';

export function defaultSettings(osLocale: string): Settings {
  return {
    apiBaseUrl: DEFAULT_API_BASE_URL,
    appId: '',
    appSecret: '',
    signalsUrl: '',
    accountId: '',
    companyDomain: '',
    companyEmail: '',
    sipWsUrl: '',
    sipDomain: '',
    sipUser: '',
    sipPassword: '',
    displayName: '',
    iceServers: [],
    language: languageFromLocale(osLocale),
    theme: 'system',
    crmUrlTemplate: '',
    crmOpenOn: 'never',
    popupEnabled: true,
    autoAnswerClickToCall: true,
    autoAnswerIntercom: false,
    dtmfMode: 'rfc2833',
    dialVia: 'click-to-call',
    callWaiting: true,
    microphoneId: '',
    speakerId: '',
    ringerId: '',
    dnd: false,
    startAtLogin: false,
    historyDays: HISTORY_DAYS_DEFAULT,
    dashboardRefreshSeconds: 10,
    favourites: [],
    dialShortcut: DEFAULT_DIAL_SHORTCUT,
  };
}

export function languageFromLocale(locale: string): Language {
  return locale.toLowerCase().startsWith('en') ? 'en' : 'vi';
}

/** Environment variables IT can set, and the setting each one overrides. */
export const ENV_VARIABLES = {
  ANTRING_API_URL: 'apiBaseUrl',
  ANTRING_APP_ID: 'appId',
  ANTRING_APP_SECRET: 'appSecret',
  ANTRING_SIGNALS_URL: 'signalsUrl',
  ANTRING_ACCOUNT_ID: 'accountId',
  ANTRING_DOMAIN: 'companyDomain',
  ANTRING_EMAIL: 'companyEmail',
  ANTRING_SIP_WS_URL: 'sipWsUrl',
  ANTRING_SIP_DOMAIN: 'sipDomain',
  ANTRING_SIP_USER: 'sipUser',
  ANTRING_SIP_PASSWORD: 'sipPassword',
  ANTRING_LANG: 'language',
  ANTRING_DASHBOARD_REFRESH_SECONDS: 'dashboardRefreshSeconds',
  ANTRING_DIAL_SHORTCUT: 'dialShortcut',
} as const satisfies Record<string, SettingKey>;
