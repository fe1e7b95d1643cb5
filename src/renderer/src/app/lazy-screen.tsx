import { lazy, type ComponentType, type ReactElement } from 'react';

export interface LazyScreen {
  /** Renders the screen; suspends (see ScreenOutlet) while its chunk loads the first time. */
  readonly Screen: ComponentType;
  /** Fetches the chunk ahead of the first visit; a failure is left for that visit to report. */
  preload(): void;
  /** Forgets a failed load, so the next render fetches the chunk again. */
  reset(): void;
}

/**
 * A screen in a chunk of its own, so the page paints before its code (and its libraries: the
 * History's virtual list, the Dashboard's chart) is even fetched. Once the chunk is here (a
 * preload, or an earlier visit) the screen renders at once: React.lazy would still suspend on
 * its first render, and React holds a revealed Suspense boundary back for up to 300 ms.
 */
export function lazyScreen(load: () => Promise<ComponentType>): LazyScreen {
  let loaded: ComponentType | null = null;
  let loading: Promise<{ default: ComponentType }> | null = null;
  const loadOnce = (): Promise<{ default: ComponentType }> =>
    (loading ??= load().then((component) => {
      loaded = component;
      return { default: component };
    }));
  let Current = lazy(loadOnce);
  return {
    Screen: function LazyScreenContent(): ReactElement {
      const Loaded = loaded;
      return Loaded ? <Loaded /> : <Current />;
    },
    preload() {
      loadOnce().catch(() => undefined);
    },
    reset() {
      // React.lazy keeps a rejected load for good: only a new one tries again.
      loading = null;
      Current = lazy(loadOnce);
    },
  };
}
