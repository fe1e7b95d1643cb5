import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertIcon } from '../../ui/icons';
import { formatSince, formatUpdatedAgo } from './dashboard-format';
import { useNow } from './use-now';

/**
 * "Updated N s ago", re-rendered every second but never announced (no live region: a
 * screen reader would read it out every second). Staleness is announced once, when it
 * starts, by the polite live region, whose text does not tick.
 */
export function FreshnessNote({
  receivedAt,
  stale,
  refreshing,
}: {
  receivedAt: number | null;
  stale: boolean;
  refreshing: boolean;
}): ReactElement {
  const { t, i18n } = useTranslation();
  // Only this line ticks every second, not the whole screen.
  const nowMs = useNow(1000, `${receivedAt ?? ''}:${String(stale)}`);
  return (
    <div className="freshness">
      <p className={`freshness__ago${stale ? ' freshness__ago--stale' : ''}`} data-testid="dashboard-updated">
        {receivedAt === null ? t('dashboard.updating') : formatUpdatedAgo(receivedAt, nowMs, t)}
        {refreshing && receivedAt !== null ? <span className="freshness__busy">{t('dashboard.updating')}</span> : null}
      </p>
      <div aria-live="polite" aria-atomic="true" className="freshness__live">
        {stale && receivedAt !== null ? (
          <p className="freshness__stale" data-testid="dashboard-stale">
            <AlertIcon />
            <span>
              {t('dashboard.stale', {
                time: formatSince(new Date(receivedAt).toISOString(), i18n.language, nowMs),
              })}
            </span>
          </p>
        ) : null}
      </div>
    </div>
  );
}
