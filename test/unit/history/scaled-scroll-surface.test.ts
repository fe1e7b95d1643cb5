// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_REAL_SCROLL_PX, ScaledScrollSurface } from '../../../src/renderer/src/features/history/scaled-scroll';

const VIEWPORT = 600;
const MILLION_ROWS_PX = 1_000_000 * 52;

/** A scrolling box as a browser lays it out: scrollTop is clamped to what its content allows. */
function scrollBox(realHeight: number): HTMLDivElement {
  const element = document.createElement('div');
  let top = 0;
  Object.defineProperty(element, 'clientHeight', { get: () => VIEWPORT });
  Object.defineProperty(element, 'scrollTop', {
    get: () => top,
    set: (value: number) => {
      top = Math.min(Math.max(0, Math.round(value)), Math.max(0, realHeight - VIEWPORT));
      element.dispatchEvent(new Event('scroll'));
    },
  });
  document.body.append(element);
  return element;
}

let surface: ScaledScrollSurface | undefined;
afterEach(() => {
  surface?.dispose();
  document.body.innerHTML = '';
});

const wheel = (element: HTMLElement, deltaY: number): WheelEvent => {
  const event = new WheelEvent('wheel', { deltaY, cancelable: true });
  element.dispatchEvent(event);
  return event;
};

describe('ScaledScrollSurface', () => {
  it('passes a list a browser can lay out straight through', () => {
    const element = scrollBox(10_000);
    surface = new ScaledScrollSurface(element);
    surface.setVirtualTotal(10_000);
    expect(surface.scaled).toBe(false);
    surface.scrollTo({ top: 1_234 });
    expect(element.scrollTop).toBe(1_234);
    expect(surface.scrollTop).toBe(1_234);
    // The browser's own wheel scrolling is left alone.
    expect(wheel(element, 100).defaultPrevented).toBe(false);
  });

  it('scrolls a million rows row by row with the wheel, and places the rows where the view is', () => {
    const element = scrollBox(MAX_REAL_SCROLL_PX);
    surface = new ScaledScrollSurface(element);
    const layer = document.createElement('div');
    element.append(layer);
    surface.setVirtualTotal(MILLION_ROWS_PX);
    expect(surface.scaled).toBe(true);
    const { ratio } = surface.scale;

    expect(wheel(element, 52).defaultPrevented).toBe(true);
    expect(surface.scrollTop).toBe(52);
    expect(element.scrollTop).toBe(Math.round(52 / ratio));
    wheel(element, 52);
    expect(surface.scrollTop).toBe(104);

    // Rows drawn from virtual 104 on sit at the top of the view, whatever the real offset is.
    surface.attachLayer(layer, 104);
    expect(Number.parseFloat(layer.style.top)).toBe(element.scrollTop);
  });

  it('follows the scrollbar proportionally and reaches the very last row with End', () => {
    const element = scrollBox(MAX_REAL_SCROLL_PX);
    surface = new ScaledScrollSurface(element);
    surface.setVirtualTotal(MILLION_ROWS_PX);
    element.scrollTop = (MAX_REAL_SCROLL_PX - VIEWPORT) / 2;
    expect(surface.scrollTop).toBeCloseTo((MILLION_ROWS_PX - VIEWPORT) / 2, -1);

    element.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', cancelable: true }));
    expect(surface.scrollTop).toBe(MILLION_ROWS_PX - VIEWPORT);
    expect(element.scrollTop).toBe(MAX_REAL_SCROLL_PX - VIEWPORT);
    element.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', cancelable: true }));
    expect(surface.scrollTop).toBe(MILLION_ROWS_PX - VIEWPORT - 40);
    element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', cancelable: true }));
    expect(surface.scrollTop).toBe(0);
  });

  it('leaves keys to a focused control inside the list (a recording’s slider)', () => {
    const element = scrollBox(MAX_REAL_SCROLL_PX);
    surface = new ScaledScrollSurface(element);
    surface.setVirtualTotal(MILLION_ROWS_PX);
    const slider = document.createElement('input');
    element.append(slider);
    const key = new KeyboardEvent('keydown', { key: 'End', cancelable: true, bubbles: true });
    slider.dispatchEvent(key);
    expect(key.defaultPrevented).toBe(false);
    expect(surface.scrollTop).toBe(0);
  });
});
