import { useEffect, useId, useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizeDialNumber } from '../../../../shared/dial-number';
import { messageFor } from '../../../../shared/errors';
import { PHONE_INPUT_ATTRIBUTE } from '../../sip/phone-shortcuts';
import { usePhoneStore } from '../../sip/phone-store';
import { selectView, useSettingsStore } from '../settings/settings-store';
import { useNumberFormatter } from './number-formatter';
import {
  cancelQueuedDial,
  dialOrQueue,
  forgetStartupDialDraft,
  startupDialDraft,
  useQueuedDialStore,
} from './queued-dial';

/**
 * Dials the way the `dialVia` setting says: through AntBuddy's click-to-call (the platform rings
 * this phone, then the number) or straight from this phone over SIP. The line under the field
 * says which. It works from the app's first render: a Call pressed before the app knows how to
 * dial waits, said under the field, and goes out as soon as it can (queued-dial.ts).
 */
export function DialPad(): ReactElement {
  const { t, i18n } = useTranslation();
  const inputId = useId();
  const helpId = useId();
  const dial = usePhoneStore((s) => s.dial);
  const queued = useQueuedDialStore((s) => s.number);
  // Unknown until the settings arrive: the line under the field says nothing rather than guess.
  const dialVia = useSettingsStore((s) => selectView(s)?.values.dialVia ?? null);
  const formatForDisplay = useNumberFormatter();
  // The first one carries on from the frame's field: what was typed before the app had loaded.
  const [number, setNumber] = useState(() => startupDialDraft().typed);
  const [invalid, setInvalid] = useState(() => startupDialDraft().invalid);
  useEffect(() => forgetStartupDialDraft(), []);
  const language = i18n.language === 'en' ? 'en' : 'vi';

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    // The host applies the same rule (the contract's input); checking here first shows the message at once.
    const normalized = normalizeDialNumber(number);
    if (!normalized.ok) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    dialOrQueue(normalized.value);
  };

  // A call waiting to go out hides how the one before it went.
  const error = invalid
    ? t('phone.invalidNumber')
    : dial.status === 'failed' && queued === null
      ? messageFor(dial.error, language)
      : undefined;

  return (
    <form className="phone-section phone-dial" onSubmit={submit} noValidate>
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor={inputId}>
          {t('phone.dialLabel')}
        </label>
        <div className="phone-dial__row">
          <input
            id={inputId}
            className="input"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            maxLength={32}
            value={number}
            aria-invalid={error ? true : undefined}
            aria-describedby={helpId}
            onChange={(e) => setNumber(e.target.value)}
            // Enter here still answers a call that rings (the phone's own field).
            {...{ [PHONE_INPUT_ATTRIBUTE]: '' }}
          />
          <button type="submit" className="button button--primary" disabled={dial.status === 'dialing'}>
            {t('phone.call')}
          </button>
        </div>
        <p className="field__help" id={helpId} data-testid="dial-via" data-via={dialVia ?? undefined}>
          {dialVia ? t(`phone.dialVia.${dialVia}`) : null}
        </p>
        {error ? (
          <p className="phone-dial__error" role="alert" data-testid="dial-error">
            {error}
          </p>
        ) : null}
        {queued !== null && !invalid ? (
          <p className="phone-note" role="status" data-testid="dial-queued">
            {t('queuedDial.waiting', { number: formatForDisplay(queued) })}{' '}
            <button type="button" className="button button--quiet" onClick={cancelQueuedDial}>
              {t('queuedDial.cancel')}
            </button>
          </p>
        ) : null}
        {dial.status === 'dialing' ? (
          <p className="phone-note" role="status">
            {t('phone.dialing')}
          </p>
        ) : null}
        {dial.status === 'placed' && !invalid && queued === null ? (
          <p className="phone-note" role="status" data-testid="dial-placed">
            {t('phone.dialPlaced', { number: formatForDisplay(dial.number) })}
          </p>
        ) : null}
      </div>
    </form>
  );
}

/**
 * How the last call from the dial field went, where the field itself is not shown (the phone
 * turned out not to be set up after a Call pressed while the app started): nothing when idle.
 */
export function DialOutcome(): ReactElement | null {
  const { t, i18n } = useTranslation();
  const dial = usePhoneStore((s) => s.dial);
  const formatForDisplay = useNumberFormatter();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  if (dial.status === 'idle') return null;
  return (
    <div className="phone-section">
      {dial.status === 'failed' ? (
        <p className="phone-dial__error" role="alert" data-testid="dial-error">
          {messageFor(dial.error, language)}
        </p>
      ) : (
        <p className="phone-note" role="status" data-testid={dial.status === 'placed' ? 'dial-placed' : undefined}>
          {dial.status === 'placed'
            ? t('phone.dialPlaced', { number: formatForDisplay(dial.number) })
            : t('phone.dialing')}
        </p>
      )}
    </div>
  );
}
