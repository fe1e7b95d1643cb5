import { useId, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { messageFor } from '../../../../shared/errors';
import { useNavigationStore } from '../../app/navigation-store';
import { Banner } from '../../ui/Banner';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { useDemoStore } from '../demo/demo-store';
import { ProvisioningImport } from './ProvisioningImport';
import './first-run.css';

/**
 * The first screen of an app with no AntBuddy account: IT's provisioning file, the settings
 * form, or the demo. Each is a card with a heading, so screen readers can jump between them.
 */
export function FirstRunScreen(): ReactElement {
  const { t, i18n } = useTranslation();
  const go = useNavigationStore((s) => s.go);
  const switching = useDemoStore((s) => s.switching);
  const switchError = useDemoStore((s) => s.switchError);
  const demoState = useDemoStore((s) => s.state);
  const startDemo = useDemoStore((s) => s.start);
  const ids = { provisioning: useId(), settings: useId(), demo: useId() };
  const language = i18n.language === 'en' ? 'en' : 'vi';
  // The desktop app answers "starting" and relaunches itself into the demo.
  const relaunching = demoState?.kind === 'starting';

  return (
    <div className="screen screen--first-run" data-testid="first-run">
      <ScreenHeading title={t('first-run.title')}>{t('first-run.intro')}</ScreenHeading>
      <div className="first-run__choices">
        <section className="first-run__choice" aria-labelledby={ids.provisioning}>
          <h2 id={ids.provisioning}>{t('first-run.provisioning.title')}</h2>
          <p>{t('first-run.provisioning.body')}</p>
          <ProvisioningImport />
        </section>
        <section className="first-run__choice" aria-labelledby={ids.settings}>
          <h2 id={ids.settings}>{t('first-run.settings.title')}</h2>
          <p>{t('first-run.settings.body')}</p>
          <div>
            <button type="button" className="button" onClick={() => go('settings')}>
              {t('first-run.settings.open')}
            </button>
          </div>
        </section>
        <section className="first-run__choice first-run__choice--demo" aria-labelledby={ids.demo}>
          <h2 id={ids.demo}>{t('first-run.demo.title')}</h2>
          <p>{t('first-run.demo.body')}</p>
          <div>
            <button
              type="button"
              className="button button--primary"
              disabled={switching !== null || relaunching}
              onClick={() => void startDemo(language)}
            >
              {t('first-run.demo.start')}
            </button>
          </div>
          {switching === 'starting' || relaunching ? (
            <p role="status" data-testid="demo-starting">
              {relaunching ? t('first-run.demo.relaunching') : t('first-run.demo.starting')}
            </p>
          ) : null}
          {switchError ? (
            <Banner tone="error" title={t('first-run.demo.failedTitle')}>
              <p>{messageFor(switchError, language)}</p>
            </Banner>
          ) : null}
        </section>
      </div>
    </div>
  );
}
