import { memo, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryRow } from '../../../../shared/history';
import { formatForDisplay } from '../../../../shared/phone';
import { playRecording, RecordingPlayer } from '../recordings';
import { formatClock, formatDuration, formatShortDay, formatStamp, uiLanguage } from './format';
import { CloseIcon, DirectionIcon, PlayIcon, StarIcon } from './history-icons';
import { memoized } from '../../../../shared/memoized';
import { RowActions } from './RowActions';
import { useRowLabels } from './row-labels';

/** A company has a handful of DIDs, on every other row. */
const didForDisplay = memoized(formatForDisplay, 500);

export const CALL_COLUMNS = ['time', 'contact', 'call', 'duration', 'agent', 'queue', 'recording', 'actions'] as const;

/** The player of a row is named by the call, so the open one survives the row moving down the list. */
export function playerIdFor(key: string): string {
  return `history-player-${key.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
}

/** `call-20250512-1405-0912345678`: sorts by time in a folder, and says whose call it was. */
export function recordingFileName(row: Pick<HistoryRow, 'startMs' | 'party'>): string {
  const d = new Date(row.startMs);
  const p = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
  const digits = (row.party.display || row.party.raw).replace(/[^0-9]/g, '');
  return digits === '' ? `call-${stamp}` : `call-${stamp}-${digits}`;
}

/**
 * One call: when, who, which way and how it ended, how long, who took it, where from, its
 * recording, actions. Memoised: a page or the total arriving, or a scroll step, re-renders the
 * list, and rows whose call and state did not change need not render again.
 */
export const CallRow = memo(function CallRow({
  row,
  rowIndex,
  missedByMe,
  favourite,
  agentExtension,
  playerOpen,
  onTogglePlayer,
}: {
  row: HistoryRow;
  /** aria-rowindex (the header is row 1). */
  rowIndex: number;
  missedByMe: boolean;
  favourite: boolean;
  /** The agent's extension, from the colleagues list, when known. */
  agentExtension?: string | undefined;
  playerOpen: boolean;
  /** Opens or closes this row's player; the same function for every row (so rows stay memoised). */
  onTogglePlayer: (key: string, open: boolean) => void;
}): ReactElement {
  const { i18n } = useTranslation();
  const t = useRowLabels();
  const language = uiLanguage(i18n.language);
  const number = row.party.display || row.party.raw;
  const when = formatStamp(row.startMs, language);
  const agent = row.agent?.name ?? row.agent?.username ?? row.agent?.number;
  const agentDetail = agentExtension ?? (row.agent?.name ? (row.agent.number ?? row.agent.username) : undefined);
  const queue = row.queueName ?? row.queueId;
  const playerId = playerIdFor(row.key);
  const status = t(`history.status.${row.status}`);
  const talk = formatDuration(row.talkSeconds);
  const did = row.did ? t('history.did', { number: didForDisplay(row.did) }) : undefined;
  const playLabel = row.recording
    ? playerOpen
      ? t('history.action.closePlayer', { when })
      : t('history.action.play', { number, when })
    : undefined;

  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      className={`history-row history-row--${row.status}${missedByMe ? ' history-row--mine-missed' : ''}`}
      data-testid="history-row"
      data-key={row.key}
      data-status={row.status}
    >
      <div role="cell" className="history-cell history-cell--time">
        <time dateTime={row.startedAt} title={when}>
          <span className="history-cell__main">{formatClock(row.startMs, language)}</span>
          <span className="history-cell__sub">{formatShortDay(row.startMs, language)}</span>
        </time>
      </div>
      <div role="cell" className="history-cell history-cell--contact">
        <span className="history-cell__main history-number" data-testid="history-number">
          {number}
          {favourite ? (
            <span className="history-favourite-mark" title={t('history.favouriteMark')}>
              <StarIcon filled />
              <span className="visually-hidden">{t('history.favouriteMark')}</span>
            </span>
          ) : null}
        </span>
        <span className="history-cell__sub" data-testid="history-name" title={row.party.name}>
          {row.party.name ?? ''}
        </span>
      </div>
      <div role="cell" className="history-cell history-cell--call">
        <span className={`history-direction history-direction--${row.direction}`}>
          <DirectionIcon direction={row.direction} />
          {t(`history.direction.${row.direction}`)}
        </span>
        <span className={`history-status history-status--${row.status}`} data-testid="history-status">
          {missedByMe ? t('history.missedByYou') : status}
        </span>
      </div>
      <div role="cell" className="history-cell history-cell--duration">
        <span className="history-cell__main" title={t('history.durationTitle')}>
          {formatDuration(row.durationSeconds)}
        </span>
        <span className="history-cell__sub" title={t('history.talkTitle', { time: talk })}>
          {t('history.talk', { time: talk })}
        </span>
      </div>
      <div role="cell" className="history-cell history-cell--agent">
        <span className="history-cell__main" title={agent}>
          {agent ?? '—'}
        </span>
        {agentDetail ? <span className="history-cell__sub">{agentDetail}</span> : null}
      </div>
      <div role="cell" className="history-cell history-cell--queue">
        <span className="history-cell__main" title={queue}>
          {queue ?? '—'}
        </span>
        {did ? (
          <span className="history-cell__sub" title={did}>
            {did}
          </span>
        ) : null}
      </div>
      <div role="cell" className="history-cell history-cell--recording">
        {row.recording ? (
          <button
            type="button"
            className={`history-icon-button history-icon-button--record${playerOpen ? ' history-icon-button--on' : ''}`}
            aria-expanded={playerOpen}
            aria-controls={playerOpen ? playerId : undefined}
            aria-label={playLabel}
            title={playLabel}
            data-testid="history-play"
            onClick={() => {
              // Started from the click itself: the gesture autoplay rules want.
              if (!playerOpen && row.recording) playRecording(row.recording);
              onTogglePlayer(row.key, !playerOpen);
            }}
          >
            {playerOpen ? <CloseIcon /> : <PlayIcon />}
          </button>
        ) : (
          <span className="visually-hidden">{t('history.noRecording')}</span>
        )}
      </div>
      <div role="cell" className="history-cell history-cell--actions">
        <RowActions
          party={row.party}
          copyKey={row.key}
          crm={{
            number: row.party.raw,
            // The CRM's {callId} is the platform's call id: the key is one only when it came from call_id.
            ...(row.key.startsWith('call_id:') ? { callId: row.key.slice('call_id:'.length) } : {}),
            ...(row.did ? { did: row.did } : {}),
            ...(queue ? { queue } : {}),
          }}
        />
      </div>
      {playerOpen && row.recording ? (
        <div role="cell" className="history-cell history-cell--player" id={playerId}>
          <RecordingPlayer
            media={row.recording}
            callId={row.key}
            label={t('recordings.callLabel', { when })}
            fileName={recordingFileName(row)}
          />
        </div>
      ) : null}
    </div>
  );
});

/** A row whose page is on its way. */
export function PendingRow({ rowIndex }: { rowIndex: number }): ReactElement {
  const { t } = useTranslation();
  return (
    <div role="row" aria-rowindex={rowIndex} className="history-row history-row--pending" aria-busy="true">
      <div role="cell" className="history-cell history-cell--pending">
        <span className="history-skeleton" />
        <span className="visually-hidden">{t('history.loadingRow')}</span>
      </div>
    </div>
  );
}
