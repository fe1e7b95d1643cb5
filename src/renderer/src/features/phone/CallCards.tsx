import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatForDisplay } from '../../../../shared/phone';
import type { Caller, CallState } from '../../sip/phone-state';
import { usePhoneStore } from '../../sip/phone-store';
import { formatDuration } from '../screenpop/ScreenPopCard';

type Ringing = Extract<CallState, { kind: 'ringing' }>;
type Connected = Extract<CallState, { kind: 'answering' | 'in-call' }>;

function CallerLines({ caller, titleId }: { caller: Caller; titleId: string }): ReactElement {
  const { t } = useTranslation();
  return (
    <>
      <p className="call-card__number" id={titleId} data-testid="call-number">
        {caller.number ? formatForDisplay(caller.number) : t('phone.unknownCaller')}
      </p>
      {caller.name ? (
        <p className="call-card__name" data-testid="call-name">
          {caller.name}
        </p>
      ) : null}
    </>
  );
}

export function IncomingCallCard({ call }: { call: Ringing }): ReactElement {
  const { t } = useTranslation();
  const answer = usePhoneStore((s) => s.answer);
  const decline = usePhoneStore((s) => s.decline);
  return (
    <section
      className="call-card call-card--ringing"
      aria-labelledby="incoming-call-number"
      data-testid="incoming-call"
    >
      <h2 className="call-card__title">{t('phone.incomingTitle')}</h2>
      <CallerLines caller={call.from} titleId="incoming-call-number" />
      {call.autoAnswer ? <p className="phone-note">{t('phone.autoAnswering')}</p> : null}
      <div className="call-card__actions">
        <button type="button" className="button button--answer" onClick={answer}>
          {t('phone.answer')}
        </button>
        <button type="button" className="button button--danger" onClick={decline}>
          {t('phone.decline')}
        </button>
      </div>
    </section>
  );
}

/** Seconds since `since`, ticking once a second while shown. */
function useElapsedSeconds(since: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return Math.max(0, Math.floor((now - since) / 1000));
}

function CallTimer({ since }: { since: number }): ReactElement {
  const { t } = useTranslation();
  const seconds = useElapsedSeconds(since);
  return (
    <p className="call-card__timer" role="timer" aria-label={t('phone.elapsed')} data-testid="call-timer">
      {formatDuration(seconds)}
    </p>
  );
}

export function ActiveCallCard({ call }: { call: Connected }): ReactElement {
  const { t } = useTranslation();
  const hangup = usePhoneStore((s) => s.hangup);
  const toggleMute = usePhoneStore((s) => s.toggleMute);
  const inCall = call.kind === 'in-call';
  return (
    <section
      className="call-card"
      aria-labelledby="active-call-number"
      data-testid="active-call"
      data-state={call.kind}
    >
      <h2 className="call-card__title">{t('phone.activeTitle')}</h2>
      <CallerLines caller={call.from} titleId="active-call-number" />
      {inCall ? <CallTimer since={call.since} /> : <p className="phone-note">{t('phone.answering')}</p>}
      {inCall && call.muted ? <p className="phone-note">{t('phone.muted')}</p> : null}
      {inCall && call.held ? <p className="phone-note">{t('phone.held')}</p> : null}
      <div className="call-card__actions">
        <button
          type="button"
          className="button"
          aria-pressed={inCall ? call.muted : false}
          disabled={!inCall}
          onClick={toggleMute}
        >
          {t('phone.mute')}
        </button>
        <button type="button" className="button button--danger" onClick={hangup}>
          {t('phone.hangup')}
        </button>
      </div>
    </section>
  );
}

/** The current call, whatever its stage; nothing when idle. */
export function CurrentCall(): ReactElement | null {
  const { t } = useTranslation();
  const call = usePhoneStore((s) => s.call);
  switch (call.kind) {
    case 'idle':
      return null;
    case 'ringing':
      return <IncomingCallCard call={call} />;
    case 'answering':
    case 'in-call':
      return <ActiveCallCard call={call} />;
    case 'ended':
      return (
        <p className="phone-note" role="status" data-testid="call-ended" data-reason={call.reason}>
          {t(`phone.ended.${call.reason}`)}
        </p>
      );
  }
}
