import { Fragment, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenPop, ScreenPopRecentCall } from '../../../../shared/contract';
import { messageFor } from '../../../../shared/errors';
import { useRelayedCallStore } from '../../sip/phone-relay';
import { FavouriteToggle } from '../dial/FavouriteToggle';
import { usePhoneStore } from '../../sip/phone-store';
import { isCallerOf, isRingingHere, useScreenPopStore } from './screenpop-store';
import { ListenToggle, RecordingRow, usePauseRecordingsWhenAnswered } from './RecentCallRecording';

/**
 * Where the card's Answer and Decline go: `local` is the phone of this window (the main
 * window); `relayed` is the main window's phone seen from the popup window, through the host.
 */
export type CardPhone = 'local' | 'relayed';

interface CardCall {
  readonly ringingHere: boolean;
  answer(): void;
  decline(): void;
}

/** Both stores are read (hooks cannot be conditional); `phone` picks the one that counts. */
function useCardCall(pop: ScreenPop, phone: CardPhone): CardCall {
  const localRinging = usePhoneStore((s) => isRingingHere(pop, s));
  const localAnswer = usePhoneStore((s) => s.answer);
  const localDecline = usePhoneStore((s) => s.decline);
  const relayedId = useRelayedCallStore((s) => (s.ringing && isCallerOf(pop, s.ringing.number) ? s.ringing.id : null));
  const send = useRelayedCallStore((s) => s.send);
  if (phone === 'local') return { ringingHere: localRinging, answer: localAnswer, decline: localDecline };
  return {
    ringingHere: relayedId !== null,
    answer: () => {
      if (relayedId !== null) void send('answer', relayedId);
    },
    decline: () => {
      if (relayedId !== null) void send('decline', relayedId);
    },
  };
}

/** `75` → `1:15`; calls over an hour → `1:02:05`. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

function RecentCalls({
  calls,
  pending,
  language,
  popId,
}: {
  calls: readonly ScreenPopRecentCall[];
  /** Still being read from the store (a few milliseconds): say so, not "none". */
  pending: boolean;
  language: string;
  popId: string;
}): ReactElement {
  const { t } = useTranslation();
  // One player open per card: the agent hears one conversation at a time.
  const [listening, setListening] = useState<string | null>(null);
  if (pending) {
    return (
      <p className="screenpop-card__none" aria-busy="true" data-testid="screenpop-recent-pending">
        {t('screenpop.lookingUpRecentCalls')}
      </p>
    );
  }
  if (calls.length === 0) return <p className="screenpop-card__none">{t('screenpop.noRecentCalls')}</p>;
  const when = new Intl.DateTimeFormat(language === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
  });
  return (
    <table className="screenpop-card__recent" data-testid="screenpop-recent">
      <caption>{t('screenpop.recentCalls')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('screenpop.col.when')}</th>
          <th scope="col">{t('screenpop.col.direction')}</th>
          <th scope="col">{t('screenpop.col.status')}</th>
          <th scope="col">{t('screenpop.col.duration')}</th>
          <th scope="col">{t('recordings.column')}</th>
        </tr>
      </thead>
      <tbody>
        {calls.map((call) => {
          const key = `${call.at}-${call.direction}-${call.durationSeconds}`;
          const at = when.format(new Date(call.at));
          const open = call.recording !== undefined && listening === call.recording;
          const playerId = `${popId}-recording-${call.recording ?? ''}`;
          return (
            <Fragment key={key}>
              <tr data-testid="screenpop-recent-call">
                <td>
                  <time dateTime={call.at}>{at}</time>
                </td>
                <td>{t(`screenpop.direction.${call.direction}`)}</td>
                <td>{t(`screenpop.status.${call.status}`, { defaultValue: call.status })}</td>
                <td>{formatDuration(call.durationSeconds)}</td>
                <td>
                  {call.recording ? (
                    <ListenToggle
                      media={call.recording}
                      when={at}
                      open={open}
                      controls={playerId}
                      onToggle={(next) => setListening(next ? (call.recording ?? null) : null)}
                    />
                  ) : null}
                </td>
              </tr>
              {open && call.recording ? (
                <RecordingRow id={playerId} media={call.recording} callId={key} when={at} columns={5} />
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

/** One incoming call: who is calling, on which number and queue, and their last calls. */
export function ScreenPopCard({ pop, phone = 'local' }: { pop: ScreenPop; phone?: CardPhone }): ReactElement {
  const { t, i18n } = useTranslation();
  const failure = useScreenPopStore((s) => (s.failure?.callId === pop.callId ? s.failure.error : null));
  const dismiss = useScreenPopStore((s) => s.dismiss);
  const openInCrm = useScreenPopStore((s) => s.openInCrm);
  const { ringingHere, answer, decline } = useCardCall(pop, phone);
  usePauseRecordingsWhenAnswered(pop);
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const titleId = `screenpop-${pop.callId}-title`;

  return (
    <article
      className={`screenpop-card screenpop-card--${pop.state}`}
      aria-labelledby={titleId}
      data-testid="screenpop-card"
      data-call-id={pop.callId}
    >
      <header className="screenpop-card__head">
        <span className="screenpop-card__state" data-testid="screenpop-state">
          {t(`screenpop.state.${pop.state}`)}
          {pop.direction === 'internal' ? ` · ${t('screenpop.internal')}` : ''}
        </span>
      </header>
      <h2 className="screenpop-card__number" id={titleId} data-testid="screenpop-number">
        {pop.caller.display || t('screenpop.unknownNumber')}
      </h2>
      {pop.caller.e164 ? (
        <p className="screenpop-card__e164" data-testid="screenpop-e164">
          {pop.caller.e164}
        </p>
      ) : null}
      <p className="screenpop-card__name" data-testid="screenpop-name">
        {/* While the store is read the name may still come: "unknown" only once it has answered. */}
        {pop.name ?? (pop.recentCallsPending ? '' : t('screenpop.unknownName'))}
      </p>
      <dl className="screenpop-card__facts">
        {pop.did ? (
          <div>
            <dt>{t('screenpop.did')}</dt>
            <dd data-testid="screenpop-did">{pop.did.display}</dd>
          </div>
        ) : null}
        {pop.queue ? (
          <div>
            <dt>{t('screenpop.queue')}</dt>
            <dd data-testid="screenpop-queue">{pop.queue}</dd>
          </div>
        ) : null}
      </dl>
      <RecentCalls
        calls={pop.recentCalls}
        pending={pop.recentCallsPending === true}
        language={language}
        popId={pop.callId}
      />
      {failure ? (
        <p className="screenpop-card__error" role="alert">
          {messageFor(failure, language)}
        </p>
      ) : null}
      <div className="screenpop-card__actions">
        {ringingHere ? (
          <>
            <button type="button" className="button button--primary" data-testid="screenpop-answer" onClick={answer}>
              {t('phone.answer')}
            </button>
            <button type="button" className="button" data-testid="screenpop-decline" onClick={decline}>
              {t('phone.decline')}
            </button>
          </>
        ) : null}
        {pop.crmUrl ? (
          <button
            type="button"
            className="button"
            data-testid="screenpop-open-crm"
            onClick={() => void openInCrm(pop.callId)}
          >
            {t('screenpop.openInCrm')}
          </button>
        ) : null}
        {pop.caller.raw.trim() !== '' ? <FavouriteToggle number={pop.caller.raw} display={pop.caller.display} /> : null}
        <button
          type="button"
          className="button button--quiet"
          data-testid="screenpop-dismiss"
          onClick={() => void dismiss(pop.callId)}
        >
          {t('screenpop.dismiss')}
        </button>
      </div>
    </article>
  );
}
