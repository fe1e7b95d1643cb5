import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardQueue } from '../../../../shared/dashboard';
import { StatusBadge } from './StatusBadge';

/** Each queue with its members by name and their status. */
export function QueuesList({ queues }: { queues: readonly DashboardQueue[] }): ReactElement {
  const { t } = useTranslation();
  if (queues.length === 0) return <p className="dashboard__none">{t('dashboard.noQueues')}</p>;
  return (
    <ul className="queue-list">
      {queues.map((queue) => {
        const ready = queue.members.filter((m) => m.status.kind === 'ready').length;
        return (
          <li key={queue.key} className="queue-card" data-testid="dashboard-queue" data-queue-key={queue.key}>
            <h3 className="queue-card__name">{queue.name}</h3>
            <p className="queue-card__figures">
              <span data-figure="members">{t('dashboard.queue.members', { count: queue.members.length })}</span>
              <span data-figure="ready">{t('dashboard.queue.ready', { count: ready })}</span>
              <span data-figure="waiting" className={queue.waitingNow > 0 ? 'queue-card__waiting' : undefined}>
                {t('dashboard.queue.waiting', { count: queue.waitingNow })}
              </span>
            </p>
            {queue.members.length === 0 ? (
              <p className="dashboard__none">{t('dashboard.queue.noMembers')}</p>
            ) : (
              <ul className="queue-card__members" aria-label={t('dashboard.queue.membersOf', { queue: queue.name })}>
                {queue.members.map((member) => (
                  <li key={member.id} data-member-id={member.id}>
                    <span className="queue-card__member-name">{member.name}</span>
                    <StatusBadge status={member.status} />
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}
