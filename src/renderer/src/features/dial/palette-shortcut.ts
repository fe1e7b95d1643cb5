import { isMacPlatform } from './shortcut-label';

/** The parts of a keydown the decision needs. */
export interface PaletteKey {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly repeat: boolean;
  readonly isComposing?: boolean;
}

/**
 * Ctrl+K (Cmd+K on a Mac, where Ctrl+K deletes to the end of the line in text fields): what
 * command palettes use. By the physical key too, so a Vietnamese keyboard layout still opens it.
 */
export function isPaletteShortcut(event: PaletteKey, mac: boolean = isMacPlatform()): boolean {
  if (event.isComposing || event.repeat || event.altKey || event.shiftKey) return false;
  const modifier = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  return modifier && (event.code === 'KeyK' || event.key.toLowerCase() === 'k');
}
