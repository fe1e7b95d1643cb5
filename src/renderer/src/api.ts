import type { AntringApi } from '../../shared/contract';

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
