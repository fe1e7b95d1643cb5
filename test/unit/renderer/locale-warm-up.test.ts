// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { warmLocaleDataWhenIdle } from '../../../src/renderer/src/app/locale-warm-up';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('warmLocaleDataWhenIdle', () => {
  it('creates a date formatter for each UI language only once the page is idle', () => {
    const idle: (() => void)[] = [];
    // happy-dom has no idle callbacks: the page's own, played by hand.
    vi.stubGlobal('requestIdleCallback', (callback: IdleRequestCallback) => {
      idle.push(() => callback({ didTimeout: false, timeRemaining: () => 50 }));
      return idle.length;
    });
    const Real = Intl.DateTimeFormat;
    const made: unknown[] = [];
    vi.stubGlobal('Intl', {
      NumberFormat: Intl.NumberFormat,
      DateTimeFormat: function (locale: string, options?: Intl.DateTimeFormatOptions) {
        made.push(locale);
        return new Real(locale, options);
      },
    });
    warmLocaleDataWhenIdle();
    expect(made).toEqual([]);
    expect(idle).toHaveLength(1);
    idle[0]?.();
    expect(made).toEqual(['vi-VN', 'en-GB']);
  });

  it('can be cancelled before the page is idle', () => {
    vi.stubGlobal('requestIdleCallback', () => 7);
    const cancel = vi.fn();
    vi.stubGlobal('cancelIdleCallback', cancel);
    warmLocaleDataWhenIdle()();
    expect(cancel).toHaveBeenCalledWith(7);
  });
});
