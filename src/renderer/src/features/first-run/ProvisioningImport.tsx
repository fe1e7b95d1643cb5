import { useId, type ChangeEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { messageFor } from '../../../../shared/errors';
import { Banner } from '../../ui/Banner';
import { useFirstRunStore } from './first-run-store';

/** The first-run card that imports IT's provisioning file: a file picker, then what the host found. */
export function ProvisioningImport(): ReactElement {
  const { t, i18n } = useTranslation();
  const status = useFirstRunStore((s) => s.importStatus);
  const importFile = useFirstRunStore((s) => s.importFile);
  const dismissImport = useFirstRunStore((s) => s.dismissImport);
  const inputId = useId();
  const language = i18n.language === 'en' ? 'en' : 'vi';

  function picked(event: ChangeEvent<HTMLInputElement>): void {
    const file = event.target.files?.[0];
    // Cleared at once, so choosing the same (corrected) file again fires another change.
    event.target.value = '';
    if (file) void importFile(file);
  }

  return (
    <div className="first-run__import">
      <label htmlFor={inputId} className="button first-run__file-label">
        {t('first-run.provisioning.choose')}
      </label>
      <input
        id={inputId}
        className="first-run__file"
        type="file"
        accept=".json,application/json"
        data-testid="provisioning-file"
        disabled={status.kind === 'checking'}
        onChange={picked}
      />
      {status.kind === 'checking' ? <p role="status">{t('first-run.provisioning.checking')}</p> : null}
      {status.kind === 'failed' ? (
        <Banner tone="error" title={t('first-run.provisioning.failedTitle')}>
          <p>
            {status.reason === 'too-big' ? t('first-run.provisioning.tooBig') : t('first-run.provisioning.unreadable')}
          </p>
        </Banner>
      ) : null}
      {status.kind === 'refused' ? (
        <Banner tone="error" title={t('first-run.provisioning.failedTitle')}>
          <p>{messageFor(status.error, language)}</p>
        </Banner>
      ) : null}
      {status.kind === 'done' && status.outcome.kind === 'invalid' ? (
        <Banner tone="error" title={t('first-run.provisioning.invalidTitle')}>
          <ul className="problem-list" data-testid="provisioning-problems">
            {status.outcome.problems.map((problem, index) => (
              <li key={`${problem.field ?? ''}-${index}`}>{messageFor(problem, language)}</li>
            ))}
          </ul>
        </Banner>
      ) : null}
      {status.kind === 'done' && status.outcome.kind === 'imported' ? (
        <Banner tone="success">
          <p data-testid="provisioning-imported">
            {t('first-run.provisioning.imported', { file: status.fileName, keys: status.outcome.keys.join(', ') })}
          </p>
          <button type="button" className="button button--primary" onClick={dismissImport}>
            {t('first-run.continue')}
          </button>
        </Banner>
      ) : null}
    </div>
  );
}
