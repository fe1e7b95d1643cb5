import type { TimerClock } from './timer-clock';

/**
 * How long the media path may stay `disconnected` before the call is given up. The browser
 * says `disconnected` a few seconds after the last packet from the far end; a Wi-Fi hiccup or
 * a busy far end comes back well within this. A path that stays down longer is a far end that
 * is gone (it hung up and its BYE was lost with our signalling connection, or its network
 * died): a professional phone ends such a call instead of showing "on the call" forever.
 */
export const MEDIA_LOST_AFTER_MS = 10_000;

/** What the two state machines of an RTCPeerConnection say about its media, in one word. */
export type MediaPathHealth = 'up' | 'disconnected' | 'failed';

/** The parts of RTCPeerConnection this watch reads (a fake in unit tests). */
export type WatchedConnection = Pick<
  RTCPeerConnection,
  'iceConnectionState' | 'connectionState' | 'addEventListener' | 'removeEventListener'
>;

/**
 * `failed` when ICE or DTLS gave up (no recovery without an ICE restart, which JsSIP never
 * does); `disconnected` while either reports it; `up` otherwise. `new`, `checking` and
 * `closed` count as up: connecting is JsSIP's and the browser's business (ICE fails by itself
 * when it cannot connect), and JsSIP closes the connection itself when the call ends.
 */
export function mediaPathHealth(connection: WatchedConnection): MediaPathHealth {
  const { iceConnectionState: ice, connectionState: peer } = connection;
  if (ice === 'failed' || peer === 'failed') return 'failed';
  if (ice === 'disconnected' || peer === 'disconnected') return 'disconnected';
  return 'up';
}

/**
 * Calls `onLost` once when the call's media path is lost for good: failed, or disconnected
 * for MEDIA_LOST_AFTER_MS without coming back. Returns the function that stops watching.
 */
export function watchMediaPath(connection: WatchedConnection, clock: TimerClock, onLost: () => void): () => void {
  let timer: unknown = null;
  let done = false;
  const cancel = (): void => {
    if (timer === null) return;
    clock.clearTimeout(timer);
    timer = null;
  };
  const stop = (): void => {
    done = true;
    cancel();
    connection.removeEventListener('iceconnectionstatechange', check);
    connection.removeEventListener('connectionstatechange', check);
  };
  const lost = (): void => {
    stop();
    onLost();
  };
  function check(): void {
    if (done) return;
    const health = mediaPathHealth(connection);
    if (health === 'failed') {
      lost();
      return;
    }
    if (health === 'up') {
      cancel();
      return;
    }
    timer ??= clock.setTimeout(() => {
      timer = null;
      if (!done && mediaPathHealth(connection) !== 'up') lost();
    }, MEDIA_LOST_AFTER_MS);
  }
  connection.addEventListener('iceconnectionstatechange', check);
  connection.addEventListener('connectionstatechange', check);
  check();
  return stop;
}
