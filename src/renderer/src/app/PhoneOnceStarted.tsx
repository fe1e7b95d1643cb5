import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { PhoneScreen } from '../features/phone/PhoneScreen';
import { SipStatus } from '../features/phone/SipStatus';
import { usePhoneStartupStore } from '../sip/phone-startup';

/**
 * The Phone screen from the first render. Until the phone has read its credentials it says
 * the phone is starting rather than "not set up" (not known yet), and its dial field already
 * works: a Call pressed then waits for the phone (features/phone/queued-dial.ts).
 */
export function PhoneScreenOnceStarted(): ReactElement {
  const started = usePhoneStartupStore((state) => state.started);
  return <PhoneScreen starting={!started} />;
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
