import { useCallback, useEffect, useMemo, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { messageFor } from '../../../../shared/errors';
import type { HistoryGroup } from '../../../../shared/history';
import { useColleaguesStore } from '../phone/colleagues-store';
import { selectView, useSettingsStore } from '../settings/settings-store';
import { CALL_COLUMNS, CallRow, PendingRow } from './CallRow';
import { formatClock, formatCount, formatShortDay, uiLanguage } from './format';
import { ChevronIcon, DirectionIcon, StarIcon } from './history-icons';
import { useHistoryStore, type ExpandedGroup } from './history-store';
import { RowActions } from './RowActions';
import { agentExtensions, favouriteKey, isMissedByMe, meFrom } from './row-model';
import { useScaledVirtualizer } from './use-scaled-virtualizer';

const GROUP_ROW_HEIGHT = 52;

export const GROUP_COLUMNS = ['contact', 'calls', 'missed', 'last', 'lastCall', 'actions', 'expand'] as const;

function groupDomId(number: string): string {
  return `history-group-${number.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
}

/** A party's newest calls, in place under its group, and the way to all of them. */
function ExpandedCalls({ group, expanded }: { group: HistoryGroup; expanded: ExpandedGroup }): ReactElement {
  const { t, i18n } = useTranslation();
  const language = uiLanguage(i18n.language);
  const showNumber = useHistoryStore((s) => s.showNumber);
  const sipUser = useSettingsStore((s) => selectView(s)?.values.sipUser ?? '');
  const colleagues = useColleaguesStore((s) => s.colleagues);
  const favourites = useSettingsStore((s) => selectView(s)?.values.favourites);
  const me = useMemo(() => meFrom(sipUser, colleagues), [sipUser, colleagues]);
  const extensionOf = useMemo(() => agentExtensions(colleagues), [colleagues]);
  const [openPlayer, setOpenPlayer] = useState<string | null>(null);
  const togglePlayer = useCallback((key: string, open: boolean) => setOpenPlayer(open ? key : null), []);
  const number = group.party.display || group.party.raw;

  if (expanded.status === 'loading') return <p className="history-expanded__note">{t('history.loadingCalls')}</p>;
  if (expanded.status === 'failed') {
    return (
      <p className="history-expanded__note history-expanded__note--error" role="alert">
        {messageFor(expanded.error, language)}
      </p>
    );
  }
  return (
    <div className="history-expanded">
      <div role="table" className="history-subtable" aria-label={t('history.callsWith', { number })}>
        <div role="rowgroup">
          <div role="row" className="history-row history-row--head">
            {CALL_COLUMNS.map((column) => (
              <div role="columnheader" key={column} className={`history-cell history-cell--${column}`}>
                {t(`history.col.${column}`)}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup">
          {expanded.rows.map((row, i) => (
            <CallRow
              key={row.key}
              row={row}
              rowIndex={i + 2}
              missedByMe={isMissedByMe(row, me)}
              favourite={favourites?.includes(favouriteKey(row.party.raw)) ?? false}
              agentExtension={extensionOf(row.agent?.username)}
              playerOpen={openPlayer === row.key}
              onTogglePlayer={togglePlayer}
            />
          ))}
        </div>
      </div>
      {expanded.total > expanded.rows.length ? (
        <button
          type="button"
          className="button button--quiet history-expanded__all"
          onClick={() => showNumber({ number: group.number, display: number })}
        >
          {t('history.showAllCalls', { count: expanded.total, formatted: formatCount(expanded.total, language) })}
        </button>
      ) : null}
    </div>
  );
}

function GroupRow({
  group,
  rowIndex,
  expanded,
  favourite,
}: {
  group: HistoryGroup;
  rowIndex: number;
  expanded: ExpandedGroup | null;
  favourite: boolean;
}): ReactElement {
  const { t, i18n } = useTranslation();
  const language = uiLanguage(i18n.language);
  const toggleGroup = useHistoryStore((s) => s.toggleGroup);
  const number = group.party.display || group.party.raw;
  const open = expanded !== null;
  const regionId = groupDomId(group.number);

  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      className={`history-row history-row--group${group.missed > 0 ? ' history-row--has-missed' : ''}`}
      data-testid="history-group"
      data-number={group.number}
    >
      <div role="cell" className="history-cell history-cell--contact">
        <span className="history-cell__main history-number">
          {number}
          {favourite ? (
            <span className="history-favourite-mark" title={t('history.favouriteMark')}>
              <StarIcon filled />
              <span className="visually-hidden">{t('history.favouriteMark')}</span>
            </span>
          ) : null}
        </span>
        <span className="history-cell__sub">{group.party.name ?? ''}</span>
      </div>
      <div role="cell" className="history-cell history-cell--calls" data-testid="history-group-calls">
        {formatCount(group.calls, language)}
      </div>
      <div role="cell" className="history-cell history-cell--missed" data-testid="history-group-missed">
        {group.missed > 0 ? (
          <span className="history-status history-status--missed">{formatCount(group.missed, language)}</span>
        ) : (
          '0'
        )}
      </div>
      <div role="cell" className="history-cell history-cell--last">
        <time dateTime={group.lastAt}>
          <span className="history-cell__main">{formatClock(group.lastMs, language)}</span>
          <span className="history-cell__sub">{formatShortDay(group.lastMs, language)}</span>
        </time>
      </div>
      <div role="cell" className="history-cell history-cell--lastCall">
        <span className={`history-direction history-direction--${group.lastDirection}`}>
          <DirectionIcon direction={group.lastDirection} />
          {t(`history.direction.${group.lastDirection}`)}
        </span>
        <span className={`history-status history-status--${group.lastStatus}`}>
          {t(`history.status.${group.lastStatus}`)}
        </span>
      </div>
      <div role="cell" className="history-cell history-cell--actions">
        <RowActions party={group.party} copyKey={`group-${group.number}`} crm={{ number: group.party.raw }} />
      </div>
      <div role="cell" className="history-cell history-cell--expand">
        <button
          type="button"
          className="history-icon-button"
          aria-expanded={open}
          aria-controls={open ? regionId : undefined}
          aria-label={t(open ? 'history.action.collapse' : 'history.action.expand', { number })}
          title={t(open ? 'history.action.collapse' : 'history.action.expand', { number })}
          data-testid="history-expand"
          onClick={() => toggleGroup(group.number)}
        >
          <ChevronIcon open={open} />
        </button>
      </div>
      {expanded ? (
        <div role="cell" className="history-cell history-cell--expanded" id={regionId}>
          <ExpandedCalls group={group} expanded={expanded} />
        </div>
      ) : null}
    </div>
  );
}

/** One row per other party (count, missed, last call), each opening onto that party's calls. */
export function GroupsTable(): ReactElement {
  const { t } = useTranslation();
  const total = useHistoryStore((s) => s.groups.total) ?? 0;
  useHistoryStore((s) => s.groups.version);
  const queryVersion = useHistoryStore((s) => s.queryVersion);
  const groupAt = useHistoryStore((s) => s.groupAt);
  const setRange = useHistoryStore((s) => s.setRange);
  const expanded = useHistoryStore((s) => s.expanded);
  const favourites = useSettingsStore((s) => selectView(s)?.values.favourites);
  const favouriteSet = useMemo(() => new Set(favourites ?? []), [favourites]);

  const { virtualizer, scrollerRef, layerRef, realTotal, base, scrollTo } = useScaledVirtualizer(
    total,
    GROUP_ROW_HEIGHT,
  );
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    setRange(first, last);
  }, [first, last, setRange]);

  useEffect(() => {
    scrollTo(0);
  }, [queryVersion, scrollTo]);

  return (
    <div
      className="history-table history-table--groups"
      role="table"
      aria-label={t('history.groupsLabel')}
      aria-rowcount={total + 1}
      data-testid="history-groups"
    >
      <div role="presentation" className="history-table__inner">
        <div role="rowgroup" className="history-table__head">
          <div role="row" aria-rowindex={1} className="history-row history-row--head history-row--group">
            {GROUP_COLUMNS.map((column) => (
              <div role="columnheader" key={column} className={`history-cell history-cell--${column}`}>
                {column === 'expand' ? <span className="visually-hidden">{t('history.col.expand')}</span> : null}
                {column === 'expand' ? null : t(`history.col.${column}`)}
              </div>
            ))}
          </div>
        </div>
        <div
          ref={scrollerRef}
          role="rowgroup"
          className="history-table__body"
          tabIndex={0}
          aria-label={t('history.groupsBodyLabel')}
        >
          <div role="presentation" className="history-table__space" style={{ height: realTotal }}>
            <div role="presentation" className="history-table__layer" ref={layerRef}>
              {items.map((item) => {
                const group = groupAt(item.index);
                return (
                  <div
                    key={item.key}
                    role="presentation"
                    className="history-table__item"
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    style={{ top: item.start - base }}
                  >
                    {group ? (
                      <GroupRow
                        group={group}
                        rowIndex={item.index + 2}
                        expanded={expanded?.number === group.number ? expanded : null}
                        favourite={favouriteSet.has(favouriteKey(group.party.raw))}
                      />
                    ) : (
                      <PendingRow rowIndex={item.index + 2} />
                    )}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
