import { Suspense, useEffect, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { SCREEN_HEADING_ID } from '../ui/ScreenHeading';
import { useNavigationStore, type Screen } from './navigation-store';
import { ScreenLoadBoundary } from './ScreenLoadBoundary';
import { resetLazyScreens, SCREEN_COMPONENTS } from './screens';
import './startup.css';

/**
 * After a navigation, moves focus to the new screen's title, so keyboard and screen-reader users
 * land there. It sits inside the screen's Suspense boundary, after the screen: React commits it
 * (and runs this effect) only once the screen itself is there, never while its chunk loads.
 */
function FocusTitleWhenShown({ screen }: { screen: Screen }): null {
  const focusTitle = useNavigationStore((state) => state.focusTitle);
  const titleFocused = useNavigationStore((state) => state.titleFocused);
  useEffect(() => {
    if (!focusTitle) return;
    const title = document.getElementById(SCREEN_HEADING_ID);
    if (!title) return;
    title.focus();
    titleFocused();
  }, [focusTitle, screen, titleFocused]);
  return null;
}

/** A placeholder while a screen's chunk loads: empty at first, "Loading…" only if it takes a while (CSS). */
function ScreenLoading(): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="screen" aria-busy="true" data-testid="screen-loading">
      <p className="screen__loading screen-loading__text">{t('startup.loadingScreen')}</p>
    </div>
  );
}

/** The current screen, loaded on its first visit when it is a lazy one (screens.tsx). */
export function ScreenOutlet(): ReactElement {
  const { t } = useTranslation();
  const screen = useNavigationStore((state) => state.screen);
  const Current = SCREEN_COMPONENTS[screen];
  return (
    <ScreenLoadBoundary
      key={screen}
      title={t('startup.screenFailed.title')}
      body={t('startup.screenFailed.body')}
      retryLabel={t('startup.screenFailed.retry')}
      onRetry={resetLazyScreens}
    >
      <Suspense fallback={<ScreenLoading />}>
        <Current />
        <FocusTitleWhenShown screen={screen} />
      </Suspense>
    </ScreenLoadBoundary>
  );
}
