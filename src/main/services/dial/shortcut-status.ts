import type { DialShortcutState } from '../../../shared/dial';

/**
 * The global dial shortcut as the shell last registered it. The shell owns the OS shortcut
 * (services never import Electron); it reports here, so both hosts answer the Settings
 * field's request the same way. A host that never reports has no global shortcuts.
 */
export interface ShortcutStatus {
  current(): DialShortcutState;
  report(state: DialShortcutState): void;
  onChange(listener: (state: DialShortcutState) => void): () => void;
}

function sameState(a: DialShortcutState, b: DialShortcutState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function createShortcutStatus(): ShortcutStatus {
  let state: DialShortcutState = { kind: 'unavailable' };
  const listeners = new Set<(state: DialShortcutState) => void>();
  return {
    current: () => state,
    report(next) {
      if (sameState(state, next)) return;
      state = next;
      for (const listener of [...listeners]) listener(state);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
