import type { DialShortcutState } from '../../shared/dial';

/** The part of Electron's globalShortcut used here (faked in tests). */
export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
  isRegistered?(accelerator: string): boolean;
}

/** The part of Electron's clipboard used here: `selection` is Linux's primary selection (absent elsewhere). */
export interface ClipboardLike {
  readText(): Promise<string>;
  readonly selection?: { readText(): Promise<string> } | undefined;
}

export interface DialShortcutOptions {
  readonly globalShortcut: GlobalShortcutLike;
  /** The `dialShortcut` setting now (`''`: off). */
  readonly accelerator: () => string;
  /** Called after every settings change; returns the unsubscribe function. */
  readonly onSettingsChange: (listener: () => void) => () => void;
  readonly onPressed: () => void;
  /** Where the state goes (services.dial.shortcut.report), for the Settings field. */
  readonly report: (state: DialShortcutState) => void;
  readonly log: (message: string) => void;
}

export interface DialShortcut {
  /** Unregisters the shortcut and stops following the setting. */
  dispose(): void;
}

/**
 * Registers the global dial shortcut from the settings and again whenever the setting changes.
 * A shortcut the OS refuses (held by the system or another program, or an accelerator Electron
 * cannot read) is reported and logged, never silently lost: Electron's register() answers false
 * (or throws, for an invalid accelerator), and on some desktops says yes without holding it, so
 * isRegistered() is asked too.
 */
export function startDialShortcut(options: DialShortcutOptions): DialShortcut {
  const { globalShortcut } = options;
  /** The accelerator this app holds now, if any. */
  let held: string | undefined;
  /**
   * What the setting said when last applied, so unrelated settings changes do nothing; a refused
   * shortcut is tried again on the next change (the Settings field's "Try again" saves it again).
   */
  let applied: string | undefined;

  const release = (): void => {
    if (held === undefined) return;
    try {
      globalShortcut.unregister(held);
    } catch {
      // Already gone (the OS took it back): nothing left to release.
    }
    held = undefined;
  };

  const apply = (): void => {
    const accelerator = options.accelerator();
    if (accelerator === applied && (held !== undefined || accelerator === '')) return;
    applied = accelerator;
    release();
    if (accelerator === '') {
      options.report({ kind: 'off' });
      return;
    }
    let registered: boolean;
    try {
      registered =
        globalShortcut.register(accelerator, options.onPressed) && (globalShortcut.isRegistered?.(accelerator) ?? true);
    } catch {
      options.log(`dial shortcut ${accelerator} was refused: not a valid accelerator`);
      options.report({ kind: 'failed', accelerator, reason: 'invalid' });
      return;
    }
    if (!registered) {
      options.log(`dial shortcut ${accelerator} could not be registered: the system or another program holds it`);
      options.report({ kind: 'failed', accelerator, reason: 'taken' });
      return;
    }
    held = accelerator;
    options.log(`dial shortcut ${accelerator} registered`);
    options.report({ kind: 'registered', accelerator });
  };

  apply();
  const stop = options.onSettingsChange(apply);
  return {
    dispose() {
      stop();
      release();
      applied = undefined;
    },
  };
}

/**
 * The text the shortcut dials: on Linux the primary selection (what is highlighted now, no copy
 * needed), else, and when nothing is selected, the clipboard. Electron offers no way to copy
 * another program's selection without native modules, so elsewhere the agent copies the number
 * first (Ctrl+C, then the shortcut).
 */
export async function textToDial(clipboard: ClipboardLike, platform: NodeJS.Platform): Promise<string> {
  const read = async (source: { readText(): Promise<string> } | undefined): Promise<string> => {
    try {
      return (await source?.readText()) ?? '';
    } catch {
      return '';
    }
  };
  if (platform === 'linux') {
    const selected = await read(clipboard.selection);
    if (selected.trim() !== '') return selected;
  }
  return read(clipboard);
}
