import { useEffect, useId, useState, type KeyboardEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ACCELERATOR_PROBLEM_TEXT,
  acceleratorFromKeyEvent,
  DEFAULT_DIAL_SHORTCUT,
  parseAccelerator,
} from '../../../../shared/accelerator';
import type { DialShortcutState } from '../../../../shared/dial';
import { messageFor, type AppError } from '../../../../shared/errors';
import type { SettingsView } from '../../../../shared/settings';
import { useHostSync } from '../../api';
import { FieldFrame } from '../settings/FieldFrame';
import { useSettingsStore } from '../settings/settings-store';
import { useDialShortcutStore } from './dial-shortcut-store';
import { isMacPlatform, shortcutLabel } from './shortcut-label';
import './dial.css';

/**
 * The global dial shortcut in Settings: typed (`CommandOrControl+Alt+D`) or pressed while the
 * field has focus, applied on its own (it is live the moment the host registers it), with what
 * the OS made of it: working, held by another program, or not available in this host.
 */
export function DialShortcutField({ view }: { view: SettingsView }): ReactElement {
  const { t, i18n } = useTranslation();
  const id = useId();
  const stateId = useId();
  const saveSettings = useSettingsStore((s) => s.saveSettings);
  const state = useDialShortcutStore((s) => s.state);
  const follow = useDialShortcutStore((s) => s.followHost);
  const load = useDialShortcutStore((s) => s.load);
  const [draft, setDraft] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const mac = isMacPlatform();
  const saved = view.values.dialShortcut;
  const source = view.sources.dialShortcut;
  const lockedBy = source === 'env' || source === 'file' ? source : undefined;

  useHostSync(follow, load);
  // A value pushed by the host (IT, another window) replaces an edit that matches it.
  useEffect(() => {
    setDraft((current) => (current === saved ? null : current));
  }, [saved]);

  const value = draft ?? saved;
  const parsed = value.trim() === '' ? null : parseAccelerator(value);
  const draftError =
    draft !== null && parsed && !parsed.ok ? ACCELERATOR_PROBLEM_TEXT[parsed.error][language] : undefined;
  const error = draftError ?? (saveError ? messageFor(saveError, language) : undefined);

  const save = async (next: string): Promise<void> => {
    setSaving(true);
    const result = await saveSettings({ dialShortcut: next });
    setSaving(false);
    if (result.ok) {
      setDraft(null);
      setSaveError(null);
    } else setSaveError(result.error);
  };

  const apply = (): void => {
    if (draft === null || draftError) return;
    void save(draft.trim() === '' ? '' : parsed && parsed.ok ? parsed.value : draft);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      // Not the whole Settings form: this field applies on its own.
      event.preventDefault();
      apply();
      return;
    }
    // Pressing a combination records it; plain typing still types.
    if (!event.ctrlKey && !event.altKey && !event.metaKey) return;
    const pressed = acceleratorFromKeyEvent(event, mac ? 'mac' : 'other');
    if (!pressed) return;
    event.preventDefault();
    setSaveError(null);
    setDraft(pressed);
  };

  return (
    <fieldset className="settings-group" data-testid="dial-shortcut-setting">
      <legend className="settings-group__title">{t('dial.shortcut.groupTitle')}</legend>
      <p className="settings-group__description">{t('dial.shortcut.groupDescription')}</p>
      <div className="settings-group__fields">
        <FieldFrame
          id={id}
          label={t('dial.shortcut.label')}
          help={t(mac ? 'dial.shortcut.helpMac' : 'dial.shortcut.help')}
          {...(lockedBy ? { lockedBy } : {})}
          {...(error ? { error } : {})}
        >
          {(describedBy) => (
            <div className="dial-shortcut">
              <input
                id={id}
                className="input dial-shortcut__input"
                type="text"
                value={value}
                readOnly={lockedBy !== undefined}
                placeholder={DEFAULT_DIAL_SHORTCUT}
                spellCheck={false}
                autoComplete="off"
                maxLength={100}
                aria-invalid={error ? true : undefined}
                aria-describedby={[describedBy, stateId].filter(Boolean).join(' ')}
                onChange={(event) => {
                  setSaveError(null);
                  setDraft(event.target.value);
                }}
                onKeyDown={onKeyDown}
              />
              {lockedBy ? null : (
                <>
                  <button
                    type="button"
                    className="button button--primary"
                    disabled={draft === null || draftError !== undefined || saving}
                    onClick={apply}
                  >
                    {t('dial.shortcut.apply')}
                  </button>
                  <button
                    type="button"
                    className="button"
                    disabled={saving || (draft === null && saved === DEFAULT_DIAL_SHORTCUT)}
                    onClick={() => void save(DEFAULT_DIAL_SHORTCUT)}
                  >
                    {t('dial.shortcut.useDefault')}
                  </button>
                  <button
                    type="button"
                    className="button button--quiet"
                    disabled={saving || (draft === null && saved === '')}
                    onClick={() => void save('')}
                  >
                    {t('dial.shortcut.turnOff')}
                  </button>
                </>
              )}
            </div>
          )}
        </FieldFrame>
        <ShortcutState
          id={stateId}
          state={state}
          mac={mac}
          onRetry={lockedBy || saving ? undefined : () => void save(saved)}
        />
      </div>
    </fieldset>
  );
}

function ShortcutState({
  id,
  state,
  mac,
  onRetry,
}: {
  id: string;
  state: DialShortcutState | null;
  mac: boolean;
  onRetry: (() => void) | undefined;
}): ReactElement {
  const { t } = useTranslation();
  const text = (): string => {
    switch (state?.kind) {
      case undefined:
        return '';
      case 'unavailable':
        return t('dial.shortcut.state.unavailable');
      case 'off':
        return t('dial.shortcut.state.off');
      case 'registered':
        return t('dial.shortcut.state.registered', { shortcut: shortcutLabel(state.accelerator, mac) });
      case 'failed':
        return t(`dial.shortcut.state.${state.reason}`, { shortcut: shortcutLabel(state.accelerator, mac) });
    }
  };
  const tone = state?.kind === 'failed' ? 'error' : state?.kind === 'registered' ? 'ok' : 'neutral';
  return (
    <div className={`dial-shortcut__state dial-shortcut__state--${tone}`}>
      <p id={id} role="status" data-testid="dial-shortcut-state" data-kind={state?.kind ?? ''}>
        {text()}
      </p>
      {state?.kind === 'failed' && state.reason === 'taken' && onRetry ? (
        <button type="button" className="button button--quiet" onClick={onRetry}>
          {t('dial.shortcut.retry')}
        </button>
      ) : null}
    </div>
  );
}
