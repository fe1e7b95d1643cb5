import { normalizeDialNumber } from '../../shared/dial-number';
import { formatForDisplay, phoneKey } from '../../shared/phone';
import type { Reachability } from '../../shared/reachability';
import type { Language } from '../../shared/settings';
import { statusLine, trayMenuLabels } from './tray-text';

/**
 * The tray's menu as plain data, so what it offers in each state can be tested without
 * Electron; tray.ts turns it into an Electron Menu. Pure.
 */

export type TrayMenuEntry =
  | { readonly type: 'separator' }
  /** A line that only informs (the status line, an empty list): shown disabled. */
  | { readonly type: 'label'; readonly id: string; readonly label: string }
  | {
      readonly type: 'action';
      readonly id: string;
      readonly label: string;
      readonly enabled: boolean;
      readonly click: () => void;
    }
  | {
      readonly type: 'checkbox';
      readonly id: string;
      readonly label: string;
      readonly checked: boolean;
      readonly enabled: boolean;
      readonly click: () => void;
    }
  | { readonly type: 'submenu'; readonly id: string; readonly label: string; readonly items: readonly TrayMenuEntry[] };

export interface TrayMenuActions {
  setDnd(on: boolean): void;
  /** Dials at once (the agent picked the number from the menu: no confirmation). */
  dial(number: string): void;
  showWindow(): void;
  hideWindow(): void;
  quit(): void;
}

export interface TrayMenuInput {
  readonly language: Language;
  readonly reachability: Reachability;
  readonly dnd: boolean;
  /** IT set Do not disturb (environment or provisioning file): the menu cannot change it. */
  readonly dndLocked: boolean;
  /** The settings' favourites, newest first (as History keys them). */
  readonly favourites: readonly string[];
  /** Numbers of the latest calls, newest first (duplicates and undialable ones are dropped here). */
  readonly recentNumbers: readonly string[];
  /** What the clipboard holds, when it is a number; anything else is ignored. */
  readonly clipboardText: string | undefined;
  readonly windowVisible: boolean;
}

/** A tray menu is opened in a hurry: a short list to pick from; the palette has the rest. */
export const TRAY_FAVOURITES_SHOWN = 10;
export const TRAY_RECENT_SHOWN = 5;

/**
 * The clipboard's text when it is a dialable number, normalised; undefined otherwise. A copied
 * sentence, a URL or a secret is never shown in the menu: only what normalizeDialNumber accepts.
 */
export function dialableClipboardNumber(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  // Multi-line text is a paragraph someone copied, not a number to call.
  if (trimmed === '' || /[\r\n]/.test(trimmed)) return undefined;
  const normalized = normalizeDialNumber(trimmed);
  return normalized.ok ? normalized.value : undefined;
}

/** Distinct dialable numbers, in order, at most `limit` (one entry per subscriber, whatever the spelling). */
export function distinctDialable(numbers: readonly string[], limit: number): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const number of numbers) {
    if (result.length >= limit) break;
    const normalized = normalizeDialNumber(number);
    if (!normalized.ok) continue;
    const key = phoneKey(normalized.value);
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(normalized.value);
  }
  return result;
}

export function trayMenu(input: TrayMenuInput, actions: TrayMenuActions): TrayMenuEntry[] {
  const labels = trayMenuLabels(input.language);
  const dialItems = (id: string, numbers: readonly string[], empty: string): TrayMenuEntry[] =>
    numbers.length === 0
      ? [{ type: 'label', id: `${id}-empty`, label: empty }]
      : numbers.map((number) => ({
          type: 'action',
          id: `${id}:${number}`,
          label: formatForDisplay(number),
          enabled: true,
          click: () => actions.dial(number),
        }));
  const clipboard = dialableClipboardNumber(input.clipboardText);
  return [
    { type: 'label', id: 'status', label: statusLine(input.reachability, input.language) },
    { type: 'separator' },
    {
      type: 'checkbox',
      id: 'dnd',
      label: input.dndLocked ? labels.dndLocked : labels.dnd,
      checked: input.dnd,
      enabled: !input.dndLocked,
      click: () => actions.setDnd(!input.dnd),
    },
    { type: 'separator' },
    ...(clipboard === undefined
      ? []
      : [
          {
            type: 'action' as const,
            id: 'call-clipboard',
            label: labels.callClipboard(formatForDisplay(clipboard)),
            enabled: true,
            click: () => actions.dial(clipboard),
          },
        ]),
    {
      type: 'submenu',
      id: 'favourites',
      label: labels.favourites,
      items: dialItems('favourite', distinctDialable(input.favourites, TRAY_FAVOURITES_SHOWN), labels.noFavourites),
    },
    {
      type: 'submenu',
      id: 'recent',
      label: labels.recent,
      items: dialItems('recent', distinctDialable(input.recentNumbers, TRAY_RECENT_SHOWN), labels.noRecent),
    },
    { type: 'separator' },
    input.windowVisible
      ? { type: 'action', id: 'hide', label: labels.hide, enabled: true, click: () => actions.hideWindow() }
      : { type: 'action', id: 'show', label: labels.show, enabled: true, click: () => actions.showWindow() },
    { type: 'action', id: 'quit', label: labels.quit, enabled: true, click: () => actions.quit() },
  ];
}
