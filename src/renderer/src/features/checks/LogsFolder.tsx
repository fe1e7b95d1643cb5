import { useId, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { messageFor, type AppError } from '../../../../shared/errors';
import type { LogsFolder as LogsFolderInfo } from '../../../../shared/logs';
import { antring } from '../../api';
import { Banner } from '../../ui/Banner';

type Copy = 'none' | 'copied' | 'byHand';

/**
 * "Open logs folder": the desktop app shows the folder in the file manager; the web host
 * cannot, so the page shows the path with a Copy button instead.
 */
export function LogsFolder(): ReactElement {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const [folder, setFolder] = useState<LogsFolderInfo | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [copy, setCopy] = useState<Copy>('none');
  const pathRef = useRef<HTMLInputElement>(null);
  const pathId = useId();

  async function open(): Promise<void> {
    setCopy('none');
    const result = await antring().openLogsFolder();
    if (result.ok) {
      setFolder(result.value);
      setProblem(null);
    } else {
      setProblem(result.error);
    }
  }

  async function copyPath(path: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(path);
      setCopy('copied');
    } catch {
      // No clipboard access (an insecure page, a refused permission): select it for Ctrl+C.
      pathRef.current?.select();
      setCopy('byHand');
    }
  }

  return (
    <section className="checks-section" aria-labelledby="checks-logs-title">
      <h3 className="checks-section__title" id="checks-logs-title">
        {t('checks.logs.title')}
      </h3>
      <p className="checks-section__intro">{t('checks.logs.intro')}</p>
      <div className="checks-section__actions">
        <button type="button" className="button" onClick={() => void open()}>
          {t('checks.logs.open')}
        </button>
      </div>
      {problem ? (
        <Banner tone="error" title={t('checks.logs.failed')}>
          <p>{messageFor(problem, language)}</p>
        </Banner>
      ) : null}
      {folder?.opened ? (
        <p className="checks-section__note" role="status">
          {t('checks.logs.opened', { path: folder.path })}
        </p>
      ) : null}
      {folder && !folder.opened ? (
        <div className="logs-path">
          <label className="logs-path__label" htmlFor={pathId}>
            {t('checks.logs.here')}
          </label>
          <div className="logs-path__row">
            <input
              id={pathId}
              ref={pathRef}
              className="input input--code"
              readOnly
              value={folder.path}
              data-testid="logs-path"
              onFocus={(event) => event.currentTarget.select()}
            />
            <button type="button" className="button" onClick={() => void copyPath(folder.path)}>
              {t('checks.logs.copy')}
            </button>
          </div>
          <p className="checks-section__note" role="status">
            {copy === 'copied' ? t('checks.logs.copied') : copy === 'byHand' ? t('checks.logs.copyByHand') : ''}
          </p>
        </div>
      ) : null}
    </section>
  );
}
