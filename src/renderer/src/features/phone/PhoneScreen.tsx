import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { deferredPanel } from '../../app/deferred-panel';
import { useNavigationStore } from '../../app/navigation-store';
import { usePhoneStore } from '../../sip/phone-store';
import { EmptyState } from '../../ui/EmptyState';
import { PhoneIcon } from '../../ui/icons';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { selectView, useSettingsStore } from '../settings/settings-store';
import { DeviceNotices } from './DeviceNotices';
import { DialOutcome, DialPad } from './DialPad';
import { registrationProblem } from './registration-text';

// No call can exist before the phone has registered: the call cards (with the screen pop's
// details and the recordings player) load after the first render.
const CurrentCalls = deferredPanel(() => import('./CallCards').then((m) => m.CurrentCalls));

function NotConfigured(): ReactElement {
  const { t } = useTranslation();
  const go = useNavigationStore((state) => state.go);
  return (
    <>
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
      {/* A call pressed while the app started, before it knew the phone is not set up: how it went. */}
      <DialOutcome />
    </>
  );
}

/**
 * The agent's phone: registration, the call in progress, and dialing. The SIP phone itself runs
 * in the app frame. `starting`: the phone has not read its account yet, so its registration is
 * not known (never "not set up" before it is); the dial field works all the same (DialPad).
 */
export function PhoneScreen({ starting = false }: { readonly starting?: boolean }): ReactElement {
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
      {!starting && registration.kind === 'unconfigured' && !showCall ? (
        <NotConfigured />
      ) : (
        <>
          <section className="phone-section phone-registration" aria-label={t('phone.registration')}>
            {starting ? (
              <p>{t('startup.phoneStarting')}</p>
            ) : (
              <p>
                {t('sip.label')}: {t(`sip.state.${registration.kind}`)}
              </p>
            )}
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
