import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatForDisplay } from '../../../../shared/phone';
import { useHostSync } from '../../api';
import { useMissedCallsStore } from './missed-calls-store';
import './missed-calls.css';

/**
 * Calls that rang this agent while the app could not hear call signals. Shown above every
 * screen until the agent marks them as seen, so nothing missed during an outage goes unseen.
 */
export function MissedCallsPanel(): ReactElement | null {
  const { t, i18n } = useTranslation();
  const calls = useMissedCallsStore((s) => s.calls);
  const load = useMissedCallsStore((s) => s.load);
  const followHost = useMissedCallsStore((s) => s.followHost);
  const clear = useMissedCallsStore((s) => s.clear);
  useHostSync(followHost, load);

  if (calls.length === 0) return null;
  const time = new Intl.DateTimeFormat(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
  });
  return (
    <section
      className="missed-calls"
      aria-label={t('missed.title', { count: calls.length })}
      data-testid="missed-calls"
    >
      <header className="missed-calls__header">
        <h2 className="missed-calls__title">{t('missed.title', { count: calls.length })}</h2>
        <button type="button" className="button button--quiet" onClick={() => void clear()}>
          {t('missed.markSeen')}
        </button>
      </header>
      <ul className="missed-calls__list">
        {calls.map((call) => (
          <li key={call.callId} className="missed-calls__item" data-testid="missed-call">
            <span className="missed-calls__number">{formatForDisplay(call.from.number)}</span>
            {call.from.name ? <span className="missed-calls__name">{call.from.name}</span> : null}
            <span className="missed-calls__meta">
              {time.format(new Date(call.at))}
              {call.did ? ` · ${t('missed.did')} ${formatForDisplay(call.did)}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
