import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState';
import { DashboardIcon } from '../../ui/icons';
import { ScreenHeading } from '../../ui/ScreenHeading';

export function DashboardScreen(): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="screen">
      <ScreenHeading title={t('dashboard.title')} />
      <EmptyState icon={<DashboardIcon />} title={t('dashboard.emptyTitle')}>
        {t('dashboard.emptyBody')}
      </EmptyState>
    </div>
  );
}
