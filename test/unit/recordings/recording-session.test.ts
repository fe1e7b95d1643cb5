import { describe, expect, it } from 'vitest';
import {
  EXPIRY_MARGIN_MS,
  RECOVERY_EARNED_AFTER_S,
  newSession,
  rememberSession,
  step,
  type SessionCommand,
  type SessionEvent,
  type SessionState,
  type SignedUrl,
} from '../../../src/renderer/src/features/recordings/recording-session';
import { appError } from '../../../src/shared/errors';

/**
 * The signed-URL rules of the player, event by event, on an explicit clock: every assertion
 * names the commands the player would run against the host and the <audio> element.
 */

const MEDIA = 'call_recording_abc.wav';
const T0 = 1_750_000_000_000;

function signed(n: number, expiresAtMs: number | null): SignedUrl {
  return { url: `https://rec.example/${MEDIA}?Expires=${n}`, expiresAtMs };
}

/** Drives one session like the playback module does, keeping the clock and the last commands. */
class Driver {
  state: SessionState;
  commands: readonly SessionCommand[] = [];
  now = T0;

  constructor(state: SessionState = newSession(MEDIA, 1)) {
    this.state = state;
  }

  send(event: SessionEvent): readonly SessionCommand[] {
    const next = step(this.state, event, this.now);
    this.state = next.state;
    this.commands = next.commands;
    return next.commands;
  }

  /** The request id of the fetch-url command just issued. */
  fetchId(): number {
    const fetch = this.commands.find((c) => c.type === 'fetch-url');
    if (!fetch || fetch.type !== 'fetch-url') throw new Error(`no fetch-url in ${JSON.stringify(this.commands)}`);
    return fetch.requestId;
  }

  /** Plays from nothing to `position` seconds with `url`, the way a real element reports it. */
  playTo(position: number, url: SignedUrl, duration = 60): void {
    this.send({ type: 'play' });
    this.send({ type: 'url-fetched', requestId: this.fetchId(), url });
    this.send({ type: 'metadata', duration });
    this.send({ type: 'playing' });
    this.send({ type: 'time', position });
  }
}

describe('the first play', () => {
  it('asks for the URL only when the agent presses Play, then streams it and plays', () => {
    const player = new Driver();
    expect(player.state.phase.kind).toBe('idle');
    expect(player.state.url).toBeNull();

    expect(player.send({ type: 'play' })).toEqual([{ type: 'fetch-url', requestId: 1, fresh: false }]);
    expect(player.send({ type: 'url-fetched', requestId: 1, url: signed(1, T0 + 600_000) })).toEqual([
      { type: 'load', url: signed(1, 0).url },
    ]);
    expect(player.send({ type: 'metadata', duration: 42.5 })).toEqual([
      { type: 'set-rate', rate: 1 },
      { type: 'play' },
    ]);
    player.send({ type: 'playing' });
    expect(player.state).toMatchObject({ duration: 42.5, playing: true, phase: { kind: 'ready' } });
  });

  it('a URL that arrives after a newer request was made is ignored', () => {
    const player = new Driver();
    player.send({ type: 'play' });
    expect(player.send({ type: 'url-fetched', requestId: 7, url: signed(1, T0 + 600_000) })).toEqual([]);
    expect(player.state.phase).toEqual({ kind: 'fetching', requestId: 1 });
  });

  it('when the host cannot give a URL the player fails with its reason, and Retry asks again for a new one', () => {
    const player = new Driver();
    player.send({ type: 'play' });
    const error = appError('rejected', 'AntBuddy refused: Recording not found', 'AntBuddy từ chối', { status: 400 });
    expect(player.send({ type: 'url-failed', requestId: 1, error })).toEqual([]);
    expect(player.state.phase).toEqual({ kind: 'failed', error: { kind: 'url', error } });
    expect(player.send({ type: 'retry' })).toEqual([{ type: 'fetch-url', requestId: 2, fresh: true }]);
  });

  it('pausing while the URL is on its way loads it without playing', () => {
    const player = new Driver();
    player.send({ type: 'play' });
    player.send({ type: 'pause' });
    player.send({ type: 'url-fetched', requestId: 1, url: signed(1, T0 + 600_000) });
    expect(player.send({ type: 'metadata', duration: 30 })).toEqual([{ type: 'set-rate', rate: 1 }]);
  });
});

describe('an expired URL is replaced before play and seek', () => {
  it('play after the URL expired fetches a new one first, then resumes at the same position and speed', () => {
    const player = new Driver();
    player.playTo(12.5, signed(1, T0 + 60_000));
    player.send({ type: 'rate', rate: 1.5 });
    player.send({ type: 'pause' });
    player.send({ type: 'paused' });

    player.now = T0 + 61_000;
    expect(player.send({ type: 'play' })).toEqual([{ type: 'fetch-url', requestId: 2, fresh: false }]);
    expect(player.send({ type: 'url-fetched', requestId: 2, url: signed(2, player.now + 60_000) })).toEqual([
      { type: 'load', url: signed(2, 0).url },
    ]);
    // The new source reports from 0 until it is positioned: that must not move the playhead.
    player.send({ type: 'time', position: 0 });
    expect(player.send({ type: 'metadata', duration: 60 })).toEqual([
      { type: 'set-rate', rate: 1.5 },
      { type: 'seek', to: 12.5 },
      { type: 'play' },
    ]);
  });

  it('a URL within the margin of its expiry counts as expired', () => {
    const player = new Driver();
    player.playTo(3, signed(1, T0 + 60_000));
    player.send({ type: 'pause' });
    player.send({ type: 'paused' });
    player.now = T0 + 60_000 - EXPIRY_MARGIN_MS + 1;
    expect(player.send({ type: 'play' })).toEqual([{ type: 'fetch-url', requestId: 2, fresh: false }]);
  });

  it('a URL still valid is reused: play and seek go straight to the element', () => {
    const player = new Driver();
    player.playTo(3, signed(1, T0 + 60_000));
    player.send({ type: 'pause' });
    player.send({ type: 'paused' });
    player.now = T0 + 30_000;
    expect(player.send({ type: 'seek', to: 20 })).toEqual([{ type: 'seek', to: 20 }]);
    expect(player.send({ type: 'play' })).toEqual([{ type: 'play' }]);
  });

  it('seeking while playing with an expired URL holds the element, then resumes at the new place', () => {
    const player = new Driver();
    player.playTo(5, signed(1, T0 + 10_000));
    player.now = T0 + 20_000;
    expect(player.send({ type: 'seek', to: 40 })).toEqual([
      { type: 'pause' },
      { type: 'fetch-url', requestId: 2, fresh: false },
    ]);
    // The pause the hold causes is not the agent's: playback goes on once the URL is back.
    player.send({ type: 'paused' });
    expect(player.state.wantsToPlay).toBe(true);
    player.send({ type: 'url-fetched', requestId: 2, url: signed(2, player.now + 60_000) });
    expect(player.send({ type: 'metadata', duration: 60 })).toEqual([
      { type: 'set-rate', rate: 1 },
      { type: 'seek', to: 40 },
      { type: 'play' },
    ]);
  });

  it('a URL that does not say when it expires is kept until it fails', () => {
    const player = new Driver();
    player.playTo(3, signed(1, null));
    player.send({ type: 'pause' });
    player.send({ type: 'paused' });
    player.now = T0 + 24 * 3_600_000;
    expect(player.send({ type: 'play' })).toEqual([{ type: 'play' }]);
  });

  it('a freshly fetched URL is used even when it is already inside the margin (a very short-lived URL)', () => {
    const player = new Driver();
    player.send({ type: 'play' });
    expect(player.send({ type: 'url-fetched', requestId: 1, url: signed(1, T0 + 2_000) })).toEqual([
      { type: 'load', url: signed(1, 0).url },
    ]);
  });

  it('a recording played before resumes where it was, asking for a new URL only if its old one expired', () => {
    const first = new Driver();
    first.playTo(17, signed(1, T0 + 60_000));
    const remembered = rememberSession(first.state);

    const soon = new Driver(newSession(MEDIA, 1.25, remembered));
    soon.now = T0 + 10_000;
    expect(soon.send({ type: 'play' })).toEqual([{ type: 'load', url: signed(1, 0).url }]);
    expect(soon.send({ type: 'metadata', duration: 60 })).toEqual([
      { type: 'set-rate', rate: 1.25 },
      { type: 'seek', to: 17 },
      { type: 'play' },
    ]);

    const later = new Driver(newSession(MEDIA, 1, remembered));
    later.now = T0 + 120_000;
    expect(later.send({ type: 'play' })).toEqual([{ type: 'fetch-url', requestId: 1, fresh: false }]);
  });
});

describe('a media error (the server refused the URL in between)', () => {
  it('fetches a brand-new URL once, transparently, and resumes at the same position and speed', () => {
    const player = new Driver();
    player.playTo(21.25, signed(1, T0 + 600_000));
    player.send({ type: 'rate', rate: 2 });

    // main's cache would hand back the URL that just failed: this one must bypass it.
    expect(player.send({ type: 'media-error' })).toEqual([{ type: 'fetch-url', requestId: 2, fresh: true }]);
    expect(player.state.wantsToPlay).toBe(true);
    expect(player.send({ type: 'url-fetched', requestId: 2, url: signed(2, T0 + 600_000) })).toEqual([
      { type: 'load', url: signed(2, 0).url },
    ]);
    expect(player.send({ type: 'metadata', duration: 60 })).toEqual([
      { type: 'set-rate', rate: 2 },
      { type: 'seek', to: 21.25 },
      { type: 'play' },
    ]);
    player.send({ type: 'playing' });
    expect(player.state.phase.kind).toBe('ready');
  });

  it('a paused recording that errors stays paused after the recovery, at its position', () => {
    const player = new Driver();
    player.playTo(8, signed(1, T0 + 600_000));
    player.send({ type: 'pause' });
    player.send({ type: 'paused' });
    player.send({ type: 'media-error' });
    player.send({ type: 'url-fetched', requestId: player.fetchId(), url: signed(2, T0 + 600_000) });
    expect(player.send({ type: 'metadata', duration: 60 })).toEqual([
      { type: 'set-rate', rate: 1 },
      { type: 'seek', to: 8 },
    ]);
  });

  it('a second failure in a row shows the error (no loop), and Retry starts over with a new URL', () => {
    const player = new Driver();
    player.playTo(4, signed(1, T0 + 600_000));
    player.send({ type: 'media-error' });
    player.send({ type: 'url-fetched', requestId: player.fetchId(), url: signed(2, T0 + 600_000) });
    // The new URL fails too, while loading.
    expect(player.send({ type: 'media-error' })).toEqual([]);
    expect(player.state.phase).toEqual({ kind: 'failed', error: { kind: 'media' } });
    expect(player.state.wantsToPlay).toBe(false);
    // Stray element events change nothing.
    expect(player.send({ type: 'media-error' })).toEqual([]);
    expect(player.send({ type: 'time', position: 0 })).toEqual([]);
    expect(player.state.position).toBe(4);

    expect(player.send({ type: 'retry' })).toEqual([{ type: 'fetch-url', requestId: 3, fresh: true }]);
    player.send({ type: 'url-fetched', requestId: 3, url: signed(3, T0 + 600_000) });
    expect(player.send({ type: 'metadata', duration: 60 })).toEqual([
      { type: 'set-rate', rate: 1 },
      { type: 'seek', to: 4 },
      { type: 'play' },
    ]);
  });

  it('failing again right after the resume point is a failure; failing after playing on earns a new recovery', () => {
    const stuck = new Driver();
    stuck.playTo(10, signed(1, T0 + 600_000));
    stuck.send({ type: 'media-error' });
    stuck.send({ type: 'url-fetched', requestId: stuck.fetchId(), url: signed(2, T0 + 600_000) });
    stuck.send({ type: 'metadata', duration: 60 });
    stuck.send({ type: 'playing' });
    stuck.send({ type: 'time', position: 10 + RECOVERY_EARNED_AFTER_S - 1 });
    stuck.send({ type: 'media-error' });
    expect(stuck.state.phase.kind).toBe('failed');

    const long = new Driver();
    long.playTo(10, signed(1, T0 + 600_000));
    long.send({ type: 'media-error' });
    long.send({ type: 'url-fetched', requestId: long.fetchId(), url: signed(2, T0 + 600_000) });
    long.send({ type: 'metadata', duration: 60 });
    long.send({ type: 'playing' });
    long.send({ type: 'time', position: 10 + RECOVERY_EARNED_AFTER_S });
    expect(long.send({ type: 'media-error' })).toEqual([{ type: 'fetch-url', requestId: 3, fresh: true }]);
  });

  it('pressing Play again gives a new recovery', () => {
    const player = new Driver();
    player.playTo(10, signed(1, T0 + 600_000));
    player.send({ type: 'media-error' });
    player.send({ type: 'url-fetched', requestId: player.fetchId(), url: signed(2, T0 + 600_000) });
    player.send({ type: 'metadata', duration: 60 });
    player.send({ type: 'pause' });
    player.send({ type: 'paused' });
    player.send({ type: 'play' });
    expect(player.send({ type: 'media-error' })).toEqual([{ type: 'fetch-url', requestId: 3, fresh: true }]);
  });
});

describe('the end and the speed', () => {
  it('play after the end starts again from the beginning', () => {
    const player = new Driver();
    player.playTo(59, signed(1, T0 + 600_000));
    player.send({ type: 'ended' });
    expect(player.state).toMatchObject({ ended: true, position: 60, wantsToPlay: false });
    expect(player.send({ type: 'play' })).toEqual([{ type: 'seek', to: 0 }, { type: 'play' }]);
    expect(player.state.position).toBe(0);
  });

  it('the speed chosen before the first play applies once the recording loads', () => {
    const player = new Driver();
    expect(player.send({ type: 'rate', rate: 1.25 })).toEqual([]);
    player.send({ type: 'play' });
    player.send({ type: 'url-fetched', requestId: 1, url: signed(1, T0 + 600_000) });
    expect(player.send({ type: 'metadata', duration: 60 })).toEqual([
      { type: 'set-rate', rate: 1.25 },
      { type: 'play' },
    ]);
  });

  it('seeks are kept inside the recording', () => {
    const player = new Driver();
    player.playTo(1, signed(1, T0 + 600_000), 30);
    expect(player.send({ type: 'seek', to: 99 })).toEqual([{ type: 'seek', to: 30 }]);
    expect(player.send({ type: 'seek', to: -5 })).toEqual([{ type: 'seek', to: 0 }]);
  });
});
