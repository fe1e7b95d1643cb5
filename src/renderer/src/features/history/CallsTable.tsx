import { useCallback, useEffect, useMemo, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useColleaguesStore } from '../phone/colleagues-store';
import { selectView, useSettingsStore } from '../settings/settings-store';
import { CALL_COLUMNS, CallRow, PendingRow } from './CallRow';
import { RecordingIcon } from './history-icons';
import { useHistoryStore } from './history-store';
import { agentExtensions, favouriteKey, isMissedByMe, meFrom } from './row-model';
import { useScaledVirtualizer } from './use-scaled-virtualizer';

/** Two lines of text and the row's padding; only a row with its player open is measured. */
export const CALL_ROW_HEIGHT = 52;

/**
 * Every call of the current view, newest first, as a table whose rows exist only around what
 * is on screen. The rows come first; the exact total with them when it is cheap, else just
 * after (until then the list is as long as what was read, plus a page), and pages load where
 * the view stops.
 */
export function CallsTable(): ReactElement {
  const { t } = useTranslation();
  const total = useHistoryStore((s) => s.calls.extent) ?? 0;
  const exactTotal = useHistoryStore((s) => s.calls.total);
  // Read to re-render when a page arrives: rows come from callAt, outside React state.
  useHistoryStore((s) => s.calls.version);
  const queryVersion = useHistoryStore((s) => s.queryVersion);
  const callAt = useHistoryStore((s) => s.callAt);
  const setRange = useHistoryStore((s) => s.setRange);
  const sipUser = useSettingsStore((s) => selectView(s)?.values.sipUser ?? '');
  const favourites = useSettingsStore((s) => selectView(s)?.values.favourites);
  const colleagues = useColleaguesStore((s) => s.colleagues);
  const me = useMemo(() => meFrom(sipUser, colleagues), [sipUser, colleagues]);
  const favouriteSet = useMemo(() => new Set(favourites ?? []), [favourites]);
  const extensionOf = useMemo(() => agentExtensions(colleagues), [colleagues]);
  const [openPlayer, setOpenPlayer] = useState<string | null>(null);

  const { virtualizer, scrollerRef, layerRef, realTotal, base, scrollTo } = useScaledVirtualizer(
    total,
    CALL_ROW_HEIGHT,
  );
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    setRange(first, last);
  }, [first, last, setRange]);

  const togglePlayer = useCallback(
    (key: string, open: boolean) => {
      setOpenPlayer(open ? key : null);
      // A closed player's row is back to the estimate: forget its measured height.
      if (!open) virtualizer.measure();
    },
    [virtualizer],
  );

  useEffect(() => {
    // Other filters or search: back to the newest call, every row at its estimated height.
    scrollTo(0);
    setOpenPlayer(null);
    virtualizer.measure();
  }, [queryVersion, scrollTo, virtualizer]);

  return (
    <div
      className="history-table"
      role="table"
      aria-label={t('history.tableLabel')}
      // -1: the number of rows is not known yet (ARIA), until the count arrives.
      aria-rowcount={exactTotal === null ? -1 : exactTotal + 1}
      data-testid="history-table"
    >
      <div role="presentation" className="history-table__inner">
        <div role="rowgroup" className="history-table__head">
          <div role="row" aria-rowindex={1} className="history-row history-row--head">
            {CALL_COLUMNS.map((column) => (
              <div role="columnheader" key={column} className={`history-cell history-cell--${column}`}>
                {column === 'recording' ? (
                  <span title={t('history.col.recording')}>
                    <RecordingIcon />
                    <span className="visually-hidden">{t('history.col.recording')}</span>
                  </span>
                ) : (
                  t(`history.col.${column}`)
                )}
              </div>
            ))}
          </div>
        </div>
        <div
          ref={scrollerRef}
          role="rowgroup"
          className="history-table__body"
          // Focusable, so the keyboard scrolls the list (arrows, Page Up/Down, Home, End).
          tabIndex={0}
          aria-label={t('history.tableBodyLabel')}
          data-testid="history-scroller"
        >
          <div role="presentation" className="history-table__space" style={{ height: realTotal }}>
            <div role="presentation" className="history-table__layer" ref={layerRef}>
              {items.map((item) => {
                const row = callAt(item.index);
                return (
                  <div
                    key={item.key}
                    role="presentation"
                    className="history-table__item"
                    data-index={item.index}
                    // Rows are CALL_ROW_HEIGHT tall; only one with its player open is measured (a
                    // measured row costs the commit a layout, 60 of them a few milliseconds).
                    ref={row !== undefined && openPlayer === row.key ? virtualizer.measureElement : undefined}
                    style={{ top: item.start - base }}
                  >
                    {row ? (
                      <CallRow
                        row={row}
                        rowIndex={item.index + 2}
                        missedByMe={isMissedByMe(row, me)}
                        favourite={favouriteSet.has(favouriteKey(row.party.raw))}
                        agentExtension={extensionOf(row.agent?.username)}
                        playerOpen={openPlayer === row.key}
                        onTogglePlayer={togglePlayer}
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
