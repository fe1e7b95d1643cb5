/** `CommandOrControl+Alt+D` as the agent's keyboard names it: `Ctrl+Alt+D`, or `⌘⌥D` on a Mac. */
export function shortcutLabel(accelerator: string, mac: boolean): string {
  const parts = accelerator.split('+').filter((part) => part !== '');
  if (!mac)
    return parts
      .map((part) => (part === 'CommandOrControl' || part === 'Control' ? 'Ctrl' : part === 'Command' ? 'Cmd' : part))
      .join('+');
  const symbols: Record<string, string> = {
    CommandOrControl: '⌘',
    Command: '⌘',
    Control: '⌃',
    Alt: '⌥',
    Shift: '⇧',
    Super: '⌘',
  };
  return parts.map((part) => symbols[part] ?? part).join('');
}

export function isMacPlatform(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
}
