import type { AppError } from '../../../../shared/errors';

/**
 * The playing side of one recording, as a pure state machine: events in (what the agent did,
 * what the host answered, what the media element reported) and commands out (fetch a URL, load
 * it, seek, play...). No DOM and no clock of its own (`nowMs` comes with every event), so the
 * rules about short-lived signed URLs can be tested exactly:
 *
 * - the URL is asked for on the first play, never on render;
 * - before every play and seek, a URL past its `Expires` (or within EXPIRY_MARGIN_MS of it) is
 *   replaced first, and playback continues where it was;
 * - when the media element fails anyway (the server refused the URL in between, e.g. 403), a
 *   new URL is fetched once, bypassing main's cache, and playback resumes at the same position
 *   and speed; a second failure in a row is shown, with Retry.
 */

export const PLAYBACK_RATES = [1, 1.25, 1.5, 2] as const;
export type PlaybackRate = (typeof PLAYBACK_RATES)[number];

export function isPlaybackRate(value: number): value is PlaybackRate {
  return (PLAYBACK_RATES as readonly number[]).includes(value);
}

export interface SignedUrl {
  readonly url: string;
  /** Epoch ms the URL stops working, or null when it does not say (then only a failure replaces it). */
  readonly expiresAtMs: number | null;
}

/** A URL this close to its expiry is replaced before use: the bytes a play or seek needs must still come. */
export const EXPIRY_MARGIN_MS = 5_000;

/**
 * After a transparent recovery, playing this far past the point it resumed from earns another
 * one (a long recording can outlive several URLs); failing again before that is a real failure
 * (e.g. a file that breaks at the same place), not a reason to loop.
 */
export const RECOVERY_EARNED_AFTER_S = 5;

export type SessionError =
  | { readonly kind: 'url'; readonly error: AppError }
  /** The media element could not play the recording, even with a new URL. */
  | { readonly kind: 'media' };

export type SessionPhase =
  /** Nothing of this recording is in the media element. */
  | { readonly kind: 'idle' }
  /** Waiting for the host's signed URL; only the answer to `requestId` counts. */
  | { readonly kind: 'fetching'; readonly requestId: number }
  /** The element has the URL and is reading the recording's header. */
  | { readonly kind: 'loading' }
  /** Duration known: the element plays or pauses as asked. */
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly error: SessionError };

export interface SessionState {
  readonly media: string;
  readonly phase: SessionPhase;
  readonly url: SignedUrl | null;
  /** Seconds: where playback is, or where it will resume. */
  readonly position: number;
  /** Seconds, once the element has read it. */
  readonly duration: number | null;
  readonly rate: PlaybackRate;
  /** What the agent asked for; the element follows once it can. */
  readonly wantsToPlay: boolean;
  /** The element reported `playing` and has not paused since. */
  readonly playing: boolean;
  readonly ended: boolean;
  /** Null while a transparent recovery is available; else the position the last one resumed from. */
  readonly recoveredAt: number | null;
  readonly nextRequestId: number;
}

export type SessionEvent =
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  | { readonly type: 'seek'; readonly to: number }
  | { readonly type: 'rate'; readonly rate: PlaybackRate }
  | { readonly type: 'retry' }
  | { readonly type: 'url-fetched'; readonly requestId: number; readonly url: SignedUrl }
  | { readonly type: 'url-failed'; readonly requestId: number; readonly error: AppError }
  | { readonly type: 'metadata'; readonly duration: number }
  | { readonly type: 'time'; readonly position: number }
  | { readonly type: 'playing' }
  | { readonly type: 'paused' }
  | { readonly type: 'ended' }
  | { readonly type: 'media-error' };

export type SessionCommand =
  /** Ask the host for a signed URL; `fresh` bypasses main's cache of still-valid URLs. */
  | { readonly type: 'fetch-url'; readonly requestId: number; readonly fresh: boolean }
  /** Point the media element at this URL (it streams it; resets its speed, so set-rate follows). */
  | { readonly type: 'load'; readonly url: string }
  | { readonly type: 'seek'; readonly to: number }
  | { readonly type: 'set-rate'; readonly rate: PlaybackRate }
  | { readonly type: 'play' }
  | { readonly type: 'pause' };

export interface Step {
  readonly state: SessionState;
  readonly commands: readonly SessionCommand[];
}

/** What is kept of a recording while another one plays, so coming back resumes it. */
export interface RememberedRecording {
  readonly url: SignedUrl | null;
  readonly position: number;
  readonly duration: number | null;
}

export function newSession(media: string, rate: PlaybackRate, remembered?: RememberedRecording): SessionState {
  return {
    media,
    phase: { kind: 'idle' },
    url: remembered?.url ?? null,
    position: remembered?.position ?? 0,
    duration: remembered?.duration ?? null,
    rate,
    wantsToPlay: false,
    playing: false,
    ended: false,
    recoveredAt: null,
    nextRequestId: 1,
  };
}

export function rememberSession(state: SessionState): RememberedRecording {
  return {
    url: state.url,
    position: state.ended ? 0 : state.position,
    duration: state.duration,
  };
}

/** Whether `url` may still be handed to the media element at `nowMs`. */
export function isUsable(url: SignedUrl | null, nowMs: number): url is SignedUrl {
  return url !== null && (url.expiresAtMs === null || url.expiresAtMs - nowMs > EXPIRY_MARGIN_MS);
}

const stay = (state: SessionState): Step => ({ state, commands: [] });

function fetchUrl(state: SessionState, fresh: boolean, before: readonly SessionCommand[] = []): Step {
  const requestId = state.nextRequestId;
  // A playing element would keep moving the playhead while the URL comes: hold it where asked.
  const hold: SessionCommand[] = state.playing ? [{ type: 'pause' }] : [];
  return {
    state: { ...state, phase: { kind: 'fetching', requestId }, nextRequestId: requestId + 1, playing: false },
    commands: [...before, ...hold, { type: 'fetch-url', requestId, fresh }],
  };
}

function load(state: SessionState, url: SignedUrl): Step {
  return {
    state: { ...state, url, phase: { kind: 'loading' }, playing: false },
    commands: [{ type: 'load', url: url.url }],
  };
}

/** Plays or loads from where the session stands; the caller has already recorded the intent. */
function start(state: SessionState, nowMs: number): Step {
  if (isUsable(state.url, nowMs)) return load(state, state.url);
  return fetchUrl(state, false);
}

function clampPosition(position: number, duration: number | null): number {
  const upper = duration ?? Number.POSITIVE_INFINITY;
  return Number.isFinite(position) ? Math.min(Math.max(0, position), upper) : 0;
}

export function step(state: SessionState, event: SessionEvent, nowMs: number): Step {
  const phase = state.phase;
  switch (event.type) {
    case 'play': {
      if (phase.kind === 'failed') return step(state, { type: 'retry' }, nowMs);
      if (phase.kind === 'fetching' || phase.kind === 'loading') return stay({ ...state, wantsToPlay: true });
      // A new request from the agent: a transparent recovery is available again.
      const wanted: SessionState = {
        ...state,
        wantsToPlay: true,
        recoveredAt: null,
        ended: false,
        position: state.ended ? 0 : state.position,
      };
      if (phase.kind === 'idle') return start(wanted, nowMs);
      // Ready: a URL about to expire is replaced first; the new one resumes at `position`.
      if (!isUsable(state.url, nowMs)) return fetchUrl(wanted, false);
      return {
        state: wanted,
        commands: [...(state.ended ? [{ type: 'seek', to: 0 } as const] : []), { type: 'play' }],
      };
    }

    case 'pause':
      return {
        state: { ...state, wantsToPlay: false },
        commands: phase.kind === 'ready' ? [{ type: 'pause' }] : [],
      };

    case 'seek': {
      const to = clampPosition(event.to, state.duration);
      const moved: SessionState = { ...state, position: to, ended: false };
      // Before metadata (or without a source) the target is kept: loading seeks there.
      if (phase.kind !== 'ready') return stay(moved);
      const fresh: SessionState = { ...moved, recoveredAt: null };
      if (!isUsable(state.url, nowMs)) return fetchUrl(fresh, false);
      return { state: fresh, commands: [{ type: 'seek', to }] };
    }

    case 'rate':
      return {
        state: { ...state, rate: event.rate },
        commands: phase.kind === 'ready' || phase.kind === 'loading' ? [{ type: 'set-rate', rate: event.rate }] : [],
      };

    case 'retry': {
      if (phase.kind !== 'failed') return stay(state);
      // The last URL (or a cached copy of it) is what failed: ask the server for a new one.
      return fetchUrl({ ...state, wantsToPlay: true, recoveredAt: null, playing: false }, true);
    }

    case 'url-fetched':
      if (phase.kind !== 'fetching' || phase.requestId !== event.requestId) return stay(state);
      // Used as given even if it is already inside the margin (a very short-lived URL): asking
      // again could only bring another one just like it.
      return load(state, event.url);

    case 'url-failed':
      if (phase.kind !== 'fetching' || phase.requestId !== event.requestId) return stay(state);
      return stay({
        ...state,
        phase: { kind: 'failed', error: { kind: 'url', error: event.error } },
        wantsToPlay: false,
        playing: false,
      });

    case 'metadata': {
      if (phase.kind !== 'loading') return stay(state);
      const duration = Number.isFinite(event.duration) && event.duration > 0 ? event.duration : state.duration;
      const position = clampPosition(state.position, duration);
      const ready: SessionState = { ...state, phase: { kind: 'ready' }, duration, position };
      // A new source starts at 0 at the element's default speed: put both back.
      const commands: SessionCommand[] = [{ type: 'set-rate', rate: state.rate }];
      if (position > 0) commands.push({ type: 'seek', to: position });
      if (state.wantsToPlay) commands.push({ type: 'play' });
      return { state: ready, commands };
    }

    case 'time': {
      // While fetching or loading the element's clock is the old (or a not yet positioned) source.
      if (phase.kind !== 'ready') return stay(state);
      const position = clampPosition(event.position, state.duration);
      const earned = state.recoveredAt !== null && position >= state.recoveredAt + RECOVERY_EARNED_AFTER_S;
      return stay({ ...state, position, recoveredAt: earned ? null : state.recoveredAt });
    }

    case 'playing':
      if (phase.kind !== 'ready') return stay(state);
      return stay({ ...state, playing: true, wantsToPlay: true, ended: false });

    case 'paused':
      // Pauses while a source is swapped are the swap's, not the agent's.
      if (phase.kind !== 'ready') return stay(state);
      return stay({ ...state, playing: false, wantsToPlay: false });

    case 'ended':
      if (phase.kind !== 'ready') return stay(state);
      return stay({
        ...state,
        playing: false,
        wantsToPlay: false,
        ended: true,
        position: state.duration ?? state.position,
      });

    case 'media-error': {
      if (phase.kind !== 'loading' && phase.kind !== 'ready') return stay(state);
      if (state.recoveredAt === null) {
        // Probably the URL (expired or refused at the server): once, a brand-new one, same place.
        return fetchUrl({ ...state, recoveredAt: state.position, playing: false }, true);
      }
      return stay({
        ...state,
        phase: { kind: 'failed', error: { kind: 'media' } },
        wantsToPlay: false,
        playing: false,
      });
    }
  }
}
