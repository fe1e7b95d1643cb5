import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigationStore } from '../../app/navigation-store';
import { EmptyState } from '../../ui/EmptyState';
import { PhoneIcon } from '../../ui/icons';
import { ScreenHeading } from '../../ui/ScreenHeading';

export function PhoneScreen(): ReactElement {
  const { t } = useTranslation();
  const go = useNavigationStore((state) => state.go);
  return (
    <div className="screen">
      <ScreenHeading title={t('phone.title')} />
      <EmptyState
        icon={<PhoneIcon />}
        title={t('phone.emptyTitle')}
        action={
          <button type="button" className="button button--primary" onClick={() => go('settings')}>
            {t('common.openSettings')}
          </button>
        }
      >
        {t('phone.emptyBody')}
      </EmptyState>
    </div>
  );
}
