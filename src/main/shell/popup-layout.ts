import type { ScreenPop } from '../../shared/contract';

/**
 * Pure decisions behind the popup window (placement, popup vs notification), kept apart from
 * the Electron wiring in popup.ts so they can be unit-tested without Electron.
 */

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PopupSizing {
  readonly width: number;
  /** Height of one card (number, name, facts, a few recent calls, buttons). */
  readonly cardHeight: number;
  readonly gap: number;
  /** Distance from the work area's edges. */
  readonly margin: number;
  /** Beyond this many calls the window stops growing and scrolls. */
  readonly maxCards: number;
}

export const DEFAULT_POPUP_SIZING: PopupSizing = { width: 380, cardHeight: 330, gap: 10, margin: 12, maxCards: 3 };

/**
 * Bottom-right of the work area (the screen minus task bar / dock), growing upwards with each
 * stacked call, never taller than the work area.
 */
export function popupBounds(workArea: Rect, cards: number, sizing: PopupSizing = DEFAULT_POPUP_SIZING): Rect {
  const shown = Math.max(1, Math.min(cards, sizing.maxCards));
  const padding = 16; // the page's own padding around the stack
  const wanted = shown * sizing.cardHeight + (shown - 1) * sizing.gap + padding;
  const width = Math.min(sizing.width, Math.max(0, workArea.width - 2 * sizing.margin));
  const height = Math.min(wanted, Math.max(0, workArea.height - 2 * sizing.margin));
  return {
    x: Math.round(workArea.x + workArea.width - sizing.margin - width),
    y: Math.round(workArea.y + workArea.height - sizing.margin - height),
    width: Math.round(width),
    height: Math.round(height),
  };
}

export type Presentation =
  | { readonly kind: 'hidden' }
  | { readonly kind: 'popup'; readonly cards: number }
  /** Popups are off: one native notification per call that newly started ringing. */
  | { readonly kind: 'notifications'; readonly notify: readonly ScreenPop[] };

/**
 * What to show for the current list. `alreadyNotified` holds call ids that got a notification
 * earlier, so each call is announced once however often the list changes. A call whose history
 * is still being read waits for it (a few milliseconds): a notification cannot be changed once
 * shown, and the name the history knows belongs in it.
 */
export function decidePresentation(
  pops: readonly ScreenPop[],
  popupEnabled: boolean,
  alreadyNotified: ReadonlySet<string>,
): Presentation {
  if (popupEnabled) return pops.length === 0 ? { kind: 'hidden' } : { kind: 'popup', cards: pops.length };
  const notify = pops.filter(
    (p) => p.state === 'ringing' && p.recentCallsPending !== true && !alreadyNotified.has(p.callId),
  );
  return { kind: 'notifications', notify };
}

/** Title and body of a call's notification, in the UI language. */
export function notificationText(pop: ScreenPop, language: 'vi' | 'en'): { title: string; body: string } {
  const number = pop.caller.display || pop.caller.raw;
  const title = language === 'vi' ? `Cuộc gọi đến: ${number}` : `Incoming call: ${number}`;
  const parts = [
    pop.name,
    pop.queue,
    pop.did ? (language === 'vi' ? `gọi vào ${pop.did.display}` : `to ${pop.did.display}`) : undefined,
  ];
  return { title, body: parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' · ') };
}
