import { useId, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { PhoneScreen } from '../features/phone/PhoneScreen';
import { SipStatus } from '../features/phone/SipStatus';
import { usePhoneStartupStore } from '../sip/phone-startup';
import { ScreenHeading } from '../ui/ScreenHeading';

/**
 * The Phone screen as it is about to be, painted before the host's first answer: its title,
 * the registration line and the dial field, disabled until the phone knows its account. Same
 * markup and classes as the real one, so nothing moves when it takes over.
 */
export function PhoneSkeleton(): ReactElement {
  const { t } = useTranslation();
  const inputId = useId();
  return (
    <div className="screen" aria-busy="true" data-testid="phone-skeleton">
      <ScreenHeading title={t('phone.title')} />
      <section className="phone-section phone-registration" aria-label={t('phone.registration')}>
        <p>{t('startup.phoneStarting')}</p>
      </section>
      <form className="phone-section phone-dial" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label className="field__label" htmlFor={inputId}>
            {t('phone.dialLabel')}
          </label>
          <div className="phone-dial__row">
            <input id={inputId} className="input" type="tel" autoComplete="off" disabled />
            <button type="submit" className="button button--primary" disabled>
              {t('phone.call')}
            </button>
          </div>
        </div>
      </form>
    </div>
  );
}

/** The Phone screen once the phone has read its credentials; its skeleton until then. */
export function PhoneScreenOnceStarted(): ReactElement {
  const started = usePhoneStartupStore((state) => state.started);
  return started ? <PhoneScreen /> : <PhoneSkeleton />;
}

/** The header's phone status, likewise: "starting" rather than a "not set up" that is not yet known. */
export function SipStatusOnceStarted(): ReactElement {
  const { t } = useTranslation();
  const started = usePhoneStartupStore((state) => state.started);
  if (started) return <SipStatus />;
  return (
    <span className="connection sip-status" data-state="starting">
      <span className="connection__dot" aria-hidden="true" />
      <span>
        {t('sip.label')}: {t('startup.starting')}
      </span>
    </span>
  );
}
