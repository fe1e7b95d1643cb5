import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizeDialNumber } from '../../../../shared/dial-number';
import { messageFor } from '../../../../shared/errors';
import { formatForDisplay } from '../../../../shared/phone';
import { PHONE_INPUT_ATTRIBUTE } from '../../sip/phone-shortcuts';
import { usePhoneStore } from '../../sip/phone-store';
import { selectView, useSettingsStore } from '../settings/settings-store';

/**
 * Dials the way the `dialVia` setting says: through AntBuddy's click-to-call (the platform rings
 * this phone, then the number) or straight from this phone over SIP. The line under the field
 * says which.
 */
export function DialPad(): ReactElement {
  const { t, i18n } = useTranslation();
  const inputId = useId();
  const helpId = useId();
  const dial = usePhoneStore((s) => s.dial);
  const clickToCall = usePhoneStore((s) => s.clickToCall);
  const callOverSip = usePhoneStore((s) => s.callOverSip);
  const dialVia = useSettingsStore((s) => selectView(s)?.values.dialVia ?? 'click-to-call');
  const [number, setNumber] = useState('');
  const [invalid, setInvalid] = useState(false);
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
    if (dialVia === 'sip') callOverSip(normalized.value);
    else void clickToCall(normalized.value);
  };

  const error = invalid
    ? t('phone.invalidNumber')
    : dial.status === 'failed'
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
        <p className="field__help" id={helpId} data-testid="dial-via" data-via={dialVia}>
          {t(`phone.dialVia.${dialVia}`)}
        </p>
        {error ? (
          <p className="phone-dial__error" role="alert" data-testid="dial-error">
            {error}
          </p>
        ) : null}
        {dial.status === 'dialing' ? (
          <p className="phone-note" role="status">
            {t('phone.dialing')}
          </p>
        ) : null}
        {dial.status === 'placed' && !invalid ? (
          <p className="phone-note" role="status" data-testid="dial-placed">
            {t('phone.dialPlaced', { number: formatForDisplay(dial.number) })}
          </p>
        ) : null}
      </div>
    </form>
  );
}
