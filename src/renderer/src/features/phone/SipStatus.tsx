import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { usePhoneStore } from '../../sip/phone-store';
import { registrationProblem } from './registration-text';
import './phone.css';
import './phone-media.css';

/** The SIP registration in the header: whether calls can ring this device at all. */
export function SipStatus(): ReactElement {
  const { t } = useTranslation();
  const registration = usePhoneStore((s) => s.registration);
  return (
    <span
      className={`connection sip-status sip-status--${registration.kind}`}
      data-testid="sip-status"
      data-state={registration.kind}
      title={registrationProblem(registration, t)}
    >
      <span className="connection__dot" aria-hidden="true" />
      <span>
        {t('sip.label')}: {t(`sip.state.${registration.kind}`)}
      </span>
    </span>
  );
}
