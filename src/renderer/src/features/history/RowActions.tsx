import type { ReactElement } from 'react';
import type { HistoryNumber } from '../../../../shared/history';
import { useColleaguesStore } from '../phone/colleagues-store';
import { selectView, useSettingsStore } from '../settings/settings-store';
import { useHistoryActions, type CrmCall } from './history-actions';
import { CallBackIcon, CheckIcon, CopyIcon, ExternalIcon, StarIcon } from './history-icons';
import { copyText, dialTarget, favouriteKey } from './row-model';
import { useRowLabels } from './row-labels';

/** Call back, open in CRM, copy the number, favourite: the same four for a call and for a group. */
export function RowActions({
  party,
  crm,
  copyKey,
}: {
  party: HistoryNumber & { readonly name?: string };
  crm: CrmCall;
  /** Which row's copy button shows the confirmation. */
  copyKey: string;
}): ReactElement {
  const t = useRowLabels();
  const colleagues = useColleaguesStore((s) => s.colleagues);
  const crmTemplate = useSettingsStore((s) => selectView(s)?.values.crmUrlTemplate ?? '');
  const favourite = useSettingsStore(
    (s) => selectView(s)?.values.favourites.includes(favouriteKey(party.raw)) ?? false,
  );
  const copied = useHistoryActions((s) => s.notice?.kind === 'copied' && s.notice.key === copyKey);
  const callBack = useHistoryActions((s) => s.callBack);
  const openInCrm = useHistoryActions((s) => s.openInCrm);
  const copy = useHistoryActions((s) => s.copy);
  const toggleFavourite = useHistoryActions((s) => s.toggleFavourite);

  const number = party.display || party.raw;
  const target = dialTarget(party, colleagues);
  const callLabel = target ? t('history.action.callBack', { number }) : t('history.action.cannotCall', { number });
  const crmLabel = crmTemplate ? t('history.action.openCrm', { number }) : t('history.action.noCrm');
  const copyLabel = copied ? t('history.action.copied', { number }) : t('history.action.copy', { number });
  const favouriteLabel = t('history.action.favourite', { number });

  return (
    <div className="history-actions">
      <button
        type="button"
        className="history-icon-button"
        aria-label={callLabel}
        title={callLabel}
        disabled={!target}
        data-testid="history-call-back"
        onClick={() => target && callBack(target)}
      >
        <CallBackIcon />
      </button>
      <button
        type="button"
        className="history-icon-button"
        aria-label={crmLabel}
        title={crmLabel}
        disabled={!crmTemplate}
        onClick={() => void openInCrm(crm)}
      >
        <ExternalIcon />
      </button>
      <button
        type="button"
        className={`history-icon-button${copied ? ' history-icon-button--done' : ''}`}
        aria-label={copyLabel}
        title={copyLabel}
        data-testid="history-copy"
        onClick={() => void copy(copyText(party), copyKey)}
      >
        {copied ? <CheckIcon /> : <CopyIcon />}
      </button>
      <button
        type="button"
        className={`history-icon-button${favourite ? ' history-icon-button--on' : ''}`}
        aria-label={favouriteLabel}
        aria-pressed={favourite}
        title={favouriteLabel}
        onClick={() => void toggleFavourite(party.raw, number)}
      >
        <StarIcon filled={favourite} />
      </button>
    </div>
  );
}
