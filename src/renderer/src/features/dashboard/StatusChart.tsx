import { useId, type ReactElement } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { StatusCount } from '../../../../shared/dashboard';
import { statusClass, statusLabel } from './dashboard-format';

/** A count's row name: unknown statuses say they are "other" and what the server called them. */
function countLabel(entry: StatusCount, t: TFunction): string {
  const label = statusLabel(entry.status, t);
  return entry.status.kind === 'other' ? t('dashboard.otherStatus', { status: label }) : label;
}

const ROW = 28;
const BAR = 16;
const LABEL_WIDTH = 132;
const BAR_SPACE = 150;
const WIDTH = LABEL_WIDTH + BAR_SPACE + 36;

/**
 * Agents by status as horizontal bars, drawn with SVG presentation attributes (the CSP allows
 * no inline styles), with the same numbers in a table beside it for screen readers and copying.
 */
export function StatusChart({ counts, titleId }: { counts: readonly StatusCount[]; titleId: string }): ReactElement {
  const { t } = useTranslation();
  const chartTitleId = useId();
  const max = Math.max(1, ...counts.map((c) => c.count));
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const height = counts.length * ROW;
  return (
    <div className="status-chart">
      <svg
        className="status-chart__svg"
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
        role="img"
        aria-labelledby={chartTitleId}
        focusable="false"
      >
        <title id={chartTitleId}>{t('dashboard.chart.title')}</title>
        {counts.map((entry, index) => {
          const y = index * ROW;
          const width = entry.count === 0 ? 0 : Math.max(3, (entry.count / max) * BAR_SPACE);
          const label = countLabel(entry, t);
          return (
            <g key={`${entry.status.kind}:${label}`} className={statusClass(entry.status)}>
              <text className="status-chart__label" x={0} y={y + ROW / 2} dominantBaseline="middle">
                {label.length > 18 ? `${label.slice(0, 17)}…` : label}
              </text>
              <rect
                className="status-chart__track"
                x={LABEL_WIDTH}
                y={y + (ROW - BAR) / 2}
                width={BAR_SPACE}
                height={BAR}
                rx={3}
              />
              <rect
                className="status-chart__bar"
                x={LABEL_WIDTH}
                y={y + (ROW - BAR) / 2}
                width={width}
                height={BAR}
                rx={3}
              />
              <text
                className="status-chart__value"
                x={LABEL_WIDTH + width + 6}
                y={y + ROW / 2}
                dominantBaseline="middle"
              >
                {entry.count}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="data-table data-table--compact" aria-labelledby={titleId} data-testid="dashboard-counts">
        <thead>
          <tr>
            <th scope="col">{t('dashboard.columns.status')}</th>
            <th scope="col" className="data-table__number">
              {t('dashboard.columns.agents')}
            </th>
          </tr>
        </thead>
        <tbody>
          {counts.map((entry) => {
            const label = countLabel(entry, t);
            return (
              <tr key={`${entry.status.kind}:${label}`} data-status={entry.status.kind}>
                <th scope="row">
                  <span className={`status-dot ${statusClass(entry.status)}`} aria-hidden="true" />
                  {label}
                </th>
                <td className="data-table__number">{entry.count}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('dashboard.total')}</th>
            <td className="data-table__number">{total}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
