import { useId, useRef, type ReactElement, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { DialPrompt } from '../../../../shared/dial';
import { DIAL_TEXT_PROBLEM_TEXT } from '../../../../shared/dial-text';
import { messageFor } from '../../../../shared/errors';
import { selectView, useSettingsStore } from '../settings/settings-store';
import { useDialPromptStore } from './dial-prompt-store';
import { ModalDialog } from './ModalDialog';

/**
 * Asks before dialling a number that came from outside the app (a link, the selected text):
 * the number as Vietnamese agents read it, Call (Enter) or Cancel (Esc). Also says when a link
 * held no number, and when the platform refused the call (Try again, Close).
 */
export function DialPromptDialog({ prompt }: { prompt: DialPrompt }): ReactElement {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const bodyId = useId();
  const primary = useRef<HTMLButtonElement>(null);
  const confirm = useDialPromptStore((s) => s.confirm);
  const cancel = useDialPromptStore((s) => s.cancel);
  const hostError = useDialPromptStore((s) => s.hostError);
  const dialVia = useSettingsStore((s) => selectView(s)?.values.dialVia ?? 'click-to-call');
  const language = i18n.language === 'en' ? 'en' : 'vi';

  const close = (): void => void cancel();
  const frame = (title: string, content: ReactNode): ReactElement => (
    <PromptFrame title={title} titleId={titleId} bodyId={bodyId} primary={primary} onEscape={close}>
      {content}
    </PromptFrame>
  );

  if (prompt.kind === 'not-dialable') {
    const origin = prompt.source === 'link' ? 'link' : prompt.source === 'shortcut' ? 'text' : 'typed';
    return frame(
      t('dial.prompt.notDialableTitle'),
      <>
        <p className="dial-dialog__problem" id={bodyId} role="alert" data-testid="dial-prompt-problem">
          {DIAL_TEXT_PROBLEM_TEXT[origin][prompt.problem][language]}
        </p>
        <div className="dial-dialog__actions">
          <button ref={primary} type="button" className="button button--primary" onClick={close}>
            {t('dial.prompt.close')}
          </button>
        </div>
      </>,
    );
  }

  const who = prompt.name ? (
    <p className="dial-dialog__name" data-testid="dial-prompt-name">
      {prompt.name}
    </p>
  ) : null;
  const number = (
    <p className="dial-dialog__number" data-testid="dial-prompt-number" data-dial={prompt.number.dial}>
      {prompt.number.display}
    </p>
  );

  if (prompt.kind === 'failed') {
    return frame(
      t('dial.prompt.failedTitle'),
      <>
        {number}
        {who}
        <p className="dial-dialog__problem" id={bodyId} role="alert" data-testid="dial-prompt-problem">
          {messageFor(prompt.error, language)}
        </p>
        <div className="dial-dialog__actions">
          <button type="button" className="button" onClick={close}>
            {t('dial.prompt.close')}
          </button>
          <button ref={primary} type="button" className="button button--primary" onClick={() => void confirm()}>
            {t('dial.prompt.retry')}
          </button>
        </div>
      </>,
    );
  }

  const dialing = prompt.kind === 'dialing';
  return frame(
    t('dial.prompt.title'),
    <>
      {number}
      {who}
      <p className="dial-dialog__help" id={bodyId}>
        {t(`dial.prompt.source.${prompt.source}`)} {t(`dial.prompt.via.${dialing ? prompt.via : dialVia}`)}
      </p>
      {dialing ? (
        <p className="dial-dialog__status" role="status" data-testid="dial-prompt-dialing">
          {t('dial.prompt.dialing', { number: prompt.number.display })}
        </p>
      ) : null}
      {hostError ? (
        <p className="dial-dialog__problem" role="alert">
          {messageFor(hostError, language)}
        </p>
      ) : null}
      <div className="dial-dialog__actions">
        <button type="button" className="button" onClick={close}>
          {t('dial.prompt.cancel')}
        </button>
        <button
          ref={primary}
          type="button"
          className="button button--primary"
          // Not `disabled`: the focused button would lose focus, and Esc with it. The store ignores it while dialing.
          aria-disabled={dialing}
          data-testid="dial-prompt-call"
          onClick={() => void confirm()}
        >
          {t('dial.prompt.call')}
        </button>
      </div>
    </>,
  );
}

/** The dialog every state of the prompt shows: its title, then the state's own content. */
function PromptFrame({
  title,
  titleId,
  bodyId,
  primary,
  onEscape,
  children,
}: {
  title: string;
  titleId: string;
  bodyId: string;
  primary: RefObject<HTMLButtonElement | null>;
  onEscape: () => void;
  children: ReactNode;
}): ReactElement {
  return (
    <ModalDialog
      labelledBy={titleId}
      describedBy={bodyId}
      onEscape={onEscape}
      initialFocus={primary}
      testId="dial-prompt"
    >
      <h2 className="dial-dialog__title" id={titleId}>
        {title}
      </h2>
      {children}
    </ModalDialog>
  );
}
