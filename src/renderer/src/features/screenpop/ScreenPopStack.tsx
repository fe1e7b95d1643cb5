import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useHostSync } from '../../api';
import { ScreenPopCard } from './ScreenPopCard';
import { useScreenPopStore } from './screenpop-store';
import './screenpop.css';

/** Keeps the store in step with the host: the current list once, then every change it pushes. */
function useFollowScreenPops(): void {
  const loadPops = useScreenPopStore((s) => s.loadPops);
  const followHost = useScreenPopStore((s) => s.followHost);
  useHostSync(followHost, loadPops);
}

/**
 * The incoming calls, newest first. `variant="panel"` floats over the main window's screens;
 * `variant="window"` fills the always-on-top popup window.
 */
export function ScreenPopStack({ variant = 'panel' }: { variant?: 'panel' | 'window' }): ReactElement | null {
  const { t } = useTranslation();
  useFollowScreenPops();
  const pops = useScreenPopStore((s) => s.pops);
  if (pops.length === 0 && variant === 'panel') return null;
  return (
    <section
      className={`screenpop-stack screenpop-stack--${variant}`}
      aria-label={t('screenpop.label')}
      aria-live="assertive"
      data-testid="screenpop-stack"
    >
      {pops.map((pop) => (
        // The popup window has no phone: its cards ring and answer through the main window's.
        <ScreenPopCard key={pop.callId} pop={pop} phone={variant === 'window' ? 'relayed' : 'local'} />
      ))}
    </section>
  );
}
