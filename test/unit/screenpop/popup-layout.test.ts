import { describe, expect, it } from 'vitest';
import {
  decidePresentation,
  notificationText,
  popupBounds,
  type PopupSizing,
} from '../../../src/main/shell/popup-layout';
import type { ScreenPop } from '../../../src/shared/contract';

const sizing: PopupSizing = { width: 380, cardHeight: 300, gap: 10, margin: 12, maxCards: 3 };

const pop = (callId: string, state: ScreenPop['state'] = 'ringing'): ScreenPop => ({
  callId,
  state,
  direction: 'inbound',
  caller: { raw: '0912345678', display: '0912 345 678', e164: '+84912345678', isExtension: false },
  name: 'Lê Thị Mai',
  did: { raw: '02873019555', display: '028 7301 9555', isExtension: false },
  queue: 'Kinh doanh',
  recentCalls: [],
  ringingSince: '2025-11-27T03:00:00.000Z',
});

describe('popupBounds', () => {
  it('sits at the bottom-right of the work area', () => {
    expect(popupBounds({ x: 0, y: 0, width: 1920, height: 1040 }, 1, sizing)).toEqual({
      x: 1528,
      y: 712,
      width: 380,
      height: 316,
    });
  });

  it('respects a work area that does not start at 0 (second screen, top task bar)', () => {
    const bounds = popupBounds({ x: 1920, y: 40, width: 1280, height: 984 }, 1, sizing);
    expect(bounds.x + bounds.width).toBe(1920 + 1280 - 12);
    expect(bounds.y + bounds.height).toBe(40 + 984 - 12);
  });

  it('grows upwards for stacked calls, up to the limit', () => {
    const area = { x: 0, y: 0, width: 1920, height: 1040 };
    const one = popupBounds(area, 1, sizing);
    const two = popupBounds(area, 2, sizing);
    const five = popupBounds(area, 5, sizing);
    expect(two.height).toBe(one.height + 310);
    expect(two.y + two.height).toBe(one.y + one.height);
    expect(five).toEqual(popupBounds(area, 3, sizing));
  });

  it('never exceeds a small screen', () => {
    const bounds = popupBounds({ x: 0, y: 0, width: 300, height: 500 }, 3, sizing);
    expect(bounds).toEqual({ x: 12, y: 12, width: 276, height: 476 });
  });
});

describe('decidePresentation', () => {
  it('shows the popup while there are pops, hides it when there are none', () => {
    expect(decidePresentation([pop('a'), pop('b')], true, new Set())).toEqual({ kind: 'popup', cards: 2 });
    expect(decidePresentation([], true, new Set())).toEqual({ kind: 'hidden' });
  });

  it('with popups off, notifies each ringing call once', () => {
    const first = decidePresentation([pop('a')], false, new Set());
    expect(first.kind === 'notifications' ? first.notify.map((p) => p.callId) : null).toEqual(['a']);
    const again = decidePresentation([pop('b'), pop('a')], false, new Set(['a']));
    expect(again.kind === 'notifications' ? again.notify.map((p) => p.callId) : null).toEqual(['b']);
    const answered = decidePresentation([pop('c', 'answered-here')], false, new Set());
    expect(answered.kind === 'notifications' ? answered.notify : null).toEqual([]);
  });

  it('with popups off, waits for a call whose history is still being read, so its name is in the notification', () => {
    const looking = decidePresentation([{ ...pop('d'), recentCallsPending: true }], false, new Set());
    expect(looking.kind === 'notifications' ? looking.notify : null).toEqual([]);
    const read = decidePresentation([pop('d')], false, new Set());
    expect(read.kind === 'notifications' ? read.notify.map((p) => p.callId) : null).toEqual(['d']);
    // The popup itself shows at once.
    expect(decidePresentation([{ ...pop('d'), recentCallsPending: true }], true, new Set())).toEqual({
      kind: 'popup',
      cards: 1,
    });
  });
});

describe('notificationText', () => {
  it('names the caller in the UI language', () => {
    expect(notificationText(pop('a'), 'vi')).toEqual({
      title: 'Cuộc gọi đến: 0912 345 678',
      body: 'Lê Thị Mai · Kinh doanh · gọi vào 028 7301 9555',
    });
    expect(notificationText(pop('a'), 'en').title).toBe('Incoming call: 0912 345 678');
  });
});
