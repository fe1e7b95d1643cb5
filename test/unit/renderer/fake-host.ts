import { requestNames, type AntringApi, type EventName, type EventPayload } from '../../../src/shared/contract';
import { appError, type AppResult } from '../../../src/shared/errors';
import { err, ok } from '../../../src/shared/result';
import {
  defaultSettings,
  SECRET_KEYS,
  type PublicSettings,
  type SettingKey,
  type SettingSource,
  type SettingsPatch,
  type SettingsView,
} from '../../../src/shared/settings';

/**
 * A stand-in for the host behind `window.antring` (the Electron preload or the web host
 * bridge): the one boundary renderer tests may fake.
 */
export interface FakeHost {
  api: AntringApi;
  readonly saved: SettingsPatch[];
  view: SettingsView;
  /** When set, the next saveSettings answers this instead of saving. */
  nextSaveResult: AppResult<SettingsView> | null;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}

export function makeView(
  overrides: {
    values?: Partial<PublicSettings>;
    sources?: Partial<Record<SettingKey, SettingSource>>;
    secretsSet?: Partial<Record<(typeof SECRET_KEYS)[number], boolean>>;
    secretStorage?: SettingsView['secretStorage'];
    problems?: SettingsView['problems'];
  } = {},
): SettingsView {
  const { appSecret: _a, sipPassword: _p, ...publicDefaults } = defaultSettings('en-US');
  const values: PublicSettings = { ...publicDefaults, ...overrides.values };
  const sources = Object.fromEntries(
    [...Object.keys(values), ...SECRET_KEYS].map((key) => [key, overrides.sources?.[key as SettingKey] ?? 'default']),
  ) as Record<SettingKey, SettingSource>;
  const secrets = Object.fromEntries(
    SECRET_KEYS.map((key) => [key, { set: overrides.secretsSet?.[key] ?? false, source: sources[key] }]),
  ) as SettingsView['secrets'];
  return {
    values,
    sources,
    secrets,
    secretStorage: overrides.secretStorage ?? { kind: 'encrypted', backend: 'test keyring' },
    problems: overrides.problems ?? [],
  };
}

export function createFakeHost(initial: SettingsView): FakeHost {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const host: FakeHost = {
    view: initial,
    saved: [],
    nextSaveResult: null,
    emit(name, payload) {
      for (const listener of listeners.get(name) ?? []) (listener as (p: typeof payload) => void)(payload);
    },
    api: undefined as unknown as AntringApi,
  };
  const api: Record<string, unknown> = {};
  for (const name of requestNames) {
    api[name] = () => Promise.resolve(err(appError('internal', `${name} is not faked`, `${name} chưa được giả lập`)));
  }
  api['getSettings'] = () => Promise.resolve(ok(host.view));
  api['saveSettings'] = (patch: SettingsPatch) => {
    host.saved.push(patch);
    const answer = host.nextSaveResult;
    host.nextSaveResult = null;
    if (answer) return Promise.resolve(answer);
    const { plaintextSecretsConsent, appSecret, sipPassword, ...values } = patch;
    const secretStorage =
      host.view.secretStorage.kind === 'encrypted' || plaintextSecretsConsent === undefined
        ? host.view.secretStorage
        : plaintextSecretsConsent
          ? { kind: 'plaintext-consented' as const, reason: host.view.secretStorage.reason }
          : { kind: 'unavailable' as const, reason: host.view.secretStorage.reason };
    host.view = {
      ...host.view,
      values: { ...host.view.values, ...values },
      secrets: {
        appSecret: { ...host.view.secrets.appSecret, ...(appSecret !== undefined ? { set: appSecret !== '' } : {}) },
        sipPassword: {
          ...host.view.secrets.sipPassword,
          ...(sipPassword !== undefined ? { set: sipPassword !== '' } : {}),
        },
      },
      secretStorage,
    };
    return Promise.resolve(ok(host.view));
  };
  api['on'] = {
    settingsChanged: (listener: (payload: never) => void) => {
      const set = listeners.get('settingsChanged') ?? new Set();
      set.add(listener);
      listeners.set('settingsChanged', set);
      return () => set.delete(listener);
    },
  };
  host.api = api as unknown as AntringApi;
  return host;
}

export function installFakeHost(host: FakeHost): void {
  Object.defineProperty(window, 'antring', { value: host.api, configurable: true, writable: false });
}
