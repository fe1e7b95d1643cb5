import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueStatistics } from '../../../../shared/dashboard';
import { formatDuration } from './dashboard-format';

type Row = { readonly key: keyof QueueStatistics; readonly kind: 'count' | 'duration' };

const ROWS: readonly Row[] = [
  { key: 'waitingNow', kind: 'count' },
  { key: 'offered', kind: 'count' },
  { key: 'received', kind: 'count' },
  { key: 'handled', kind: 'count' },
  { key: 'abandoned', kind: 'count' },
  { key: 'averageWaitSeconds', kind: 'duration' },
  { key: 'longestWaitSeconds', kind: 'duration' },
  { key: 'averageTalkSeconds', kind: 'duration' },
];

/** The company's queue figures, one per row (the table reads well at any width). */
export function QueueStatsTable({ stats, titleId }: { stats: QueueStatistics; titleId: string }): ReactElement {
  const { t } = useTranslation();
  return (
    <table
      className="data-table data-table--compact queue-stats"
      aria-labelledby={titleId}
      data-testid="dashboard-queue-stats"
    >
      <thead>
        <tr>
          <th scope="col">{t('dashboard.columns.metric')}</th>
          <th scope="col" className="data-table__number">
            {t('dashboard.columns.value')}
          </th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map(({ key, kind }) => (
          <tr key={key} data-stat={key}>
            <th scope="row">{t(`dashboard.stats.${key}`)}</th>
            <td className="data-table__number">{kind === 'duration' ? formatDuration(stats[key], t) : stats[key]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
