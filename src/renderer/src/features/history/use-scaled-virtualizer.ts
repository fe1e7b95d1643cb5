import { useVirtualizer, type Rect, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ScaledScrollSurface, scrollScale } from './scaled-scroll';

export interface ScaledVirtualizer {
  readonly virtualizer: Virtualizer<HTMLDivElement, HTMLDivElement>;
  /** Ref for the scrolling element. */
  readonly scrollerRef: (element: HTMLDivElement | null) => void;
  /** Ref for the box the rows are drawn in (see ScaledScrollSurface.attachLayer). */
  readonly layerRef: (element: HTMLDivElement | null) => void;
  /** Height of the real scrolling box. */
  readonly realTotal: number;
  /** Virtual top of the layer: each row is drawn at `start - base`. */
  readonly base: number;
  /** Scrolls to a virtual offset (0: the top). */
  scrollTo(offset: number): void;
}

/** The element's size, observed on the element itself (the surface is not an Element). */
function observeRect(element: HTMLElement | null, cb: (rect: Rect) => void): (() => void) | undefined {
  if (!element) return undefined;
  const report = (): void => cb({ width: element.clientWidth, height: element.clientHeight });
  report();
  if (typeof ResizeObserver === 'undefined') return undefined;
  const observer = new ResizeObserver(report);
  observer.observe(element);
  return () => observer.disconnect();
}

/**
 * @tanstack/react-virtual over a ScaledScrollSurface: the list can be taller than a browser
 * can lay out (a million calls) and still scroll smoothly row by row.
 */
export function useScaledVirtualizer(count: number, rowHeight: number, overscan = 6): ScaledVirtualizer {
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  const layer = useRef<HTMLDivElement | null>(null);
  const surface = useMemo(() => (element ? new ScaledScrollSurface(element) : null), [element]);
  useEffect(() => () => surface?.dispose(), [surface]);

  const virtualizer = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count,
    // The virtualizer reads offsets and sizes from whatever it is given; the surface answers
    // with the list's own coordinates (see scaled-scroll). Its other members are the element's.
    getScrollElement: () => surface as unknown as HTMLDivElement | null,
    estimateSize: () => rowHeight,
    overscan,
    observeElementRect: (_instance, cb) => observeRect(element, cb),
  });

  const total = virtualizer.getTotalSize();
  const viewport = element?.clientHeight ?? 0;
  const { realTotal } = scrollScale(total, viewport);
  const items = virtualizer.getVirtualItems();
  const base = items[0]?.start ?? 0;

  useLayoutEffect(() => {
    surface?.setVirtualTotal(total);
    surface?.attachLayer(layer.current, base);
  });

  const layerRef = useCallback((node: HTMLDivElement | null) => {
    layer.current = node;
  }, []);
  const scrollTo = useCallback((offset: number) => surface?.moveTo(offset), [surface]);

  return { virtualizer, scrollerRef: setElement, layerRef, realTotal, base, scrollTo };
}
