import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigationStore } from '../../app/navigation-store';
import { usePhoneStore } from '../../sip/phone-store';
import { EmptyState } from '../../ui/EmptyState';
import { PhoneIcon } from '../../ui/icons';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { selectView, useSettingsStore } from '../settings/settings-store';
import { CurrentCalls } from './CallCards';
import { DeviceNotices } from './DeviceNotices';
import { DialPad } from './DialPad';
import { registrationProblem } from './registration-text';

function NotConfigured(): ReactElement {
  const { t } = useTranslation();
  const go = useNavigationStore((state) => state.go);
  return (
    <EmptyState
      icon={<PhoneIcon />}
      title={t('phone.emptyTitle')}
      action={
        <button type="button" className="button button--primary" onClick={() => go('settings')}>
          {t('common.openSettings')}
        </button>
      }
    >
      {t('phone.emptyBody')}
    </EmptyState>
  );
}

/** The agent's phone: registration, the call in progress, and dialing. The SIP phone itself runs in the app frame. */
export function PhoneScreen(): ReactElement {
  const { t } = useTranslation();
  const registration = usePhoneStore((s) => s.registration);
  const hasCalls = usePhoneStore((s) => s.calls.length > 0);
  const dnd = useSettingsStore((s) => selectView(s)?.values.dnd ?? false);
  const problem = registrationProblem(registration, t);
  // A call in progress stays visible even if the settings were just cleared under it.
  const showCall = hasCalls;

  return (
    <div className="screen">
      <ScreenHeading title={t('phone.title')} />
      {registration.kind === 'unconfigured' && !showCall ? (
        <NotConfigured />
      ) : (
        <>
          <section className="phone-section phone-registration" aria-label={t('phone.registration')}>
            <p>
              {t('sip.label')}: {t(`sip.state.${registration.kind}`)}
            </p>
            {problem ? <p className="phone-registration__problem">{problem}</p> : null}
            {dnd ? <p className="phone-note">{t('phone.dndOn')}</p> : null}
          </section>
          <DeviceNotices />
          <div className="phone-section" aria-live="polite">
            <CurrentCalls />
          </div>
          <DialPad />
        </>
      )}
    </div>
  );
}
