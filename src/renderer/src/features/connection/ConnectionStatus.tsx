import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useHostSync } from '../../api';
import { useConnectionStore } from './connection-store';
import './connection.css';

/**
 * The call-signals connection in the header: the agent must see at a glance whether incoming
 * calls can pop, and IT must see why not.
 */
export function ConnectionStatus(): ReactElement {
  const { t } = useTranslation();
  const state = useConnectionStore((s) => s.signals);
  const load = useConnectionStore((s) => s.load);
  const followHost = useConnectionStore((s) => s.followHost);
  useHostSync(followHost, load);

  const label = (() => {
    switch (state.kind) {
      case 'idle':
        return t('connection.idle');
      case 'connecting':
        return t('connection.connecting');
      case 'live':
        return t('connection.live');
      case 'reconnecting':
        return t('connection.reconnecting', { attempt: state.attempt });
      case 'failed':
        return t('connection.failed');
    }
  })();
  const detail = state.kind === 'failed' ? state.reason : state.kind === 'reconnecting' ? state.lastError : undefined;
  return (
    <span
      className={`connection connection--${state.kind}`}
      data-testid="signal-status"
      data-state={state.kind}
      title={detail}
    >
      <span className="connection__dot" aria-hidden="true" />
      <span>
        {t('connection.signals')}: {label}
      </span>
    </span>
  );
}
