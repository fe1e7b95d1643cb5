import { useEffect } from 'react';
import type { PhoneCallsState } from './phone-state';
import { selectFocusedCall, selectRingingCall, usePhoneStore } from './phone-store';

/**
 * The phone's keyboard shortcuts. Enter and Esc only act on a ringing call and only where they
 * mean nothing else; mute and hold use Ctrl+Shift combinations that neither Chromium nor
 * Electron's default menus bind (Ctrl+M minimises on Windows/Linux, Ctrl+H is history, Ctrl+Shift+I
 * the developer tools).
 */
export const PHONE_SHORTCUTS = {
  answer: { aria: 'Enter', label: 'Enter' },
  decline: { aria: 'Escape', label: 'Esc' },
  mute: { aria: 'Control+Shift+M', label: 'Ctrl+Shift+M' },
  hold: { aria: 'Control+Shift+H', label: 'Ctrl+Shift+H' },
} as const;

export type PhoneShortcut = keyof typeof PHONE_SHORTCUTS;

/** Marks the phone's own text fields (the dial field), where Enter still answers a ringing call. */
export const PHONE_INPUT_ATTRIBUTE = 'data-phone-input';

/** The parts of a keydown the decision needs (a KeyboardEvent has them all). */
export interface ShortcutKey {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
  readonly repeat: boolean;
  readonly isComposing?: boolean;
  readonly target: EventTarget | null;
}

const TEXT_ENTRY =
  'input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="textbox"], [role="combobox"], [role="listbox"]';
/** Where Enter activates or submits something of its own. */
const ACTIVATES_ON_ENTER = 'button, a[href], summary, [role="button"], [role="option"], [role="menuitem"]';

/** Whether `key` already means something where it was pressed (typing, choosing, activating). */
function ownsKey(target: EventTarget | null, key: 'Enter' | 'Escape'): boolean {
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
  if (target.closest(`[${PHONE_INPUT_ATTRIBUTE}]`)) return false;
  if (target.closest(TEXT_ENTRY)) return true;
  return key === 'Enter' && target.closest(ACTIVATES_ON_ENTER) !== null;
}

function isCombo(event: ShortcutKey, letter: 'M' | 'H'): boolean {
  if (!event.ctrlKey || !event.shiftKey || event.altKey || event.metaKey) return false;
  return event.code === `Key${letter}` || event.key.toUpperCase() === letter;
}

/** Which phone action a key press asks for now, if any. */
export function shortcutFor(event: ShortcutKey, phone: PhoneCallsState): PhoneShortcut | null {
  if (event.isComposing) return null;
  const plain = !event.ctrlKey && !event.shiftKey && !event.altKey && !event.metaKey;
  if (plain && (event.key === 'Enter' || event.key === 'Escape')) {
    if (event.repeat || !selectRingingCall(phone) || ownsKey(event.target, event.key)) return null;
    return event.key === 'Enter' ? 'answer' : 'decline';
  }
  const focused = selectFocusedCall(phone);
  if (focused?.status.kind !== 'in-call' || event.repeat) return null;
  if (isCombo(event, 'M')) return 'mute';
  if (isCombo(event, 'H')) return 'hold';
  return null;
}

/** Listens on the whole window for as long as the app frame is mounted. */
export function usePhoneShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return;
      const phone = usePhoneStore.getState();
      const shortcut = shortcutFor(event, phone);
      if (!shortcut) return;
      // Enter in the dial field must not also dial; the combinations must not reach the page.
      event.preventDefault();
      if (shortcut === 'answer') phone.answer();
      else if (shortcut === 'decline') phone.decline();
      else if (shortcut === 'mute') phone.toggleMute();
      else phone.toggleHold();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
