import type { SessionCommand, SessionEvent } from './recording-session';

/**
 * The one <audio> element of this window that plays recordings (one at a time). It lives
 * outside any player component, so a player scrolled out of a virtual list, or a screen-pop
 * card re-rendered, does not cut the audio; it is created on the first play, never on render.
 */

export interface RecordingAudio {
  run(command: SessionCommand): void;
  readonly element: HTMLAudioElement;
}

const forwarded: readonly (readonly [keyof HTMLMediaElementEventMap, (audio: HTMLAudioElement) => SessionEvent])[] = [
  ['loadedmetadata', (audio) => ({ type: 'metadata', duration: audio.duration })],
  ['timeupdate', (audio) => ({ type: 'time', position: audio.currentTime })],
  ['playing', () => ({ type: 'playing' })],
  ['pause', () => ({ type: 'paused' })],
  ['ended', () => ({ type: 'ended' })],
  ['error', () => ({ type: 'media-error' })],
];

export function createRecordingAudio(onEvent: (event: SessionEvent) => void): RecordingAudio {
  const element = document.createElement('audio');
  // Streams: the element fetches what it needs as it plays (range requests where the server allows).
  element.preload = 'auto';
  element.hidden = true;
  element.setAttribute('data-testid', 'recording-audio');
  for (const [name, toEvent] of forwarded) element.addEventListener(name, () => onEvent(toEvent(element)));
  document.body.append(element);

  function run(command: SessionCommand): void {
    switch (command.type) {
      case 'load':
        element.src = command.url;
        return;
      case 'seek':
        element.currentTime = command.to;
        return;
      case 'set-rate':
        // defaultPlaybackRate too: the next source starts at it.
        element.defaultPlaybackRate = command.rate;
        element.playbackRate = command.rate;
        return;
      case 'play':
        element.play().catch((cause: unknown) => {
          // Interrupted by a new source or a pause (AbortError) is expected; a refused autoplay
          // leaves the element paused, which the agent must see.
          if (cause instanceof DOMException && cause.name === 'NotAllowedError') onEvent({ type: 'paused' });
        });
        return;
      case 'pause':
        element.pause();
        return;
      case 'fetch-url':
        // The host's job, not the element's: the playback module runs it.
        return;
    }
  }

  return { run, element };
}
