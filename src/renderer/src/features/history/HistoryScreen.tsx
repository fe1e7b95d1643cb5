import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { messageFor } from '../../../../shared/errors';
import { useNavigationStore } from '../../app/navigation-store';
import { Banner } from '../../ui/Banner';
import { EmptyState } from '../../ui/EmptyState';
import { HistoryIcon } from '../../ui/icons';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { useColleaguesStore } from '../phone/colleagues-store';
import { CallsTable } from './CallsTable';
import { formatCount, uiLanguage } from './format';
import { GroupsTable } from './GroupsTable';
import { HistoryNotices } from './HistoryNotices';
import { useHistoryStore } from './history-store';
import { HistoryFilterBar, HistoryToolbar } from './HistoryToolbar';
import { SyncProblems, SyncStatus } from './SyncStatus';
import { useUnseenMissedStore } from './unseen-missed-store';
import './history.css';

/**
 * How many calls (or numbers) the view holds. Shown always; announced politely only when the
 * agent changed the view (filters, search, grouping), not each time the store syncs.
 */
function ResultCount(): ReactElement {
  const { t, i18n } = useTranslation();
  const language = uiLanguage(i18n.language);
  const mode = useHistoryStore((s) => s.mode);
  const list = useHistoryStore((s) => (s.mode === 'calls' ? s.calls : s.groups));
  const queryVersion = useHistoryStore((s) => s.queryVersion);
  const search = useHistoryStore((s) => s.search);
  const announcedFor = useRef<number | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const text =
    list.total === null
      ? t('history.counting')
      : t(mode === 'calls' ? 'history.count' : 'history.groupCount', {
          count: list.total,
          formatted: formatCount(list.total, language),
        });

  useEffect(() => {
    if (list.total === null || announcedFor.current === queryVersion) return;
    const first = announcedFor.current === null;
    announcedFor.current = queryVersion;
    // Opening the screen is no change to announce; the heading was just read out.
    if (!first) setAnnouncement(text);
  }, [list.total, queryVersion, text]);

  return (
    <>
      <p
        className="history-count"
        data-testid="history-count"
        data-total={list.total ?? ''}
        data-extent={list.extent ?? ''}
        data-search={search}
      >
        {text}
      </p>
      <p className="visually-hidden" role="status" data-testid="history-count-announcement">
        {announcement}
      </p>
    </>
  );
}

function ListProblem(): ReactElement | null {
  const { t, i18n } = useTranslation();
  const language = uiLanguage(i18n.language);
  const error = useHistoryStore((s) => (s.mode === 'calls' ? s.calls.error : s.groups.error));
  const retry = useHistoryStore((s) => s.retryList);
  if (!error) return null;
  return (
    <Banner tone="error" title={t('history.loadFailed')}>
      <p>{messageFor(error, language)}</p>
      <button type="button" className="button" onClick={retry}>
        {t('history.retry')}
      </button>
    </Banner>
  );
}

function NoCalls(): ReactElement {
  const { t } = useTranslation();
  const searching = useHistoryStore((s) => s.search !== '');
  const syncing = useHistoryStore((s) => s.sync?.kind === 'syncing');
  return (
    <p className="history-none" data-testid="history-none">
      {syncing ? t('history.noneYet') : searching ? t('history.noMatch') : t('history.noneFiltered')}
    </p>
  );
}

/** Every call of the company (or the agent's), searchable and filterable, with the actions agents need. */
export function HistoryScreen(): ReactElement {
  const { t } = useTranslation();
  const mount = useHistoryStore((s) => s.mount);
  const sync = useHistoryStore((s) => s.sync);
  const mode = useHistoryStore((s) => s.mode);
  const total = useHistoryStore((s) => (s.mode === 'calls' ? s.calls.total : s.groups.total));
  const setViewing = useUnseenMissedStore((s) => s.setViewing);
  const loadColleagues = useColleaguesStore((s) => s.load);
  const go = useNavigationStore((s) => s.go);

  useEffect(() => mount(), [mount]);
  useEffect(() => {
    setViewing(true);
    return () => setViewing(false);
  }, [setViewing]);
  useEffect(() => {
    // Names and extensions for "call back" to a colleague and for "missed by you".
    void loadColleagues();
  }, [loadColleagues]);

  if (sync?.kind === 'off') {
    return (
      <div className="screen">
        <ScreenHeading title={t('history.title')} />
        <EmptyState
          icon={<HistoryIcon />}
          title={t('history.emptyTitle')}
          action={
            <button type="button" className="button button--primary" onClick={() => go('settings')}>
              {t('common.openSettings')}
            </button>
          }
        >
          {t('history.emptyBody')}
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="screen screen--history" data-testid="history-screen">
      <div className="history-head">
        <ScreenHeading title={t('history.title')} />
        <SyncStatus />
      </div>
      <SyncProblems />
      <HistoryToolbar />
      <HistoryFilterBar />
      <HistoryNotices />
      <ResultCount />
      <ListProblem />
      {total === 0 ? <NoCalls /> : mode === 'calls' ? <CallsTable /> : <GroupsTable />}
    </div>
  );
}
