import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { messageFor } from '../../../../shared/errors';
import { Banner } from '../../ui/Banner';
import { formatCount, formatStamp, uiLanguage } from './format';
import { RefreshIcon } from './history-icons';
import { useHistoryStore } from './history-store';

/** A failing sync (the error, the next automatic try and a Retry), or a refresh the host refused. */
export function SyncProblems(): ReactElement | null {
  const { t, i18n } = useTranslation();
  const language = uiLanguage(i18n.language);
  const sync = useHistoryStore((s) => s.sync);
  const refreshError = useHistoryStore((s) => s.refreshError);
  const refresh = useHistoryStore((s) => s.refresh);
  if (sync?.kind !== 'failed' && !refreshError) return null;
  const last = sync && sync.kind !== 'off' && sync.lastRefreshAt ? Date.parse(sync.lastRefreshAt) : Number.NaN;
  return (
    <div className="history-sync-area">
      {sync?.kind === 'failed' ? (
        <Banner tone="error" title={t('history.sync.failed')}>
          <p>{messageFor(sync.error, language)}</p>
          <p className="history-sync__detail">
            {Number.isFinite(last)
              ? t('history.sync.lastRefresh', { time: formatStamp(last, language) })
              : t('history.sync.never')}
            {sync.retryAt
              ? ` · ${t('history.sync.retryAt', { time: formatStamp(Date.parse(sync.retryAt), language) })}`
              : ''}
          </p>
          <button type="button" className="button" onClick={() => void refresh()} data-testid="history-retry-sync">
            <RefreshIcon />
            {t('history.sync.retry')}
          </button>
        </Banner>
      ) : null}
      {refreshError ? (
        <Banner tone="error" title={t('history.sync.refreshFailed')}>
          <p>{messageFor(refreshError, language)}</p>
        </Banner>
      ) : null}
    </div>
  );
}

/**
 * Where the local history stands, in one line by the title: being brought up to date (with
 * progress), or up to date as of a time, with Refresh.
 */
export function SyncStatus(): ReactElement | null {
  const { t, i18n } = useTranslation();
  const language = uiLanguage(i18n.language);
  const sync = useHistoryStore((s) => s.sync);
  const refresh = useHistoryStore((s) => s.refresh);
  if (!sync || sync.kind === 'off') return null;

  const last = sync.lastRefreshAt ? Date.parse(sync.lastRefreshAt) : Number.NaN;
  const lastText = Number.isFinite(last)
    ? t('history.sync.lastRefresh', { time: formatStamp(last, language) })
    : t('history.sync.never');
  const refreshButton = (
    <button
      type="button"
      className="button button--quiet history-sync__refresh"
      onClick={() => void refresh()}
      disabled={sync.kind === 'syncing'}
      data-testid="history-refresh"
    >
      <RefreshIcon />
      {t('history.sync.refresh')}
    </button>
  );

  return (
    <div className="history-sync" data-testid="history-sync" data-kind={sync.kind}>
      {sync.kind === 'syncing' ? (
        <>
          <span className="history-sync__text">
            {t('history.sync.syncing', {
              done: formatCount(sync.windowsDone, language),
              total: formatCount(sync.windowsTotal, language),
              records: formatCount(sync.records, language),
            })}
          </span>
          <progress
            className="history-sync__progress"
            max={Math.max(1, sync.windowsTotal)}
            value={Math.min(sync.windowsDone, Math.max(1, sync.windowsTotal))}
            aria-label={t('history.sync.progressLabel')}
          />
        </>
      ) : (
        <span className="history-sync__text" data-testid="history-last-refresh">
          {lastText}
        </span>
      )}
      {sync.kind === 'failed' ? null : refreshButton}
    </div>
  );
}
