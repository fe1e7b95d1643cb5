import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useHostSync } from '../../api';
import { useDialPromptStore } from './dial-prompt-store';
import { DialPromptDialog } from './DialPromptDialog';
import { followPhoneDialRequests } from './phone-dial-requests';
import { isPaletteShortcut } from './palette-shortcut';
import { QuickDialPalette } from './QuickDialPalette';
import './dial.css';

/**
 * Dial from anywhere, in the main window: the confirmation for a link or the global shortcut,
 * the Ctrl/Cmd+K quick-dial palette, and the phone carrying out what the host's dial service
 * asks. The confirmation wins over the palette: it answers something the agent just did outside.
 */
export function DialLayer(): ReactElement | null {
  const prompt = useDialPromptStore((s) => s.prompt);
  const follow = useDialPromptStore((s) => s.followHost);
  const load = useDialPromptStore((s) => s.load);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const closePalette = useCallback(() => setPaletteOpen(false), []);

  useHostSync(follow, load);
  // A prompt from outside replaces the palette rather than leaving it to reopen afterwards.
  useEffect(() => {
    if (prompt) setPaletteOpen(false);
  }, [prompt]);
  useEffect(() => followPhoneDialRequests(), []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || !isPaletteShortcut(event)) return;
      event.preventDefault();
      setPaletteOpen((open) => !open);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  if (prompt) return <DialPromptDialog key={prompt.id} prompt={prompt} />;
  return paletteOpen ? <QuickDialPalette onClose={closePalette} /> : null;
}
