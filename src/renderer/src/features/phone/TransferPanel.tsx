import { useEffect, useId, useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { usePhoneStore, type PhoneActionProblem } from '../../sip/phone-store';
import { resolveColleague } from '../../sip/transfer';
import { useColleaguesStore } from './colleagues-store';

/** At most this many suggestions: the list is a hint, not a directory. */
const MAX_SUGGESTIONS = 8;

/**
 * Where a call goes: any number or extension, with the company's colleagues offered as the
 * agent types (a native datalist: a combobox to assistive technology). "Blind transfer" hands the
 * call over at once; "Consult" first calls the target while the caller waits on hold.
 */
export function TransferPanel({
  callId,
  id,
  onDone,
}: {
  callId: string;
  id: string;
  onDone: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const inputId = useId();
  const listId = useId();
  const helpId = useId();
  const blindTransfer = usePhoneStore((s) => s.blindTransfer);
  const consult = usePhoneStore((s) => s.consult);
  const colleagues = useColleaguesStore((s) => s.colleagues);
  const loadColleagues = useColleaguesStore((s) => s.load);
  const [target, setTarget] = useState('');
  const [problem, setProblem] = useState<PhoneActionProblem | null>(null);

  useEffect(() => {
    void loadColleagues();
  }, [loadColleagues]);

  const typed = target.trim().toLowerCase();
  const suggestions = colleagues
    .filter(
      (c) =>
        typed === '' ||
        c.name.toLowerCase().includes(typed) ||
        c.username.toLowerCase().includes(typed) ||
        c.extensions.some((ext) => ext.startsWith(typed)),
    )
    .slice(0, MAX_SUGGESTIONS);

  const run = (how: 'blind' | 'consult'): void => {
    const resolved = resolveColleague(target, colleagues);
    const result = how === 'blind' ? blindTransfer(resolved, callId) : consult(resolved, callId);
    if (!result.ok) {
      setProblem(result.error);
      return;
    }
    setProblem(null);
    onDone();
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    run('blind');
  };

  return (
    <form className="transfer-panel" id={id} onSubmit={submit} noValidate>
      <label className="field__label" htmlFor={inputId}>
        {t('phone.transferTo')}
      </label>
      <input
        id={inputId}
        className="input"
        type="text"
        inputMode="tel"
        autoComplete="off"
        maxLength={64}
        list={listId}
        value={target}
        aria-invalid={problem === 'empty' || problem === 'invalid' ? true : undefined}
        aria-describedby={helpId}
        onChange={(e) => setTarget(e.target.value)}
      />
      <datalist id={listId} data-testid="transfer-suggestions">
        {suggestions.map((c) => {
          const value = c.extensions[0] ?? c.username;
          return (
            <option key={`${c.username}-${value}`} value={value}>
              {c.name}
            </option>
          );
        })}
      </datalist>
      <p className="field__help" id={helpId}>
        {t('phone.transferHelp')}
      </p>
      {problem ? (
        <p className="phone-dial__error" role="alert">
          {t(`phone.transferProblem.${problem}`)}
        </p>
      ) : null}
      <div className="call-card__actions">
        <button type="submit" className="button button--primary">
          {t('phone.blindTransfer')}
        </button>
        <button type="button" className="button" onClick={() => run('consult')}>
          {t('phone.consult')}
        </button>
      </div>
    </form>
  );
}
