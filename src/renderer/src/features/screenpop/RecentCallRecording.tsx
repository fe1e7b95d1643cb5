import { useEffect, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenPop } from '../../../../shared/contract';
import { pauseRecordingsOf, playRecording, RecordingPlayer } from '../recordings';

/**
 * The screen-pop's way to hear the last conversations with the caller before answering: a
 * Listen button on each earlier call that has a recording, opening the player under that row.
 */

/** Opens (and starts) or closes the player of one earlier call. */
export function ListenToggle({
  media,
  when,
  open,
  controls,
  onToggle,
}: {
  media: string;
  when: string;
  open: boolean;
  controls: string;
  onToggle: (open: boolean) => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="button button--quiet screenpop-card__listen"
      aria-expanded={open}
      aria-controls={open ? controls : undefined}
      aria-label={t('recordings.listenTo', { when })}
      data-testid="screenpop-listen"
      data-media={media}
      onClick={() => {
        // Started from the click itself: the agent asked to hear it, and that is the gesture
        // autoplay rules want.
        if (!open) playRecording(media);
        onToggle(!open);
      }}
    >
      {t('recordings.listen')}
    </button>
  );
}

/** The player of one earlier call, as a full-width row under it. */
export function RecordingRow({
  id,
  media,
  callId,
  when,
  columns,
}: {
  id: string;
  media: string;
  callId: string;
  when: string;
  columns: number;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <tr className="screenpop-card__player-row" id={id}>
      <td colSpan={columns}>
        <RecordingPlayer media={media} callId={callId} label={t('recordings.callLabel', { when })} />
      </td>
    </tr>
  );
}

/** Once the agent is on the call, a recording still playing would talk over the customer. */
export function usePauseRecordingsWhenAnswered(pop: ScreenPop): void {
  const answered = pop.state === 'answered-here';
  const medias = pop.recentCalls.flatMap((call) => (call.recording ? [call.recording] : []));
  const key = medias.join('\n');
  useEffect(() => {
    if (answered && key !== '') pauseRecordingsOf(key.split('\n'));
  }, [answered, key]);
}
