import { appError, type AppError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import {
  defaultSettings,
  SECRET_KEYS,
  SettingsPatchSchema,
  type PublicSettings,
  type SecretKey,
  type SecretStorageState,
  type SettingKey,
  type SettingSource,
  type Settings,
  type SettingsPatch,
  type SettingsView,
} from '../../../shared/settings';
import { describeZodIssue } from '../../../shared/zod-errors';
import { readEnvOverrides } from './env-overrides';
import { isSettingKey, validateSetting } from './field-validation';
import { readProvisioningFile } from './provisioning-file';
import type { SecretBox } from './secret-box';
import {
  StoredSecretSchema,
  StoredSettingsSchema,
  type SettingsDocument,
  type StoredSettings,
} from './stored-settings';

export interface SettingsServiceOptions {
  readonly document: SettingsDocument;
  readonly secretBox: SecretBox;
  readonly env: NodeJS.ProcessEnv;
  /** e.g. app.getLocale() or Intl's locale; picks the default language. */
  readonly osLocale: string;
  /** Problems found before the service existed (a recovered corrupt file), shown with the rest. */
  readonly startupProblems?: readonly AppError[];
}

export interface SettingsService {
  /** Everything, secrets included. Main process and headless hosts only. */
  effective(): Settings;
  /** What the renderer may see: no secret values. */
  view(): SettingsView;
  save(patch: unknown): Result<SettingsView, AppError>;
  /** Re-reads the provisioning file and environment (e.g. after IT changed them). */
  reload(): void;
  onChange(listener: (view: SettingsView) => void): () => void;
}

type Layer = Partial<Settings>;

/**
 * Settings with IT overrides: environment > provisioning file (ANTRING_CONFIG) > what the user
 * saved > defaults. Overrides are read-only input: nothing here ever writes them back, and a
 * bad one is reported and skipped, never allowed to replace stored values.
 */
export function createSettingsService(options: SettingsServiceOptions): SettingsService {
  const { document, secretBox, osLocale } = options;
  const listeners = new Set<(view: SettingsView) => void>();
  const defaults = defaultSettings(osLocale);

  let envLayer: Layer = {};
  let fileLayer: Layer = {};
  let overrideProblems: AppError[] = [];
  /** Unreadable saved documents that a save replaced, and where their copies are. */
  const preservedProblems: AppError[] = [];

  function loadOverrides(): void {
    const env = readEnvOverrides(options.env);
    envLayer = env.values;
    overrideProblems = [...(options.startupProblems ?? []), ...env.problems];
    fileLayer = {};
    const file = options.env['ANTRING_CONFIG']?.trim();
    if (file) {
      const read = readProvisioningFile(file);
      if (read.ok) fileLayer = read.value as Layer;
      else overrideProblems.push(read.error);
    }
  }

  function readStored(): { stored: StoredSettings; problems: AppError[] } {
    const parsed = StoredSettingsSchema.safeParse(document.read() ?? {});
    if (parsed.success) return { stored: parsed.data, problems: [] };
    // The document itself has the wrong shape: use nothing from it, but do not overwrite it
    // until the user saves, so it can still be recovered by hand.
    return {
      stored: StoredSettingsSchema.parse({}),
      problems: [
        appError(
          'config_invalid',
          `Saved settings in ${document.path} are unreadable.`,
          `Thiết lập đã lưu trong ${document.path} không đọc được.`,
          {
            file: document.path,
          },
        ),
      ],
    };
  }

  function savedLayer(stored: StoredSettings): { layer: Layer; problems: AppError[] } {
    const layer: Partial<Record<SettingKey, unknown>> = {};
    const problems: AppError[] = [];
    for (const [key, value] of Object.entries(stored.values)) {
      if (!isSettingKey(key) || (SECRET_KEYS as readonly string[]).includes(key)) continue;
      const checked = validateSetting(key, value);
      if (checked.ok) layer[key] = checked.value;
      else
        problems.push(
          appError(
            'config_invalid',
            `Saved setting "${key}" ${checked.reason}; using the default.`,
            `Thiết lập đã lưu "${key}" không hợp lệ (${checked.reason}); dùng giá trị mặc định.`,
            {
              field: key,
              file: document.path,
            },
          ),
        );
    }
    for (const key of SECRET_KEYS) {
      const raw = stored.secrets[key];
      if (raw === undefined) continue;
      const secret = StoredSecretSchema.safeParse(raw);
      if (!secret.success) continue;
      if (secret.data.scheme === 'plaintext') {
        // A plaintext copy counts only while the user's consent stands (not a hand-edited file).
        if (stored.plaintextSecretsConsent) layer[key] = secret.data.data;
        continue;
      }
      try {
        if (!secretBox.available) throw new Error('no secret box');
        layer[key] = secretBox.decrypt(secret.data.data);
      } catch {
        problems.push(
          appError(
            'secret_storage_unavailable',
            `The saved ${key} cannot be decrypted on this machine; enter it again.`,
            `Không giải mã được ${key} đã lưu trên máy này; hãy nhập lại.`,
            {
              field: key,
            },
          ),
        );
      }
    }
    return { layer: layer as Layer, problems };
  }

  type Resolved = {
    settings: Settings;
    sources: Record<SettingKey, SettingSource>;
    problems: AppError[];
    stored: StoredSettings;
  };
  /**
   * The merged settings, computed once per change: reading the file and decrypting secrets on
   * every lookup would put disk and keyring work on the ring path. Saves and reloads clear it.
   */
  let resolved: Resolved | undefined;
  function resolve(): Resolved {
    resolved ??= computeResolved();
    return resolved;
  }

  function computeResolved(): Resolved {
    const { stored, problems: storedProblems } = readStored();
    const saved = savedLayer(stored);
    const settings = { ...defaults } as Record<SettingKey, unknown>;
    const sources = {} as Record<SettingKey, SettingSource>;
    for (const key of Object.keys(defaults) as SettingKey[]) {
      if (envLayer[key] !== undefined) {
        settings[key] = envLayer[key];
        sources[key] = 'env';
      } else if (fileLayer[key] !== undefined) {
        settings[key] = fileLayer[key];
        sources[key] = 'file';
      } else if (saved.layer[key] !== undefined) {
        settings[key] = saved.layer[key];
        sources[key] = 'saved';
      } else {
        sources[key] = 'default';
      }
    }
    return {
      settings: settings as Settings,
      sources,
      problems: [...overrideProblems, ...preservedProblems, ...storedProblems, ...saved.problems],
      stored,
    };
  }

  function storageState(stored: StoredSettings): SecretStorageState {
    if (secretBox.available) return { kind: 'encrypted', backend: secretBox.backend };
    return stored.plaintextSecretsConsent
      ? { kind: 'plaintext-consented', reason: secretBox.backend }
      : { kind: 'unavailable', reason: secretBox.backend };
  }

  function view(): SettingsView {
    const { settings, sources, problems, stored } = resolve();
    const values: Record<string, unknown> = { ...settings };
    for (const key of SECRET_KEYS) delete values[key];
    const secrets = Object.fromEntries(
      SECRET_KEYS.map((key) => [key, { set: settings[key] !== '', source: sources[key] }]),
    ) as Record<SecretKey, { set: boolean; source: SettingSource }>;
    return { values: values as PublicSettings, sources, secrets, secretStorage: storageState(stored), problems };
  }

  function save(rawPatch: unknown): Result<SettingsView, AppError> {
    const parsed = SettingsPatchSchema.safeParse(rawPatch);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || undefined;
      const detail = issue ? describeZodIssue(issue) : 'invalid settings';
      return err(
        appError(
          'invalid_input',
          `Invalid setting ${detail}.`,
          `Thiết lập không hợp lệ: ${detail}.`,
          field ? { field } : {},
        ),
      );
    }
    const patch: SettingsPatch = parsed.data;
    const { stored, problems: unreadable } = readStored();
    if (unreadable.length > 0) {
      // The document is about to be replaced: keep what could not be read, and say where.
      const copy = document.preserve();
      if (copy) preservedProblems.push(keptAside(copy));
    }
    const consent = patch.plaintextSecretsConsent ?? stored.plaintextSecretsConsent;
    const next: StoredSettings = {
      version: 1,
      values: { ...stored.values },
      secrets: { ...stored.secrets },
      plaintextSecretsConsent: consent,
    };
    for (const [key, value] of Object.entries(patch)) {
      if (key === 'plaintextSecretsConsent' || value === undefined) continue;
      if ((SECRET_KEYS as readonly string[]).includes(key)) continue;
      next.values[key] = value;
    }
    for (const key of SECRET_KEYS) {
      const value = patch[key];
      if (value === undefined) continue;
      if (value === '') {
        delete next.secrets[key];
      } else if (secretBox.available) {
        next.secrets[key] = { scheme: 'os', data: secretBox.encrypt(value) };
      } else if (consent) {
        next.secrets[key] = { scheme: 'plaintext', data: value };
      } else {
        return err(
          appError(
            'secret_storage_unavailable',
            `This system offers no encrypted storage (${secretBox.backend}), so ${key} was not saved. Agree to plaintext storage, or let IT provide it.`,
            `Hệ thống không có kho lưu trữ mã hoá (${secretBox.backend}) nên ${key} chưa được lưu. Hãy đồng ý lưu dạng văn bản thường, hoặc nhờ IT cấu hình.`,
            { field: key },
          ),
        );
      }
    }
    protectPlaintextSecrets(next);
    document.write(next);
    resolved = undefined;
    const current = view();
    for (const listener of listeners) listener(current);
    return ok(current);
  }

  /**
   * Plaintext copies exist only with consent and only while the OS offers no encryption: once
   * it does (a keyring appeared), they are encrypted; without consent they are removed.
   */
  function protectPlaintextSecrets(document: StoredSettings): boolean {
    let changed = false;
    for (const key of SECRET_KEYS) {
      const secret = StoredSecretSchema.safeParse(document.secrets[key]);
      if (!secret.success || secret.data.scheme !== 'plaintext') continue;
      if (!document.plaintextSecretsConsent) delete document.secrets[key];
      else if (secretBox.available) document.secrets[key] = { scheme: 'os', data: secretBox.encrypt(secret.data.data) };
      else continue;
      changed = true;
    }
    return changed;
  }

  loadOverrides();
  {
    const { stored, problems } = readStored();
    if (problems.length === 0 && protectPlaintextSecrets(stored)) document.write(stored);
  }

  return {
    effective: () => resolve().settings,
    view,
    save,
    reload: () => {
      loadOverrides();
      resolved = undefined;
      const current = view();
      for (const listener of listeners) listener(current);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function keptAside(copy: string): AppError {
  return appError(
    'config_invalid',
    `Saved settings were unreadable; they were kept in ${copy} before saving.`,
    `Thiết lập đã lưu không đọc được; chúng đã được giữ lại tại ${copy} trước khi lưu.`,
    { file: copy },
  );
}
