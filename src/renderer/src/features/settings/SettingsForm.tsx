import { useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { messageFor, type AppError } from '../../../../shared/errors';
import type { Language, PublicSettingKey, SecretKey, SettingKey, SettingsView } from '../../../../shared/settings';
import { Banner } from '../../ui/Banner';
import { DialShortcutField } from '../dial/DialShortcutField';
import { DeviceSelect } from './DeviceSelect';
import { FieldFrame } from './FieldFrame';
import type { FieldMessage } from './field-validation';
import { SETTINGS_GROUPS, isFormField, type FieldSpec } from './fields';
import {
  EMPTY_DRAFT,
  buildPatch,
  canStoreSecrets,
  checkEditedField,
  consentGiven,
  hasEdits,
  secretsDroppedByAddress,
  shownValue,
  type FieldErrors,
  type SettingsDraft,
} from './form-model';
import { useSettingsStore } from './settings-store';
import { useAudioDevices } from './use-audio-devices';

type Notice = 'saved' | 'noChanges' | 'fixErrors' | null;

const fieldId = (key: SettingKey): string => `setting-${key}`;

function lockedSource(view: SettingsView, key: SettingKey): 'env' | 'file' | undefined {
  const source = view.sources[key];
  return source === 'env' || source === 'file' ? source : undefined;
}

/** The editable settings: keeps the user's unsaved edits and sends only what changed. */
export function SettingsForm({ view }: { view: SettingsView }): ReactElement {
  const { t, i18n } = useTranslation();
  const saveSettings = useSettingsStore((state) => state.saveSettings);
  const saving = useSettingsStore((state) => state.saving);
  const [draft, setDraft] = useState<SettingsDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [focusInvalid, setFocusInvalid] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const audioDevices = useAudioDevices();
  const language: Language = i18n.language === 'en' ? 'en' : 'vi';

  useEffect(() => {
    if (focusInvalid === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);

  const translate = (message: FieldMessage): string => t(message.key, message.values ?? {});

  const errorFor = (key: SettingKey): string | undefined => {
    const local = errors[key];
    if (local) return translate(local);
    if (serverError?.field === key) return messageFor(serverError, language);
    return undefined;
  };

  function touched(key: SettingKey): void {
    setNotice(null);
    if (serverError?.field === key) setServerError(null);
  }

  function edit(key: PublicSettingKey, value: string | boolean): void {
    touched(key);
    const next = { ...draft, edits: { ...draft.edits, [key]: value } };
    setDraft(next);
    // Re-check live only once a field shows an error, so messages vanish as the user fixes them.
    if (errors[key]) setErrors((all) => ({ ...all, [key]: checkEditedField(next, key) ?? undefined }));
  }

  function blur(key: PublicSettingKey): void {
    const message = checkEditedField(draft, key);
    setErrors((all) => ({ ...all, [key]: message ?? undefined }));
  }

  function typeSecret(key: SecretKey, value: string): void {
    touched(key);
    setErrors((all) => ({ ...all, [key]: undefined }));
    setDraft((current) => ({ ...current, secrets: { ...current.secrets, [key]: value } }));
  }

  function clearSecret(key: SecretKey, clear: boolean): void {
    touched(key);
    setDraft((current) => ({
      ...current,
      clearSecrets: clear ? [...current.clearSecrets, key] : current.clearSecrets.filter((k) => k !== key),
    }));
  }

  function discard(): void {
    setDraft(EMPTY_DRAFT);
    setErrors({});
    setServerError(null);
    setNotice(null);
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setServerError(null);
    const built = buildPatch(view, draft);
    if (!built.ok) {
      setErrors(built.errors);
      setNotice('fixErrors');
      setFocusInvalid((n) => n + 1);
      return;
    }
    setErrors({});
    if (built.empty) {
      setDraft(EMPTY_DRAFT);
      setNotice('noChanges');
      return;
    }
    const result = await saveSettings(built.patch);
    if (result.ok) {
      setDraft(EMPTY_DRAFT);
      setNotice('saved');
    } else {
      setServerError(result.error);
      setNotice(null);
      if (result.error.field && isFormField(result.error.field)) setFocusInvalid((n) => n + 1);
    }
  }

  function renderField(field: FieldSpec): ReactElement {
    const id = fieldId(field.key);
    const lockedBy = lockedSource(view, field.key);
    const locked = lockedBy !== undefined;
    const label = t(`settings.fields.${field.key}.label`);
    const helpKey = `settings.fields.${field.key}.help`;
    const dropped = field.kind === 'text' ? secretsDroppedByAddress(view, draft, field.key) : [];
    // Saving a moved address removes the secrets bound to it: say so before the user saves.
    const help =
      dropped.length > 0
        ? t('settings.secretWillBeDropped', {
            secrets: dropped.map((secret) => t(`settings.secretNames.${secret}`)).join(', '),
          })
        : i18n.exists(helpKey)
          ? t(helpKey)
          : undefined;
    const error = errorFor(field.key);
    const common = { id, label, error, ...(help ? { help } : {}), ...(lockedBy ? { lockedBy } : {}) };

    switch (field.kind) {
      case 'text':
        return (
          <FieldFrame key={field.key} {...common}>
            {(describedBy) => (
              <input
                id={id}
                className="input"
                type={field.inputType}
                value={String(shownValue(view, draft, field.key))}
                readOnly={locked}
                placeholder={field.placeholder}
                spellCheck={false}
                autoComplete="off"
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy}
                onChange={(e) => edit(field.key, e.target.value)}
                onBlur={() => blur(field.key)}
              />
            )}
          </FieldFrame>
        );
      case 'json':
        return (
          <FieldFrame key={field.key} {...common}>
            {(describedBy) => (
              <textarea
                id={id}
                className="input input--code"
                rows={4}
                value={String(shownValue(view, draft, field.key))}
                readOnly={locked}
                spellCheck={false}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy}
                onChange={(e) => edit(field.key, e.target.value)}
                onBlur={() => blur(field.key)}
              />
            )}
          </FieldFrame>
        );
      case 'choice':
        return (
          <FieldFrame key={field.key} {...common}>
            {(describedBy) => (
              <select
                id={id}
                className="input select"
                value={String(shownValue(view, draft, field.key))}
                disabled={locked}
                aria-describedby={describedBy}
                onChange={(e) => edit(field.key, e.target.value)}
              >
                {field.options.map((option) => (
                  <option key={option} value={option}>
                    {t(`settings.options.${field.key}.${option}`)}
                  </option>
                ))}
              </select>
            )}
          </FieldFrame>
        );
      case 'device':
        return (
          <FieldFrame key={field.key} {...common}>
            {(describedBy) => (
              <DeviceSelect
                id={id}
                value={String(shownValue(view, draft, field.key))}
                deviceKind={field.deviceKind}
                devices={audioDevices}
                locked={locked}
                describedBy={describedBy}
                onChange={(deviceId) => edit(field.key, deviceId)}
              />
            )}
          </FieldFrame>
        );
      case 'toggle':
        return (
          <FieldFrame key={field.key} {...common} layout="inline">
            {(describedBy) => (
              <input
                id={id}
                className="switch"
                type="checkbox"
                checked={shownValue(view, draft, field.key) === true}
                disabled={locked}
                aria-describedby={describedBy}
                onChange={(e) => edit(field.key, e.target.checked)}
              />
            )}
          </FieldFrame>
        );
      case 'secret': {
        const status = view.secrets[field.key];
        const removing = draft.clearSecrets.includes(field.key);
        const storable = canStoreSecrets(view, draft);
        const badge = removing ? (
          <span className="badge badge--warning">{t('settings.secret.willRemove')}</span>
        ) : status.set ? (
          <span className="badge badge--ok">{t('settings.secret.saved')}</span>
        ) : (
          <span className="badge">{t('settings.secret.notSet')}</span>
        );
        const secretHelp = !locked && !storable ? t('settings.storage.needsConsent') : help;
        return (
          <FieldFrame key={field.key} {...common} {...(secretHelp ? { help: secretHelp } : {})} badge={badge}>
            {(describedBy) => (
              <div className="secret-row">
                <input
                  id={id}
                  className="input"
                  type="password"
                  autoComplete="new-password"
                  value={draft.secrets[field.key] ?? ''}
                  readOnly={locked}
                  disabled={!locked && !storable}
                  placeholder={
                    locked ? '' : t(status.set ? 'settings.secret.placeholderSet' : 'settings.secret.placeholderEmpty')
                  }
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy}
                  onChange={(e) => typeSecret(field.key, e.target.value)}
                />
                {status.set && !locked ? (
                  <button
                    type="button"
                    className="button button--quiet"
                    onClick={() => clearSecret(field.key, !removing)}
                  >
                    {t(removing ? 'settings.secret.undoRemove' : 'settings.secret.remove')}
                  </button>
                ) : null}
              </div>
            )}
          </FieldFrame>
        );
      }
    }
  }

  const storage = view.secretStorage;
  const consent = consentGiven(view, draft);
  const serverErrorInBanner = serverError && !(serverError.field && isFormField(serverError.field));

  return (
    <form ref={formRef} className="settings-form" noValidate onSubmit={(e) => void submit(e)}>
      {serverError ? (
        <Banner tone="error" title={t('settings.saveFailed')}>
          <p>{serverErrorInBanner ? messageFor(serverError, language) : t('settings.seeField')}</p>
        </Banner>
      ) : null}

      {storage.kind !== 'encrypted' ? (
        <section className="storage-notice" aria-labelledby="storage-title">
          <h2 id="storage-title" className="storage-notice__title">
            {t('settings.storage.title')}
          </h2>
          <p>{t('settings.storage.unavailableBody')}</p>
          {/* The host explains its reason in English only: shown as a technical detail. */}
          <p className="storage-notice__detail">{t('settings.storage.detail', { reason: storage.reason })}</p>
          <div className="consent">
            <input
              id="plaintext-consent"
              type="checkbox"
              checked={consent}
              aria-describedby="plaintext-consent-help"
              onChange={(e) => setDraft((current) => ({ ...current, consent: e.target.checked }))}
            />
            <label htmlFor="plaintext-consent">{t('settings.storage.consent')}</label>
          </div>
          <p className="field__help" id="plaintext-consent-help">
            {storage.kind === 'plaintext-consented' && !consent
              ? t('settings.storage.withdrawHelp')
              : t('settings.storage.consentHelp')}
          </p>
        </section>
      ) : null}

      {SETTINGS_GROUPS.map((group) => (
        <fieldset key={group.id} className="settings-group">
          <legend className="settings-group__title">{t(`settings.groups.${group.id}.title`)}</legend>
          <p className="settings-group__description">{t(`settings.groups.${group.id}.description`)}</p>
          <div className="settings-group__fields">{group.fields.map(renderField)}</div>
        </fieldset>
      ))}
      <DialShortcutField view={view} />

      <div className="form-actions">
        <p className="form-actions__status" role="status">
          {notice ? t(`settings.notice.${notice}`) : ''}
        </p>
        <button type="button" className="button" onClick={discard} disabled={!hasEdits(draft) || saving}>
          {t('settings.discard')}
        </button>
        <button type="submit" className="button button--primary" disabled={!hasEdits(draft) || saving}>
          {t(saving ? 'settings.saving' : 'settings.save')}
        </button>
      </div>
    </form>
  );
}
