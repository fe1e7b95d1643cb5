import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { messageFor } from '../../../../shared/errors';
import { Banner } from '../../ui/Banner';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { SettingsChecks } from '../checks/SettingsChecks';
import { SettingsForm } from './SettingsForm';
import { useSettingsStore } from './settings-store';

export function SettingsScreen(): ReactElement {
  const { t, i18n } = useTranslation();
  const load = useSettingsStore((state) => state.load);
  const loadSettings = useSettingsStore((state) => state.loadSettings);
  const language = i18n.language === 'en' ? 'en' : 'vi';

  return (
    <div className="screen screen--settings">
      <ScreenHeading title={t('settings.title')}>{t('settings.intro')}</ScreenHeading>
      {load.status === 'idle' || load.status === 'loading' ? (
        <p className="screen__loading" role="status">
          {t('settings.loading')}
        </p>
      ) : null}
      {load.status === 'failed' ? (
        <Banner tone="error" title={t('settings.loadFailed')}>
          <p>{messageFor(load.error, language)}</p>
          <button type="button" className="button" onClick={() => void loadSettings()}>
            {t('settings.retry')}
          </button>
        </Banner>
      ) : null}
      {load.status === 'ready' && load.view.problems.length > 0 ? (
        <Banner tone="warning" title={t('settings.problemsTitle')}>
          <ul className="problem-list">
            {load.view.problems.map((problem, index) => (
              <li key={`${problem.code}-${problem.field ?? ''}-${index}`}>{messageFor(problem, language)}</li>
            ))}
          </ul>
        </Banner>
      ) : null}
      {load.status === 'ready' ? <SettingsForm view={load.view} /> : null}
      {load.status === 'ready' ? <SettingsChecks view={load.view} /> : null}
    </div>
  );
}
