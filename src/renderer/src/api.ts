import { useEffect } from 'react';
import type { AntringApi, EventName, EventPayload, Unsubscribe } from '../../shared/contract';

declare global {
  interface Window {
    /** Installed by the host before the app runs: the Electron preload or the web host bridge. */
    readonly antring: AntringApi;
  }
}

/** The renderer's only door to the outside world. Read at call time, so tests can install a fake host. */
export function antring(): AntringApi {
  return window.antring;
}

/**
 * Subscribes to one host event. A host without that event (an older host, or a partial test
 * fake) simply never calls back, rather than breaking the screen.
 */
export function onHostEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): Unsubscribe {
  const subscribe = antring().on[name] as ((listener: (payload: EventPayload<E>) => void) => Unsubscribe) | undefined;
  return typeof subscribe === 'function' ? subscribe(listener) : () => undefined;
}

/**
 * Keeps a store in step with the host: subscribe first (so nothing pushed during the first
 * load is lost), then load the current value; unsubscribe on unmount.
 */
export function useHostSync(follow: () => Unsubscribe, load: () => Promise<void>): void {
  useEffect(() => {
    const stop = follow();
    void load();
    return stop;
  }, [follow, load]);
}
