import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardAgent } from '../../../../shared/dashboard';
import { formatDuration, formatSince } from './dashboard-format';
import { StatusBadge } from './StatusBadge';

const NONE = '—';

/** Idle time means something for a ready agent; a zero for someone on a call or paused is just "not idle". */
function idleShown(agent: DashboardAgent): number | null {
  if (agent.idleSeconds === null) return null;
  return agent.idleSeconds === 0 && agent.status.kind !== 'ready' ? null : agent.idleSeconds;
}

/** Every agent with their extension, status, since when, idle time and waiting calls. */
export function AgentsTable({
  agents,
  titleId,
  nowMs,
}: {
  agents: readonly DashboardAgent[];
  titleId: string;
  /** When the figures were made: a status that began on another day shows its date too. */
  nowMs: number;
}): ReactElement {
  const { t, i18n } = useTranslation();
  if (agents.length === 0) return <p className="dashboard__none">{t('dashboard.noAgents')}</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby={titleId} tabIndex={0}>
      <table className="data-table" aria-labelledby={titleId} data-testid="dashboard-agents">
        <thead>
          <tr>
            <th scope="col">{t('dashboard.columns.name')}</th>
            <th scope="col">{t('dashboard.columns.extension')}</th>
            <th scope="col">{t('dashboard.columns.status')}</th>
            <th scope="col">{t('dashboard.columns.since')}</th>
            <th scope="col" className="data-table__number">
              {t('dashboard.columns.idle')}
            </th>
            <th scope="col" className="data-table__number">
              {t('dashboard.columns.waiting')}
            </th>
          </tr>
        </thead>
        <tbody>
          {agents.map((agent) => {
            const idle = idleShown(agent);
            return (
              <tr key={agent.id} data-agent-id={agent.id}>
                <th scope="row" className="data-table__name">
                  {agent.name}
                </th>
                <td className="data-table__mono">{agent.extensions.length > 0 ? agent.extensions.join(', ') : NONE}</td>
                <td>
                  <StatusBadge status={agent.status} />
                </td>
                <td className="data-table__nowrap">
                  {agent.since ? (
                    <time dateTime={agent.since}>{formatSince(agent.since, i18n.language, nowMs)}</time>
                  ) : (
                    NONE
                  )}
                </td>
                <td className="data-table__number">{idle === null ? NONE : formatDuration(idle, t)}</td>
                <td className="data-table__number">{agent.waitingCalls}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
