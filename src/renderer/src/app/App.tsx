import { useEffect, useRef, type ReactElement } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n } from 'i18next';
import { ConnectionStatus } from '../features/connection/ConnectionStatus';
import { DashboardScreen } from '../features/dashboard/DashboardScreen';
import { HistoryScreen } from '../features/history/HistoryScreen';
import { MissedCallsPanel } from '../features/missed-calls/MissedCallsPanel';
import { PhoneScreen } from '../features/phone/PhoneScreen';
import { SipStatus } from '../features/phone/SipStatus';
import { isPopupRoute, ScreenPopStack, ScreenPopWindow } from '../features/screenpop';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { useSipPhone } from '../sip/use-sip-phone';
import { SCREEN_HEADING_ID } from '../ui/ScreenHeading';
import { NavRail } from './NavRail';
import { useNavigationStore, type Screen } from './navigation-store';
import { useHostPreferences } from './useHostPreferences';

const SCREEN_COMPONENTS: Record<Screen, () => ReactElement> = {
  phone: PhoneScreen,
  history: HistoryScreen,
  dashboard: DashboardScreen,
  settings: SettingsScreen,
};

function AppFrame(): ReactElement {
  const { t } = useTranslation();
  useHostPreferences();
  // Here, not in PhoneScreen: the device must stay registered whichever screen is shown.
  useSipPhone();
  const screen = useNavigationStore((state) => state.screen);
  const firstRender = useRef(true);

  useEffect(() => {
    // Move focus to the new screen's title so keyboard and screen-reader users land there.
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.getElementById(SCREEN_HEADING_ID)?.focus();
  }, [screen]);

  const Current = SCREEN_COMPONENTS[screen];
  return (
    <div className="app">
      <header className="app-header">
        <div className="app-header__brand">
          <span className="app-header__mark" aria-hidden="true" />
          <span className="app-header__name">{t('app.name')}</span>
        </div>
        <div className="app-header__status" role="status" aria-label={t('header.connectionStatus')}>
          <ConnectionStatus />
          <SipStatus />
        </div>
      </header>
      <div className="app-body">
        <NavRail />
        <main className="app-main">
          <MissedCallsPanel />
          <Current />
        </main>
      </div>
      <ScreenPopStack />
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
