import { create } from 'zustand';
import type { AppError } from '../../../../shared/errors';
import { appError } from '../../../../shared/errors';
import { antring } from '../../api';
import { createRecordingAudio, type RecordingAudio } from './audio-element';
import {
  newSession,
  rememberSession,
  step,
  type PlaybackRate,
  type RememberedRecording,
  type SessionCommand,
  type SessionError,
  type SessionEvent,
  type SessionState,
  type SignedUrl,
} from './recording-session';

/**
 * Recordings of this window: one plays at a time (an agent hears one conversation), the others
 * remember where they were. The session rules live in recording-session.ts; this module runs
 * its commands against the host (signed URLs) and the window's one <audio> element.
 */

export type DownloadState =
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved'; readonly path: string }
  | { readonly kind: 'failed'; readonly error: AppError };

export interface RecordingPlaybackState {
  /** The recording in the media element, if any. */
  readonly session: SessionState | null;
  /** Recordings played before, by media: resume position, duration and a URL that may still work. */
  readonly remembered: Readonly<Record<string, RememberedRecording>>;
  /** The agent's speed, for every recording. */
  readonly rate: PlaybackRate;
  readonly downloads: Readonly<Record<string, DownloadState>>;
}

export const initialPlaybackState: RecordingPlaybackState = {
  session: null,
  remembered: {},
  rate: 1,
  downloads: {},
};

export const useRecordingPlayback = create<RecordingPlaybackState>()(() => initialPlaybackState);

/** Bounds the memory of recordings heard today: the oldest are forgotten. */
const MAX_REMEMBERED = 100;

let audio: RecordingAudio | null = null;
let now: () => number = () => Date.now();

/** Tests pin the clock; the app uses the wall clock (signed URLs expire on it). */
export function setPlaybackClock(clock: () => number): void {
  now = clock;
}

function element(): RecordingAudio {
  audio ??= createRecordingAudio((event) => {
    const media = useRecordingPlayback.getState().session?.media;
    if (media !== undefined) dispatch(media, event);
  });
  return audio;
}

function parseExpiry(expiresAt: string | null): number | null {
  if (expiresAt === null) return null;
  const ms = Date.parse(expiresAt);
  return Number.isFinite(ms) ? ms : null;
}

const bridgeFailure = (): AppError =>
  appError('internal', 'The app could not ask for the recording', 'Ứng dụng không hỏi được file ghi âm');

function fetchUrl(media: string, requestId: number, fresh: boolean): void {
  antring()
    .getRecordingUrl({ media, ...(fresh ? { fresh: true } : {}) })
    .then(
      (result): SessionEvent =>
        result.ok
          ? {
              type: 'url-fetched',
              requestId,
              url: { url: result.value.url, expiresAtMs: parseExpiry(result.value.expiresAt) } satisfies SignedUrl,
            }
          : { type: 'url-failed', requestId, error: result.error },
      (): SessionEvent => ({ type: 'url-failed', requestId, error: bridgeFailure() }),
    )
    .then((event) => dispatch(media, event));
}

function run(media: string, commands: readonly SessionCommand[]): void {
  for (const command of commands) {
    if (command.type === 'fetch-url') fetchUrl(media, command.requestId, command.fresh);
    else element().run(command);
  }
}

/** Feeds one event to the session of `media`; events for a recording no longer in the element are dropped. */
function dispatch(media: string, event: SessionEvent): void {
  const session = useRecordingPlayback.getState().session;
  if (!session || session.media !== media) return;
  const { state, commands } = step(session, event, now());
  useRecordingPlayback.setState({ session: state });
  run(media, commands);
}

function remember(
  all: Readonly<Record<string, RememberedRecording>>,
  session: SessionState,
): Record<string, RememberedRecording> {
  const { [session.media]: _previous, ...rest } = all;
  const next: Record<string, RememberedRecording> = { ...rest, [session.media]: rememberSession(session) };
  const keys = Object.keys(next);
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_REMEMBERED))) delete next[key];
  return next;
}

/** Makes `media` the recording in the element (pausing and remembering the one before). */
function activate(media: string): void {
  const { session, remembered, rate } = useRecordingPlayback.getState();
  if (session?.media === media) return;
  if (session) {
    if (session.wantsToPlay || session.playing) element().run({ type: 'pause' });
    useRecordingPlayback.setState({ remembered: remember(remembered, session) });
  }
  const { [media]: before, ...others } = useRecordingPlayback.getState().remembered;
  useRecordingPlayback.setState({ session: newSession(media, rate, before), remembered: others });
}

export function playRecording(media: string): void {
  activate(media);
  dispatch(media, { type: 'play' });
}

export function pauseRecording(media: string): void {
  dispatch(media, { type: 'pause' });
}

/** Pauses whatever plays if it is one of `medias` (e.g. the screen-pop's calls, once the agent answers). */
export function pauseRecordingsOf(medias: readonly string[]): void {
  const session = useRecordingPlayback.getState().session;
  if (session && medias.includes(session.media)) dispatch(session.media, { type: 'pause' });
}

export function seekRecording(media: string, to: number): void {
  const { session, remembered } = useRecordingPlayback.getState();
  if (session?.media === media) {
    dispatch(media, { type: 'seek', to });
    return;
  }
  // Not in the element: only where it will start (nothing is fetched until it plays).
  const before = remembered[media];
  if (!before) return;
  const position = Math.min(Math.max(0, to), before.duration ?? Number.POSITIVE_INFINITY);
  useRecordingPlayback.setState({ remembered: { ...remembered, [media]: { ...before, position } } });
}

export function retryRecording(media: string): void {
  dispatch(media, { type: 'retry' });
}

export function setPlaybackRate(rate: PlaybackRate): void {
  useRecordingPlayback.setState({ rate });
  const session = useRecordingPlayback.getState().session;
  if (session) dispatch(session.media, { type: 'rate', rate });
}

export async function downloadRecording(media: string, fileName?: string): Promise<void> {
  const set = (state: DownloadState): void =>
    useRecordingPlayback.setState((s) => ({ downloads: { ...s.downloads, [media]: state } }));
  set({ kind: 'saving' });
  try {
    const result = await antring().downloadRecording({ media, ...(fileName !== undefined ? { fileName } : {}) });
    set(result.ok ? { kind: 'saved', path: result.value.path } : { kind: 'failed', error: result.error });
  } catch {
    set({ kind: 'failed', error: bridgeFailure() });
  }
}

const mountedPlayers = new Map<string, number>();

/**
 * A player of `media` is on screen. When the last one goes (its card closed, its row gone),
 * the recording pauses: audio must never play without a control to stop it.
 */
export function showPlayer(media: string): () => void {
  mountedPlayers.set(media, (mountedPlayers.get(media) ?? 0) + 1);
  return () => {
    const left = (mountedPlayers.get(media) ?? 1) - 1;
    if (left > 0) mountedPlayers.set(media, left);
    else mountedPlayers.delete(media);
    // After the commit: a player re-mounted in the same render (new key, StrictMode) counts again.
    queueMicrotask(() => {
      if (!mountedPlayers.has(media)) pauseRecording(media);
    });
  };
}

/** What one player shows. */
export type PlayerStatus = 'idle' | 'loading' | 'playing' | 'paused' | 'failed';

export interface PlayerView {
  readonly status: PlayerStatus;
  /** Pause is offered (playing, or about to). */
  readonly active: boolean;
  readonly position: number;
  readonly duration: number | null;
  readonly error: SessionError | null;
}

const IDLE_VIEW: PlayerView = { status: 'idle', active: false, position: 0, duration: null, error: null };

export function selectPlayerView(state: RecordingPlaybackState, media: string): PlayerView {
  const session = state.session;
  if (!session || session.media !== media) {
    const before = state.remembered[media];
    return before ? { ...IDLE_VIEW, position: before.position, duration: before.duration } : IDLE_VIEW;
  }
  const { phase } = session;
  const status: PlayerStatus =
    phase.kind === 'failed'
      ? 'failed'
      : phase.kind === 'fetching' || phase.kind === 'loading'
        ? session.wantsToPlay
          ? 'loading'
          : 'paused'
        : phase.kind === 'idle'
          ? 'idle'
          : session.playing
            ? 'playing'
            : 'paused';
  return {
    status,
    active: session.wantsToPlay,
    position: session.position,
    duration: session.duration,
    error: phase.kind === 'failed' ? phase.error : null,
  };
}

/** Tests start from nothing: no session, no element. */
export function resetRecordingPlayback(): void {
  audio?.element.remove();
  audio = null;
  mountedPlayers.clear();
  useRecordingPlayback.setState(initialPlaybackState, true);
}
