import { useEffect, type ReactElement } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n } from 'i18next';
import { ConnectionStatus } from '../features/connection/ConnectionStatus';
import { usePlaceQueuedDial } from '../features/phone/queued-dial';
import { FirstRunGate } from '../features/first-run/FirstRunGate';
import { isPopupRoute } from '../features/screenpop/popup-route';
import { usePhoneStartupStore } from '../sip/phone-startup';
import { useSipPhone } from '../sip/use-sip-phone';
import { NavRail } from './NavRail';
import { SipStatusOnceStarted } from './PhoneOnceStarted';
import { deferredPanel } from './deferred-panel';
import { ScreenOutlet } from './ScreenOutlet';
import { preloadLazyScreensWhenIdle } from './screens';
import { warmLocaleDataWhenIdle } from './locale-warm-up';
import { useHostPreferences } from './useHostPreferences';

// Out of the first chunk: the Phone screen is usable before any of these is even fetched.
const DemoPanel = deferredPanel(() => import('../features/demo/DemoPanel').then((m) => m.DemoPanel));
const TrayStatusBanner = deferredPanel(() =>
  import('../features/tray-status/TrayStatusBanner').then((m) => m.TrayStatusBanner),
);
const MissedCallsPanel = deferredPanel(() =>
  import('../features/missed-calls/MissedCallsPanel').then((m) => m.MissedCallsPanel),
);
const ScreenPopStack = deferredPanel(() =>
  import('../features/screenpop/ScreenPopStack').then((m) => m.ScreenPopStack),
);
const DialLayer = deferredPanel(() => import('../features/dial/DialLayer').then((m) => m.DialLayer));
const ScreenPopWindow = deferredPanel(() =>
  import('../features/screenpop/ScreenPopWindow').then((m) => m.ScreenPopWindow),
);

/**
 * The main window. It renders at once, before the host's first answer: the frame, the nav rail
 * and the Phone screen, its dial field already working, paint first; settings, the phone's
 * account and the lazy screens (screens.tsx) fill in as they arrive.
 */
function AppFrame(): ReactElement {
  const { t } = useTranslation();
  useHostPreferences();
  // Here, not in PhoneScreen: the device must stay registered whichever screen is shown.
  useSipPhone();
  // A Call pressed before the phone was ready goes out once it is, whichever screen is shown.
  usePlaceQueuedDial();
  const phoneStarted = usePhoneStartupStore((state) => state.started);
  // After the phone, never before: startup is for the frame and the phone.
  useEffect(() => {
    if (!phoneStarted) return undefined;
    const cancelPreload = preloadLazyScreensWhenIdle();
    const cancelWarmUp = warmLocaleDataWhenIdle();
    return () => {
      cancelPreload();
      cancelWarmUp();
    };
  }, [phoneStarted]);

  return (
    <div className="app">
      <header className="app-header">
        <div className="app-header__brand">
          <span className="app-header__mark" aria-hidden="true" />
          <span className="app-header__name">{t('app.name')}</span>
        </div>
        <div className="app-header__status" role="status" aria-label={t('header.connectionStatus')}>
          <ConnectionStatus />
          <SipStatusOnceStarted />
        </div>
      </header>
      <div className="app-body">
        <NavRail />
        <main className="app-main">
          <DemoPanel />
          <TrayStatusBanner />
          <MissedCallsPanel />
          <FirstRunGate>
            <ScreenOutlet />
          </FirstRunGate>
        </main>
      </div>
      <ScreenPopStack />
      <DialLayer />
    </div>
  );
}

export function App({ i18n }: { i18n: i18n }): ReactElement {
  return (
    <I18nextProvider i18n={i18n}>
      {/* The popup window loads the same page on its own route: only the incoming calls. */}
      {isPopupRoute(window.location.hash) ? <ScreenPopWindow /> : <AppFrame />}
    </I18nextProvider>
  );
}
