import { appError, type AppError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import {
  defaultSettings,
  SECRET_ADDRESSES,
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
  /** Secrets a save removed because it moved their addresses: said until they are entered again. */
  const droppedBySave = new Map<SecretKey, AppError>();

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

  /** A secret the user saved, decrypted, with the addresses it was entered for. */
  type SavedSecret = { readonly value: string; readonly boundTo: Readonly<Record<string, string>> | undefined };

  function savedLayer(stored: StoredSettings): {
    layer: Layer;
    secrets: Partial<Record<SecretKey, SavedSecret>>;
    problems: AppError[];
  } {
    const layer: Partial<Record<SettingKey, unknown>> = {};
    const secrets: Partial<Record<SecretKey, SavedSecret>> = {};
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
      const boundTo = secret.data.boundTo;
      if (secret.data.scheme === 'plaintext') {
        // A plaintext copy counts only while the user's consent stands (not a hand-edited file).
        if (stored.plaintextSecretsConsent) secrets[key] = { value: secret.data.data, boundTo };
        continue;
      }
      try {
        if (!secretBox.available) throw new Error('no secret box');
        secrets[key] = { value: secretBox.decrypt(secret.data.data), boundTo };
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
    return { layer: layer as Layer, secrets, problems };
  }

  /** One setting through the layers, without the secrets: env > file > saved > default. */
  function layered(key: SettingKey, saved: Layer): { value: unknown; source: SettingSource } {
    if (envLayer[key] !== undefined) return { value: envLayer[key], source: 'env' };
    if (fileLayer[key] !== undefined) return { value: fileLayer[key], source: 'file' };
    if (saved[key] !== undefined) return { value: saved[key], source: 'saved' };
    return { value: defaults[key], source: 'default' };
  }

  /** What a secret's addresses are under `saved` (the user's layer), for binding and checking it. */
  function addressesFor(key: SecretKey, saved: Layer): Record<string, string> {
    return Object.fromEntries(SECRET_ADDRESSES[key].map((address) => [address, String(layered(address, saved).value)]));
  }

  function boundElsewhere(key: SecretKey, boundTo: Readonly<Record<string, string>>, saved: Layer): boolean {
    const current = addressesFor(key, saved);
    return Object.entries(current).some(([address, value]) => boundTo[address] !== value);
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
    const bindingProblems: AppError[] = [];
    for (const key of Object.keys(defaults) as SettingKey[]) {
      const { value, source } = layered(key, saved.layer);
      settings[key] = value;
      sources[key] = source;
    }
    for (const key of SECRET_KEYS) {
      if (sources[key] !== 'default') continue; // IT provides it
      const secret = saved.secrets[key];
      if (!secret) continue;
      // Saved before secrets were bound: bound at start-up (see below); until then it counts.
      if (secret.boundTo && boundElsewhere(key, secret.boundTo, saved.layer)) {
        bindingProblems.push(enteredForAnotherAddress(key));
        continue;
      }
      settings[key] = secret.value;
      sources[key] = 'saved';
    }
    return {
      settings: settings as Settings,
      sources,
      problems: [
        ...overrideProblems,
        ...preservedProblems,
        ...storedProblems,
        ...saved.problems,
        ...bindingProblems,
        ...droppedBySave.values(),
      ],
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
    const locked = lockedChange(patch);
    if (locked) return err(locked);
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
    const before = savedLayer(stored).layer;
    const after = savedLayer(next).layer;
    for (const key of SECRET_KEYS) {
      const value = patch[key];
      if (value === undefined) {
        // Not entered again: a secret whose addresses this save moves is removed, never carried over.
        if (next.secrets[key] !== undefined && movesAddresses(key, before, after)) {
          delete next.secrets[key];
          droppedBySave.set(key, droppedWithAddress(key));
        }
        continue;
      }
      droppedBySave.delete(key);
      if (value === '') {
        delete next.secrets[key];
        continue;
      }
      const boundTo = addressesFor(key, after);
      if (secretBox.available) {
        next.secrets[key] = { scheme: 'os', data: secretBox.encrypt(value), boundTo };
      } else if (consent) {
        next.secrets[key] = { scheme: 'plaintext', data: value, boundTo };
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

  function movesAddresses(key: SecretKey, before: Layer, after: Layer): boolean {
    const was = addressesFor(key, before);
    const will = addressesFor(key, after);
    return Object.keys(will).some((address) => was[address] !== will[address]);
  }

  /**
   * Values IT set stay as IT set them, and so do the addresses of a secret IT provides: a user
   * save may repeat them (a form sending everything) but never change them.
   */
  function lockedChange(patch: SettingsPatch): AppError | undefined {
    const { settings, sources } = resolve();
    const itSet = (key: SettingKey): boolean => sources[key] === 'env' || sources[key] === 'file';
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || !isSettingKey(key) || (SECRET_KEYS as readonly string[]).includes(key)) continue;
      const tiedToItSecret = SECRET_KEYS.some(
        (secret) => itSet(secret) && (SECRET_ADDRESSES[secret] as readonly string[]).includes(key),
      );
      if ((itSet(key) || tiedToItSecret) && !sameSettingValue(value, settings[key])) return lockedBy(key, itSet(key));
    }
    return undefined;
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
      else if (secretBox.available)
        document.secrets[key] = { ...secret.data, scheme: 'os', data: secretBox.encrypt(secret.data.data) };
      else continue;
      changed = true;
    }
    return changed;
  }

  /** Secrets saved before they were bound get bound to the addresses in force now, once. */
  function bindLegacySecrets(document: StoredSettings): boolean {
    const layer = savedLayer(document).layer;
    let changed = false;
    for (const key of SECRET_KEYS) {
      const secret = StoredSecretSchema.safeParse(document.secrets[key]);
      if (!secret.success || secret.data.boundTo !== undefined) continue;
      document.secrets[key] = { ...secret.data, boundTo: addressesFor(key, layer) };
      changed = true;
    }
    return changed;
  }

  loadOverrides();
  {
    const { stored, problems } = readStored();
    if (problems.length === 0) {
      const bound = bindLegacySecrets(stored);
      if (protectPlaintextSecrets(stored) || bound) document.write(stored);
    }
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

const SECRET_NAMES: Record<SecretKey, { readonly en: string; readonly vi: string }> = {
  appSecret: { en: 'app secret', vi: 'app secret' },
  sipPassword: { en: 'SIP password', vi: 'mật khẩu SIP' },
};

function droppedWithAddress(key: SecretKey): AppError {
  const name = SECRET_NAMES[key];
  return appError(
    'secret_dropped',
    `The saved ${name.en} was removed because the server address it was entered for changed; enter it again for the new address.`,
    `Đã xoá ${name.vi} đã lưu vì địa chỉ máy chủ mà nó được nhập cho đã thay đổi; hãy nhập lại cho địa chỉ mới.`,
    { field: key },
  );
}

function enteredForAnotherAddress(key: SecretKey): AppError {
  const name = SECRET_NAMES[key];
  return appError(
    'secret_dropped',
    `The saved ${name.en} was entered for another server address and is not used; enter it again.`,
    `${name.vi} đã lưu được nhập cho một địa chỉ máy chủ khác nên không được dùng; hãy nhập lại.`,
    { field: key },
  );
}

function lockedBy(key: SettingKey, setByIt: boolean): AppError {
  return setByIt
    ? appError(
        'setting_locked',
        `"${key}" is set by your IT department and cannot be changed here.`,
        `"${key}" do bộ phận IT thiết lập và không thể thay đổi tại đây.`,
        { field: key },
      )
    : appError(
        'setting_locked',
        `"${key}" cannot be changed here: a secret your IT department provided is tied to it.`,
        `Không thể thay đổi "${key}" tại đây: một khoá bí mật do bộ phận IT cung cấp gắn với nó.`,
        { field: key },
      );
}

/** Key-order-independent equality, so an unchanged ICE server list counts as unchanged. */
function sameSettingValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function keptAside(copy: string): AppError {
  return appError(
    'config_invalid',
    `Saved settings were unreadable; they were kept in ${copy} before saving.`,
    `Thiết lập đã lưu không đọc được; chúng đã được giữ lại tại ${copy} trước khi lưu.`,
    { file: copy },
  );
}
