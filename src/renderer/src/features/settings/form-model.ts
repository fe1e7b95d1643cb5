import {
  SECRET_ADDRESSES,
  SECRET_KEYS,
  type PublicSettingKey,
  type PublicSettings,
  type SecretKey,
  type SettingKey,
  type SettingsPatch,
  type SettingsView,
} from '../../../../shared/settings';
import { checkIceServersText, checkSecret, checkSetting, type FieldMessage } from './field-validation';
import { ALL_FIELDS } from './fields';

/**
 * What the user changed and has not saved yet. Only edits are kept, so values pushed by the
 * host (settingsChanged) show through every field the user has not touched.
 */
export interface SettingsDraft {
  /** Text and choice fields as strings, toggles as booleans, ICE servers as JSON text. */
  readonly edits: Partial<Record<PublicSettingKey, string | boolean>>;
  /** New secret values typed by the user; never pre-filled. */
  readonly secrets: Partial<Record<SecretKey, string>>;
  readonly clearSecrets: readonly SecretKey[];
  readonly consent?: boolean;
}

export const EMPTY_DRAFT: SettingsDraft = { edits: {}, secrets: {}, clearSecrets: [] };

export type FieldErrors = Partial<Record<SettingKey, FieldMessage>>;

export function isLocked(view: SettingsView, key: SettingKey): boolean {
  const source = view.sources[key];
  return source === 'env' || source === 'file';
}

export function iceServersText(servers: PublicSettings['iceServers']): string {
  return JSON.stringify(servers, null, 2);
}

/** The value a field shows: the user's edit, else the host's value. */
export function shownValue(view: SettingsView, draft: SettingsDraft, key: PublicSettingKey): string | boolean {
  const edit = draft.edits[key];
  if (edit !== undefined) return edit;
  const value = view.values[key];
  if (key === 'iceServers') return iceServersText(view.values.iceServers);
  return typeof value === 'boolean' ? value : String(value);
}

/** Whether plaintext storage is (or will be, once saved) allowed. */
export function consentGiven(view: SettingsView, draft: SettingsDraft): boolean {
  return draft.consent ?? view.secretStorage.kind === 'plaintext-consented';
}

/** Secrets can be saved when the OS encrypts them or the user agreed to plaintext. */
export function canStoreSecrets(view: SettingsView, draft: SettingsDraft): boolean {
  return view.secretStorage.kind === 'encrypted' || consentGiven(view, draft);
}

/** Key-order-independent equality for setting values (ICE server objects included). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** Checks one edited public field; null when it is valid (or untouched). */
export function checkEditedField(draft: SettingsDraft, key: PublicSettingKey): FieldMessage | null {
  const edit = draft.edits[key];
  if (edit === undefined) return null;
  const checked =
    key === 'iceServers' && typeof edit === 'string' ? checkIceServersText(edit) : checkSetting(key, edit);
  return checked.ok ? null : checked.message;
}

export type PatchBuild =
  | { readonly ok: true; readonly patch: SettingsPatch; readonly empty: boolean }
  | { readonly ok: false; readonly errors: FieldErrors };

/**
 * Turns the draft into the smallest patch: only fields whose validated value differs from
 * the host's, never a locked field, secrets only when typed (or explicitly removed).
 */
export function buildPatch(view: SettingsView, draft: SettingsDraft): PatchBuild {
  const patch: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const field of ALL_FIELDS) {
    if (field.kind === 'secret' || isLocked(view, field.key)) continue;
    const edit = draft.edits[field.key];
    if (edit === undefined) continue;
    const checked =
      field.kind === 'json' && typeof edit === 'string' ? checkIceServersText(edit) : checkSetting(field.key, edit);
    if (!checked.ok) errors[field.key] = checked.message;
    else if (!sameValue(checked.value, view.values[field.key])) patch[field.key] = checked.value;
  }
  const consent = consentGiven(view, draft);
  if (view.secretStorage.kind !== 'encrypted' && consent !== (view.secretStorage.kind === 'plaintext-consented')) {
    patch['plaintextSecretsConsent'] = consent;
  }
  for (const key of ['appSecret', 'sipPassword'] as const) {
    if (isLocked(view, key)) continue;
    const typed = draft.secrets[key] ?? '';
    if (typed !== '') {
      const checked = checkSecret(key, typed);
      if (!checked.ok) errors[key] = checked.message;
      else if (!canStoreSecrets(view, draft)) errors[key] = { key: 'settings.storage.needsConsent' };
      else patch[key] = checked.value;
    } else if (draft.clearSecrets.includes(key) && view.secrets[key].set) {
      patch[key] = '';
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, patch: patch as SettingsPatch, empty: Object.keys(patch).length === 0 };
}

/** True when the draft holds anything the user could save or discard. */
export function hasEdits(draft: SettingsDraft): boolean {
  return (
    Object.keys(draft.edits).length > 0 ||
    Object.values(draft.secrets).some((value) => value !== '') ||
    draft.clearSecrets.length > 0 ||
    draft.consent !== undefined
  );
}

/**
 * The saved secrets that saving this draft would remove: those bound to an address the draft
 * changes (the host drops them rather than send them to the new address) and not typed again.
 */
export function secretsDroppedByAddress(view: SettingsView, draft: SettingsDraft, key: PublicSettingKey): SecretKey[] {
  const edit = draft.edits[key];
  if (edit === undefined || sameValue(edit, view.values[key])) return [];
  return SECRET_KEYS.filter(
    (secret) =>
      (SECRET_ADDRESSES[secret] as readonly string[]).includes(key) &&
      view.secrets[secret].set &&
      view.secrets[secret].source === 'saved' &&
      !draft.secrets[secret],
  );
}
