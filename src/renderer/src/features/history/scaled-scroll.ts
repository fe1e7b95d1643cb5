/**
 * A million calls at 48 px is 48 million pixels, and Chromium lays out at most about 33.5
 * million (a larger box is silently clipped, and the oldest calls become unreachable). So the
 * list scrolls a real box of at most MAX_REAL_SCROLL_PX and maps its position onto the list's
 * own ("virtual") coordinates. Below that size the two are the same and nothing is mapped.
 *
 * The virtualizer is handed a ScaledScrollSurface instead of the element: it reads and writes
 * virtual offsets, while the element scrolls its real, smaller box. Wheel and keyboard scrolling
 * move the virtual offset by the pixels asked (rows scroll at their normal speed); dragging the
 * scrollbar moves through the whole list proportionally.
 */

export const MAX_REAL_SCROLL_PX = 8_000_000;

export interface ScrollScale {
  /** Height of the real scrolling box. */
  readonly realTotal: number;
  /** Virtual pixels per real pixel of scrolling (1 when nothing is scaled). */
  readonly ratio: number;
}

export function scrollScale(virtualTotal: number, viewport: number, maxReal = MAX_REAL_SCROLL_PX): ScrollScale {
  if (virtualTotal <= maxReal || maxReal <= viewport) return { realTotal: virtualTotal, ratio: 1 };
  return { realTotal: maxReal, ratio: (virtualTotal - viewport) / (maxReal - viewport) };
}

/** Pixels one key press scrolls (what browsers do natively), in the list's own coordinates. */
export function keyScrollDelta(key: string, viewport: number, offset: number, maxOffset: number): number | undefined {
  switch (key) {
    case 'ArrowDown':
      return 40;
    case 'ArrowUp':
      return -40;
    case 'PageDown':
    case ' ':
      return Math.max(40, viewport * 0.875);
    case 'PageUp':
      return -Math.max(40, viewport * 0.875);
    case 'Home':
      return -offset;
    case 'End':
      return maxOffset - offset;
    default:
      return undefined;
  }
}

/** WheelEvent.deltaMode: pixels, lines or pages. */
export function wheelPixels(deltaY: number, deltaMode: number, viewport: number): number {
  if (deltaMode === 1) return deltaY * 40;
  if (deltaMode === 2) return deltaY * viewport;
  return deltaY;
}

type Listener = Parameters<HTMLElement['addEventListener']>[1];
type ListenerOptions = Parameters<HTMLElement['addEventListener']>[2];

/**
 * The scroll element as the virtualizer sees it: the element's size and events, with the
 * scroll position and height of the virtual list. Everything else is the element's own.
 */
export class ScaledScrollSurface {
  private virtualTotal = 0;
  private offset = 0;
  /** The real scrollTop our own last write should produce (its scroll event is not the user's). */
  private expectedReal: number | null = null;
  private readonly stops: (() => void)[] = [];
  /** The box the rendered rows sit in, and the virtual offset its top stands for. */
  private layer: HTMLElement | null = null;
  private layerBase = 0;

  constructor(readonly element: HTMLElement) {
    // Registered before the virtualizer's listener: the offset is current when it reads it.
    const onScroll = (): void => this.followElement();
    element.addEventListener('scroll', onScroll, { passive: true });
    const onWheel = (event: WheelEvent): void => this.onWheel(event);
    element.addEventListener('wheel', onWheel, { passive: false });
    const onKey = (event: KeyboardEvent): void => this.onKey(event);
    element.addEventListener('keydown', onKey);
    this.stops.push(
      () => element.removeEventListener('scroll', onScroll),
      () => element.removeEventListener('wheel', onWheel),
      () => element.removeEventListener('keydown', onKey),
    );
  }

  dispose(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  get scale(): ScrollScale {
    return scrollScale(this.virtualTotal, this.element.clientHeight);
  }

  get scaled(): boolean {
    return this.scale.ratio > 1;
  }

  /** The list's height changed (rows arrived, a row grew): keeps the same place in the list. */
  setVirtualTotal(total: number): void {
    if (total === this.virtualTotal) return;
    this.virtualTotal = total;
    if (this.scaled) this.writeReal();
    else this.offset = this.element.scrollTop;
    this.placeLayer();
  }

  /**
   * The rendered rows sit in `layer`, each at its virtual top minus `base` (small numbers:
   * millions of pixels lose precision in transforms). The layer itself is moved to where virtual
   * `base` is on screen, on every scroll, without waiting for React: between two ranges the
   * virtualizer does not re-render, and scaled rows must still move at their own speed.
   */
  attachLayer(layer: HTMLElement | null, base: number): void {
    this.layer = layer;
    this.layerBase = base;
    this.placeLayer();
  }

  private placeLayer(): void {
    if (this.layer) this.layer.style.top = `${this.element.scrollTop - this.offset + this.layerBase}px`;
  }

  // ---- the element surface the virtualizer reads ----

  get scrollTop(): number {
    return this.offset;
  }

  get scrollLeft(): number {
    return 0;
  }

  get scrollHeight(): number {
    return Math.max(this.virtualTotal, this.element.clientHeight);
  }

  get scrollWidth(): number {
    return this.element.scrollWidth;
  }

  get clientHeight(): number {
    return this.element.clientHeight;
  }

  get clientWidth(): number {
    return this.element.clientWidth;
  }

  get ownerDocument(): Document {
    return this.element.ownerDocument;
  }

  get style(): CSSStyleDeclaration {
    return this.element.style;
  }

  addEventListener(type: string, listener: Listener, options?: ListenerOptions): void {
    this.element.addEventListener(type, listener, options);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.element.removeEventListener(type, listener);
  }

  scrollTo(options: ScrollToOptions): void {
    if (typeof options.top === 'number') this.moveTo(options.top);
  }

  // ---- scrolling ----

  private get maxOffset(): number {
    return Math.max(0, this.virtualTotal - this.element.clientHeight);
  }

  /** Scrolls to a virtual offset; tells listeners even when the real box could not move a pixel. */
  moveTo(virtualOffset: number): void {
    const next = Math.min(Math.max(0, virtualOffset), this.maxOffset);
    if (!this.scaled) {
      this.element.scrollTop = next;
      this.offset = this.element.scrollTop;
      this.placeLayer();
      return;
    }
    this.offset = next;
    const before = this.element.scrollTop;
    this.writeReal();
    this.placeLayer();
    // A sub-pixel move leaves scrollTop as it was, and no scroll event would say the list moved.
    if (Math.abs(this.element.scrollTop - before) < 0.5) this.element.dispatchEvent(new Event('scroll'));
  }

  private writeReal(): void {
    const real = Math.round(this.offset / this.scale.ratio);
    this.expectedReal = real;
    this.element.scrollTop = real;
  }

  private followElement(): void {
    const real = this.element.scrollTop;
    if (!this.scaled) {
      this.offset = real;
    } else if (this.expectedReal === null || Math.abs(real - this.expectedReal) > 1) {
      // The echo of our own write keeps the precise virtual offset; anything else is the scrollbar.
      this.expectedReal = null;
      this.offset = Math.min(real * this.scale.ratio, this.maxOffset);
    }
    this.placeLayer();
  }

  private onWheel(event: WheelEvent): void {
    if (!this.scaled || event.ctrlKey || event.deltaY === 0) return;
    event.preventDefault();
    this.moveTo(this.offset + wheelPixels(event.deltaY, event.deltaMode, this.element.clientHeight));
  }

  private onKey(event: KeyboardEvent): void {
    // Only when the list itself has focus: a row's buttons and the player's slider keep their keys.
    if (!this.scaled || event.target !== this.element || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key === ' ' && event.shiftKey ? 'PageUp' : event.key;
    const delta = keyScrollDelta(key, this.element.clientHeight, this.offset, this.maxOffset);
    if (delta === undefined) return;
    event.preventDefault();
    this.moveTo(this.offset + delta);
  }
}
