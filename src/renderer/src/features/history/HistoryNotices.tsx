import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { messageFor } from '../../../../shared/errors';
import { usePhoneStore } from '../../sip/phone-store';
import { Banner } from '../../ui/Banner';
import { formatCount, uiLanguage } from './format';
import { useHistoryActions, type HistoryNotice } from './history-actions';
import { CloseIcon } from './history-icons';
import { useHistoryStore } from './history-store';

function DismissButton({ onClick }: { onClick: () => void }): ReactElement {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="history-icon-button history-notice__close"
      aria-label={t('history.dismiss')}
      onClick={onClick}
    >
      <CloseIcon />
    </button>
  );
}

/** How a call back is going, in the phone store's own words (the same as the dial pad's). */
function CallingText({ number }: { number: string }): ReactElement {
  const { t, i18n } = useTranslation();
  const dial = usePhoneStore((s) => s.dial);
  const language = uiLanguage(i18n.language);
  if (dial.status === 'failed' && dial.number === number) {
    return (
      <Banner tone="error" title={t('history.notice.callFailed', { number })}>
        <p>{messageFor(dial.error, language)}</p>
      </Banner>
    );
  }
  const text =
    dial.status === 'placed' && dial.number === number
      ? t('history.notice.callPlaced', { number })
      : t('history.notice.calling', { number });
  return <p className="history-notice">{text}</p>;
}

function ActionNotice({ notice }: { notice: HistoryNotice }): ReactElement {
  const { t, i18n } = useTranslation();
  const language = uiLanguage(i18n.language);
  switch (notice.kind) {
    case 'copied':
      return (
        <p className="history-notice history-notice--success" data-testid="history-copied">
          {t('history.notice.copied', { number: notice.text })}
        </p>
      );
    case 'calling':
      return <CallingText number={notice.number} />;
    case 'favourite-added':
      return <p className="history-notice">{t('history.notice.favouriteAdded', { number: notice.number })}</p>;
    case 'favourite-removed':
      return <p className="history-notice">{t('history.notice.favouriteRemoved', { number: notice.number })}</p>;
    case 'failed':
      return <p className="history-notice history-notice--error">{messageFor(notice.error, language)}</p>;
  }
}

/** The one line of feedback of the last row action, and where the last export was written. */
export function HistoryNotices(): ReactElement {
  const { t, i18n } = useTranslation();
  const language = uiLanguage(i18n.language);
  const notice = useHistoryActions((s) => s.notice);
  const dismissNotice = useHistoryActions((s) => s.dismiss);
  const exporting = useHistoryStore((s) => s.exporting);
  const dismissExport = useHistoryStore((s) => s.dismissExport);

  return (
    <div className="history-notices">
      {/* Always present, so screen readers hear each new notice politely. */}
      <div role="status" className="history-notices__live">
        {notice ? (
          <div className="history-notice-row">
            <ActionNotice notice={notice} />
            <DismissButton onClick={dismissNotice} />
          </div>
        ) : null}
        {exporting.kind === 'done' ? (
          <div className="history-notice-row history-export-done" data-testid="history-export-done">
            <p className="history-notice history-notice--success">
              {t('history.notice.exported', {
                count: exporting.result.rows,
                formatted: formatCount(exporting.result.rows, language),
              })}{' '}
              <code className="history-path" data-testid="history-export-path">
                {exporting.result.path}
              </code>
            </p>
            <DismissButton onClick={dismissExport} />
          </div>
        ) : null}
      </div>
      {exporting.kind === 'failed' ? (
        <Banner tone="error" title={t('history.notice.exportFailed')}>
          <p>{messageFor(exporting.error, language)}</p>
          <button type="button" className="button" onClick={dismissExport}>
            {t('history.dismiss')}
          </button>
        </Banner>
      ) : null}
    </div>
  );
}
