import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';

/**
 * A part of the frame the Phone screen does not need to be usable (a banner, the screen pops,
 * the dial prompts): in a chunk of its own, fetched from the first render, shown once it is
 * here. Until then it shows nothing, and never holds back the rest of the frame. Each of these
 * loads its current state from the host when it mounts, so nothing it shows is lost meanwhile.
 */
export function deferredPanel(load: () => Promise<ComponentType>): ComponentType {
  const Loaded = lazy(() => load().then((component) => ({ default: component })));
  return function DeferredPanel(): ReactElement {
    return (
      <Suspense fallback={null}>
        <Loaded />
      </Suspense>
    );
  };
}
