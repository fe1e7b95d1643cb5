import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { selectInDemo, useDemoStore } from './demo-store';
import './demo.css';

/** The nav rail's mark that this is the demo, visible from every screen. */
export function DemoBadge(): ReactElement | null {
  const { t } = useTranslation();
  const inDemo = useDemoStore(selectInDemo);
  if (!inDemo) return null;
  return (
    <p className="demo-badge" data-testid="demo-badge" title={t('demo.badge')}>
      <span aria-hidden="true">{t('demo.mark')}</span>
      <span className="visually-hidden">{t('demo.badge')}</span>
    </p>
  );
}
