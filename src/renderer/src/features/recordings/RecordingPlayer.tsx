import { useEffect, useId, type KeyboardEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { messageFor } from '../../../../shared/errors';
import { formatPlaybackTime, minutesAndSeconds } from './playback-time';
import { DownloadIcon, PauseIcon, PlayIcon, RetryIcon } from './player-icons';
import {
  downloadRecording,
  pauseRecording,
  playRecording,
  retryRecording,
  seekRecording,
  selectPlayerView,
  setPlaybackRate,
  showPlayer,
  useRecordingPlayback,
  type PlayerView,
} from './recording-playback';
import { isPlaybackRate, PLAYBACK_RATES } from './recording-session';
import './recordings.css';

export interface RecordingPlayerProps {
  /** The call's `recording` field (AntBuddy's media name), as the history gives it. */
  readonly media: string;
  /** The call this recording belongs to (a history record id, a screen-pop call): names the player's parts. */
  readonly callId: string;
  /** The player's accessible name, e.g. "Recording of the call of 12/05 10:32"; a generic one by default. */
  readonly label?: string;
  /** Name for the downloaded file (no folder; the recording's extension is added); the recording's own by default. */
  readonly fileName?: string;
}

/** Arrow keys move this far; Page Up/Down a tenth of the recording; Home/End to either end. */
const ARROW_STEP_S = 5;

function useSpokenTime(): (seconds: number) => string {
  const { t } = useTranslation();
  return (seconds) => t('recordings.spokenTime', minutesAndSeconds(seconds));
}

function seekTargetForKey(key: string, position: number, duration: number): number | undefined {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return position + ARROW_STEP_S;
    case 'ArrowLeft':
    case 'ArrowDown':
      return position - ARROW_STEP_S;
    case 'PageUp':
      return position + duration / 10;
    case 'PageDown':
      return position - duration / 10;
    case 'Home':
      return 0;
    case 'End':
      return duration;
    default:
      return undefined;
  }
}

function errorText(view: PlayerView, t: (key: string) => string, language: 'vi' | 'en'): string {
  if (view.error?.kind === 'url') return `${t('recordings.urlFailed')} ${messageFor(view.error.error, language)}`;
  return t('recordings.mediaFailed');
}

/**
 * Plays one call recording inline: play/pause, a position slider, speed and download. The
 * signed URL is asked for on the first play (never on render) and replaced transparently when it
 * expires; one recording plays at a time in a window, and leaving the screen pauses it.
 */
export function RecordingPlayer({ media, callId, label, fileName }: RecordingPlayerProps): ReactElement {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const view = useRecordingPlayback(useShallow((s) => selectPlayerView(s, media)));
  const rate = useRecordingPlayback((s) => s.rate);
  const download = useRecordingPlayback((s) => s.downloads[media]);
  const spoken = useSpokenTime();
  const ids = useId();
  const speedId = `${ids}-speed`;

  useEffect(() => showPlayer(media), [media]);

  const duration = view.duration;
  const known = duration !== null && duration > 0;
  const rateFormat = new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 });

  const onSliderKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (!known) return;
    const target = seekTargetForKey(event.key, view.position, duration);
    if (target === undefined) return;
    // Seconds that mean something for a call, rather than the browser's step of the range.
    event.preventDefault();
    seekRecording(media, Math.min(Math.max(0, target), duration));
  };

  return (
    <div
      className={`recording-player recording-player--${view.status}`}
      role="group"
      aria-label={label ?? t('recordings.player')}
      // Inside the screen-pop's live region: the moving clock must not be read out.
      aria-live="off"
      aria-busy={view.status === 'loading'}
      data-testid="recording-player"
      data-call-id={callId}
      data-media={media}
      data-status={view.status}
    >
      <div className="recording-player__main">
        <button
          type="button"
          className="recording-player__toggle"
          aria-label={view.active ? t('recordings.pause') : t('recordings.play')}
          title={view.active ? t('recordings.pause') : t('recordings.play')}
          onClick={() => (view.active ? pauseRecording(media) : playRecording(media))}
        >
          {view.active ? <PauseIcon /> : <PlayIcon />}
        </button>
        <input
          type="range"
          className="recording-player__slider"
          aria-label={t('recordings.position')}
          aria-valuetext={
            known
              ? t('recordings.positionText', { position: spoken(view.position), total: spoken(duration) })
              : t('recordings.positionUnknown')
          }
          min={0}
          max={known ? duration : 1}
          step="any"
          value={known ? Math.min(view.position, duration) : 0}
          disabled={!known}
          onChange={(event) => seekRecording(media, Number(event.currentTarget.value))}
          onKeyDown={onSliderKey}
        />
        <span className="recording-player__time" data-testid="recording-time">
          {formatPlaybackTime(view.position)} / {known ? formatPlaybackTime(duration) : '–:––'}
        </span>
      </div>
      <div className="recording-player__extras">
        <label className="recording-player__speed" htmlFor={speedId}>
          <span>{t('recordings.speed')}</span>
          <select
            id={speedId}
            className="recording-player__select"
            value={String(rate)}
            onChange={(event) => {
              const chosen = Number(event.currentTarget.value);
              if (isPlaybackRate(chosen)) setPlaybackRate(chosen);
            }}
          >
            {PLAYBACK_RATES.map((r) => (
              <option key={r} value={String(r)}>
                {`${rateFormat.format(r)}×`}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button--quiet recording-player__download"
          disabled={download?.kind === 'saving'}
          onClick={() => void downloadRecording(media, fileName)}
        >
          <DownloadIcon />
          {download?.kind === 'saving' ? t('recordings.downloading') : t('recordings.download')}
        </button>
      </div>
      {view.status === 'failed' ? (
        <div className="recording-player__problem" role="alert">
          <span>{errorText(view, t, language)}</span>
          <button type="button" className="button recording-player__retry" onClick={() => retryRecording(media)}>
            <RetryIcon />
            {t('recordings.retry')}
          </button>
        </div>
      ) : null}
      {download?.kind === 'saved' ? (
        <p className="recording-player__saved" role="status">
          {t('recordings.savedTo', { path: download.path })}
        </p>
      ) : null}
      {download?.kind === 'failed' ? (
        <p className="recording-player__problem" role="alert">
          {`${t('recordings.downloadFailed')} ${messageFor(download.error, language)}`}
        </p>
      ) : null}
    </div>
  );
}
