import { useEffect, useId, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { messageFor } from '../../../../shared/errors';
import { useNavigationStore } from '../../app/navigation-store';
import { Banner } from '../../ui/Banner';
import { EmptyState } from '../../ui/EmptyState';
import { DashboardIcon } from '../../ui/icons';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { selectView, useSettingsStore } from '../settings/settings-store';
import { AgentsTable } from './AgentsTable';
import { useDashboardStore, type DashboardStore } from './dashboard-store';
import { FreshnessNote } from './FreshnessNote';
import { QueuesList } from './QueuesList';
import { QueueStatsTable } from './QueueStatsTable';
import { DEFAULT_REFRESH_SECONDS } from './refresh-policy';
import { StatusChart } from './StatusChart';
import './dashboard.css';

/** Keeps the store refreshing while this screen is mounted, at the period the settings say. */
function useDashboardRefresh(store: DashboardStore): void {
  const mount = store((state) => state.mount);
  const setRefreshSeconds = store((state) => state.setRefreshSeconds);
  const refreshNow = store((state) => state.refreshNow);
  const view = useSettingsStore(selectView);
  const seconds = view?.values.dashboardRefreshSeconds ?? DEFAULT_REFRESH_SECONDS;
  const firstView = useRef(true);

  useEffect(() => setRefreshSeconds(seconds), [seconds, setRefreshSeconds]);
  useEffect(() => mount(), [mount]);

  // New settings (e.g. the company account was just entered): a failing dashboard tries again at once.
  useEffect(() => {
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    if (store.getState().status.kind === 'failed') void refreshNow();
  }, [view, store, refreshNow]);
}

/** The live queue and agent dashboard. `store` is for tests; the app uses its one dashboard store. */
export function DashboardScreen({ store = useDashboardStore }: { store?: DashboardStore } = {}): ReactElement {
  const { t, i18n } = useTranslation();
  useDashboardRefresh(store);
  const snapshot = store((state) => state.snapshot);
  const status = store((state) => state.status);
  const receivedAt = store((state) => state.receivedAt);
  const stale = store((state) => state.stale);
  const refreshing = store((state) => state.refreshing);
  const refreshNow = store((state) => state.refreshNow);
  const go = useNavigationStore((state) => state.go);
  const ids = {
    byStatus: useId(),
    stats: useId(),
    agents: useId(),
    queues: useId(),
  };
  const language = i18n.language === 'en' ? 'en' : 'vi';

  const notConfigured = status.kind === 'failed' && status.error.code === 'not_configured';
  if (snapshot === null && notConfigured) {
    return (
      <div className="screen screen--dashboard">
        <ScreenHeading title={t('dashboard.title')} />
        <EmptyState
          icon={<DashboardIcon />}
          title={t('dashboard.emptyTitle')}
          action={
            <div className="dashboard__actions">
              <button type="button" className="button button--primary" onClick={() => go('settings')}>
                {t('dashboard.openSettings')}
              </button>
              <button type="button" className="button" onClick={() => void refreshNow()} disabled={refreshing}>
                {t('dashboard.retry')}
              </button>
            </div>
          }
        >
          {t('dashboard.emptyBody')}
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="screen screen--dashboard">
      <ScreenHeading title={t('dashboard.title')} />
      <div className="dashboard__toolbar">
        <FreshnessNote receivedAt={receivedAt} stale={stale} refreshing={refreshing} />
        <button type="button" className="button" onClick={() => void refreshNow()} disabled={refreshing}>
          {t('dashboard.refresh')}
        </button>
      </div>

      {status.kind === 'failed' ? (
        <Banner tone="error" title={t('dashboard.loadFailed')}>
          <p data-testid="dashboard-error">{messageFor(status.error, language)}</p>
          <p className="dashboard__retry-note">
            {t('dashboard.nextAttempt', { seconds: Math.round(status.retryInMs / 1000) })}
          </p>
          <button type="button" className="button" onClick={() => void refreshNow()} disabled={refreshing}>
            {t('dashboard.retry')}
          </button>
        </Banner>
      ) : null}

      {snapshot === null ? (
        status.kind === 'failed' ? null : (
          <p className="screen__loading" role="status">
            {t('dashboard.loading')}
          </p>
        )
      ) : (
        <div className="dashboard">
          <div className="dashboard__overview">
            <section className="dashboard-card" aria-labelledby={ids.byStatus}>
              <h2 className="dashboard-card__title" id={ids.byStatus}>
                {t('dashboard.sections.byStatus')}
              </h2>
              <StatusChart counts={snapshot.counts} titleId={ids.byStatus} />
            </section>
            <section className="dashboard-card" aria-labelledby={ids.stats}>
              <h2 className="dashboard-card__title" id={ids.stats}>
                {t('dashboard.sections.queueStats')}
              </h2>
              <QueueStatsTable stats={snapshot.queueStatistics} titleId={ids.stats} />
            </section>
          </div>
          <section className="dashboard-card" aria-labelledby={ids.agents}>
            <h2 className="dashboard-card__title" id={ids.agents}>
              {t('dashboard.sections.agents')}
            </h2>
            <AgentsTable agents={snapshot.agents} titleId={ids.agents} nowMs={Date.parse(snapshot.generatedAt)} />
          </section>
          <section className="dashboard-card" aria-labelledby={ids.queues}>
            <h2 className="dashboard-card__title" id={ids.queues}>
              {t('dashboard.sections.queues')}
            </h2>
            <QueuesList queues={snapshot.queues} />
          </section>
        </div>
      )}
    </div>
  );
}
