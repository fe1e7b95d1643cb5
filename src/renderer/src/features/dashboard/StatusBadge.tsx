import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentStatus } from '../../../../shared/dashboard';
import { statusClass, statusLabel } from './dashboard-format';

/** A status as a coloured pill; the colour only repeats the word, so it never carries meaning alone. */
export function StatusBadge({ status }: { status: AgentStatus }): ReactElement {
  const { t } = useTranslation();
  return (
    <span className={`status-badge ${statusClass(status)}`} data-status={status.kind}>
      <span className="status-badge__dot" aria-hidden="true" />
      {statusLabel(status, t)}
    </span>
  );
}
