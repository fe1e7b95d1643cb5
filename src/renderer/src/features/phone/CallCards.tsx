import { useEffect, useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatForDisplay } from '../../../../shared/phone';
import type { CallParty, CallStatus, PhoneCall } from '../../sip/phone-state';
import { PHONE_SHORTCUTS, type PhoneShortcut } from '../../sip/phone-shortcuts';
import { usePhoneStore } from '../../sip/phone-store';
import { formatDuration } from '../screenpop/ScreenPopCard';
import { endedText, transferFailedText } from './call-text';
import { Keypad } from './Keypad';
import { QualityBadge } from './QualityBadge';
import { TransferPanel } from './TransferPanel';

type Connected = Extract<CallStatus, { kind: 'dialing' | 'answering' | 'in-call' }>;

function CallerLines({ caller, titleId }: { caller: CallParty; titleId: string }): ReactElement {
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

/**
 * A button's shortcut, where it applies: in the tooltip for people who point, in
 * aria-keyshortcuts for assistive technology. Only the focused call's buttons get them,
 * because that is the call the keys act on.
 */
function useShortcut(shortcut: PhoneShortcut, label: string, applies: boolean): Record<string, string> {
  const { t } = useTranslation();
  if (!applies) return {};
  const keys = PHONE_SHORTCUTS[shortcut];
  return { title: t('phone.withShortcut', { action: label, keys: keys.label }), 'aria-keyshortcuts': keys.aria };
}

function IncomingCallCard({ call, focused }: { call: PhoneCall; focused: boolean }): ReactElement {
  const { t } = useTranslation();
  const titleId = useId();
  const answer = usePhoneStore((s) => s.answer);
  const decline = usePhoneStore((s) => s.decline);
  const status = call.status.kind === 'ringing' ? call.status : null;
  const waiting = status?.ringStyle === 'waiting';
  // Enter and Esc act on the call ringing, whichever call has the focus.
  const answerKeys = useShortcut('answer', t('phone.answer'), true);
  const declineKeys = useShortcut('decline', t('phone.decline'), true);
  return (
    <section
      className={`call-card call-card--ringing${focused ? ' call-card--focused' : ''}`}
      aria-labelledby={titleId}
      data-testid="incoming-call"
      data-call-id={call.id}
      data-ring-style={status?.ringStyle}
    >
      <h2 className="call-card__title">{waiting ? t('phone.waitingTitle') : t('phone.incomingTitle')}</h2>
      <CallerLines caller={call.remote} titleId={titleId} />
      {status?.autoAnswer ? <p className="phone-note">{t('phone.autoAnswering')}</p> : null}
      {waiting ? <p className="phone-note">{t('phone.waitingNote')}</p> : null}
      <div className="call-card__actions">
        <button type="button" className="button button--answer" onClick={() => answer(call.id)} {...answerKeys}>
          {t('phone.answer')}
        </button>
        <button type="button" className="button button--danger" onClick={() => decline(call.id)} {...declineKeys}>
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

function cardTitle(call: PhoneCall, status: Connected, t: (key: string) => string): string {
  if (call.consultFor) return t('phone.consultTitle');
  if (status.kind === 'dialing') return t('phone.outgoingTitle');
  if (status.kind === 'in-call' && status.held) return t('phone.heldTitle');
  return t('phone.activeTitle');
}

function StatusLine({ status }: { status: Connected }): ReactElement {
  const { t } = useTranslation();
  if (status.kind === 'in-call') return <CallTimer since={status.since} />;
  if (status.kind === 'answering') return <p className="phone-note">{t('phone.answering')}</p>;
  return (
    <p className="phone-note" data-testid="call-progress" data-progress={status.progress}>
      {t(`phone.progress.${status.progress}`)}
    </p>
  );
}

/** What the call's transfer, if any, means for the agent now. */
function TransferNote({ call }: { call: PhoneCall }): ReactElement | null {
  const { t } = useTranslation();
  const transfer = call.transfer;
  if (!transfer) return null;
  const failed = transferFailedText(call, t);
  if (failed)
    return (
      <p className="phone-dial__error" data-testid="transfer-failed">
        {failed}
      </p>
    );
  const target = formatForDisplay(transfer.target);
  const text = transfer.kind === 'consulting' ? t('phone.consulting', { target }) : t('phone.transferring', { target });
  return (
    <p className="phone-note" data-testid="transfer-state" data-state={transfer.kind}>
      {text}
    </p>
  );
}

/** Complete transfer / Back to caller, on the consultation call (the one the agent talks on). */
function ConsultActions({ call, calls }: { call: PhoneCall; calls: readonly PhoneCall[] }): ReactElement | null {
  const { t } = useTranslation();
  const completeTransfer = usePhoneStore((s) => s.completeTransfer);
  const backToCaller = usePhoneStore((s) => s.backToCaller);
  const original = calls.find((c) => c.id === call.consultFor);
  if (!original || original.transfer?.kind !== 'consulting') return null;
  return (
    <>
      <button
        type="button"
        className="button button--primary"
        disabled={call.status.kind !== 'in-call'}
        onClick={() => completeTransfer(call.id)}
      >
        {t('phone.completeTransfer')}
      </button>
      <button type="button" className="button" onClick={() => backToCaller(call.id)}>
        {t('phone.backToCaller')}
      </button>
    </>
  );
}

type Panel = 'none' | 'keypad' | 'transfer';

function ActiveCallCard({
  call,
  status,
  focused,
  calls,
}: {
  call: PhoneCall;
  status: Connected;
  focused: boolean;
  calls: readonly PhoneCall[];
}): ReactElement {
  const { t } = useTranslation();
  const titleId = useId();
  const panelId = useId();
  const hangup = usePhoneStore((s) => s.hangup);
  const toggleMute = usePhoneStore((s) => s.toggleMute);
  const toggleHold = usePhoneStore((s) => s.toggleHold);
  const [panel, setPanel] = useState<Panel>('none');
  const inCall = status.kind === 'in-call' ? status : null;
  const transferBusy =
    call.transfer !== undefined && call.transfer.kind !== 'failed' ? true : call.consultFor !== undefined;
  const shownPanel: Panel = inCall && !(panel === 'transfer' && transferBusy) ? panel : 'none';
  const holdLabel = inCall?.held ? t('phone.resume') : t('phone.hold');
  const muteKeys = useShortcut('mute', t('phone.mute'), focused && inCall !== null);
  const holdKeys = useShortcut('hold', holdLabel, focused && inCall !== null);
  const toggle = (which: Panel): void => setPanel((open) => (open === which ? 'none' : which));

  return (
    <section
      className={`call-card${focused ? ' call-card--focused' : ''}${inCall?.held ? ' call-card--held' : ''}`}
      aria-labelledby={titleId}
      data-testid="active-call"
      data-call-id={call.id}
      data-state={status.kind}
      data-held={inCall?.held ? 'true' : undefined}
    >
      <h2 className="call-card__title">{cardTitle(call, status, t)}</h2>
      <CallerLines caller={call.remote} titleId={titleId} />
      <StatusLine status={status} />
      {inCall ? <QualityBadge callId={call.id} /> : null}
      {inCall?.muted ? <p className="phone-note">{t('phone.muted')}</p> : null}
      {inCall?.held ? <p className="phone-note">{t('phone.onHold')}</p> : null}
      {inCall?.remoteHeld ? <p className="phone-note">{t('phone.held')}</p> : null}
      <TransferNote call={call} />
      <div className="call-card__actions">
        <ConsultActions call={call} calls={calls} />
        <button
          type="button"
          className="button"
          aria-pressed={inCall ? inCall.muted : false}
          disabled={!inCall}
          onClick={() => toggleMute(call.id)}
          {...muteKeys}
        >
          {t('phone.mute')}
        </button>
        <button type="button" className="button" disabled={!inCall} onClick={() => toggleHold(call.id)} {...holdKeys}>
          {holdLabel}
        </button>
        <button
          type="button"
          className="button"
          disabled={!inCall}
          aria-expanded={shownPanel === 'keypad'}
          aria-controls={shownPanel === 'keypad' ? panelId : undefined}
          onClick={() => toggle('keypad')}
        >
          {t('phone.keypad')}
        </button>
        <button
          type="button"
          className="button"
          disabled={!inCall || transferBusy}
          aria-expanded={shownPanel === 'transfer'}
          aria-controls={shownPanel === 'transfer' ? panelId : undefined}
          onClick={() => toggle('transfer')}
        >
          {t('phone.transfer')}
        </button>
        <button type="button" className="button button--danger" onClick={() => hangup(call.id)}>
          {t('phone.hangup')}
        </button>
      </div>
      {shownPanel === 'keypad' ? <Keypad callId={call.id} id={panelId} keyboard={focused} /> : null}
      {shownPanel === 'transfer' ? (
        <TransferPanel callId={call.id} id={panelId} onDone={() => setPanel('none')} />
      ) : null}
    </section>
  );
}

function EndedNote({ call }: { call: PhoneCall }): ReactElement | null {
  const { t } = useTranslation();
  if (call.status.kind !== 'ended') return null;
  return (
    <p
      className="phone-note"
      role="status"
      data-testid="call-ended"
      data-call-id={call.id}
      data-reason={call.status.reason}
    >
      {endedText(call, t)}
    </p>
  );
}

function CallCard({
  call,
  focused,
  calls,
}: {
  call: PhoneCall;
  focused: boolean;
  calls: readonly PhoneCall[];
}): ReactElement | null {
  const status = call.status;
  switch (status.kind) {
    case 'ringing':
      return <IncomingCallCard call={call} focused={focused} />;
    case 'ended':
      return <EndedNote call={call} />;
    default:
      return <ActiveCallCard call={call} status={status} focused={focused} calls={calls} />;
  }
}

/** The phone's calls, oldest first (at most two open, plus notes of the ones that just ended). */
export function CurrentCalls(): ReactElement | null {
  const calls = usePhoneStore((s) => s.calls);
  const focusedId = usePhoneStore((s) => s.focusedId);
  if (calls.length === 0) return null;
  return (
    <div className="call-list">
      {calls.map((call) => (
        <CallCard key={call.id} call={call} focused={call.id === focusedId} calls={calls} />
      ))}
    </div>
  );
}
