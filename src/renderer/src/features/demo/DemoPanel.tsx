import { useEffect, useId, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { messageFor } from '../../../../shared/errors';
import { DEMO_CALL_KINDS } from '../../../../shared/first-run';
import { formatForDisplay } from '../../../../shared/phone';
import { Banner } from '../../ui/Banner';
import { useDemoStore, type DemoStore } from './demo-store';
import './demo.css';

/**
 * Shown above every screen while the app runs the demo: says it is the demo (and whether its
 * SIP phone rings), starts the calls the sandbox plays, and leads back out. It also marks the
 * window title, so the demo is recognisable in the taskbar and window lists too.
 */
export function DemoPanel({ store = useDemoStore }: { store?: DemoStore } = {}): ReactElement | null {
  const { t, i18n } = useTranslation();
  const state = store((s) => s.state);
  const load = store((s) => s.load);
  const switching = store((s) => s.switching);
  const switchError = store((s) => s.switchError);
  const calling = store((s) => s.calling);
  const lastCall = store((s) => s.lastCall);
  const callError = store((s) => s.callError);
  const simulate = store((s) => s.simulate);
  const stop = store((s) => s.stop);
  const titleId = useId();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const running = state?.kind === 'running';

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    const name = t('app.name');
    document.title = running ? t('demo.windowTitle', { name }) : name;
  }, [running, t]);

  if (state?.kind !== 'running') return null;
  const { sip, agent } = state;
  return (
    <section className="demo-panel" aria-labelledby={titleId} data-testid="demo-panel">
      <div className="demo-panel__intro">
        <h2 className="demo-panel__mark" id={titleId} data-testid="demo-mark">
          {t('demo.mark')}
        </h2>
        <p className="demo-panel__text">{t('demo.you', { name: agent.name, extension: agent.extension })}</p>
      </div>
      {sip.kind === 'withSip' ? (
        <p className="demo-panel__text" data-testid="demo-sip" data-sip="with">
          {t('demo.withSip')}
        </p>
      ) : (
        <p className="demo-panel__notice" data-testid="demo-sip" data-sip="without" data-reason={sip.reason}>
          {t(`demo.noSip.${sip.reason}`)}
          {sip.detail ? (
            <span className="demo-panel__detail">{t('demo.noSipDetail', { detail: sip.detail })}</span>
          ) : null}
        </p>
      )}
      <div className="demo-panel__actions" role="group" aria-label={t('demo.simulateLabel')}>
        {DEMO_CALL_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className="button"
            data-testid={`demo-simulate-${kind}`}
            disabled={calling !== null || switching !== null}
            onClick={() => void simulate(kind)}
          >
            {t(`demo.simulate.${kind}`)}
          </button>
        ))}
        <button
          type="button"
          className="button button--quiet demo-panel__leave"
          disabled={switching !== null}
          onClick={() => void stop()}
        >
          {switching === 'stopping' ? t('demo.leaving') : t('demo.leave')}
        </button>
      </div>
      <p className="demo-panel__status" role="status" data-testid="demo-call-status">
        {lastCall ? t(`demo.started.${lastCall.kind}`, { number: formatForDisplay(lastCall.caller) }) : ''}
      </p>
      {callError ? (
        <Banner tone="error" title={t('demo.callFailed')}>
          <p>{messageFor(callError, language)}</p>
        </Banner>
      ) : null}
      {switchError ? (
        <Banner tone="error" title={t('demo.leaveFailed')}>
          <p>{messageFor(switchError, language)}</p>
        </Banner>
      ) : null}
    </section>
  );
}
