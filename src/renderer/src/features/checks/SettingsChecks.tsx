import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../../shared/settings';
import { AudioCheck } from './AudioCheck';
import { ConnectionTest } from './ConnectionTest';
import { LogsFolder } from './LogsFolder';
import './checks.css';

/** The Settings screen's checks for IT: Test connection, the audio check and the logs folder. */
export function SettingsChecks({ view }: { view: SettingsView }): ReactElement {
  const { t } = useTranslation();
  const { microphoneId, speakerId, ringerId } = view.values;
  return (
    <section className="settings-checks" aria-labelledby="settings-checks-title">
      <h2 className="settings-checks__title" id="settings-checks-title">
        {t('checks.title')}
      </h2>
      <p className="settings-checks__intro">{t('checks.intro')}</p>
      <ConnectionTest />
      <AudioCheck devices={{ microphoneId, speakerId, ringerId }} />
      <LogsFolder />
    </section>
  );
}
