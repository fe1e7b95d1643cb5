import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState';
import { HistoryIcon } from '../../ui/icons';
import { ScreenHeading } from '../../ui/ScreenHeading';

export function HistoryScreen(): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="screen">
      <ScreenHeading title={t('history.title')} />
      <EmptyState icon={<HistoryIcon />} title={t('history.emptyTitle')}>
        {t('history.emptyBody')}
      </EmptyState>
    </div>
  );
}
