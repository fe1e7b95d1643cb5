import type { CallDirection } from '../../../shared/domain';
import type { HistoryStatus } from '../../../shared/history';
import type { CallRecord } from '../api/types';

/** The agent's point of view, read the way the screen-pop's recent-calls index reads it. */
export function callDirectionOf(record: Pick<CallRecord, 'class' | 'direction'>): CallDirection {
  if (record.class === 'one_one') return 'internal';
  return record.direction === 'to_ab' ? 'inbound' : 'outbound';
}

/**
 * What became of the call (see HISTORY_STATUSES for the rule in words). Only `SUCCESS` means
 * someone talked; a call towards the company (inbound, or internal: towards a colleague) that
 * was not answered is missed for its callee whatever the platform calls the failure; for a
 * call the agent placed, BUSY and CANCELLED are told apart and everything else failed.
 */
export function statusClassOf(direction: CallDirection, statusDetail: string): HistoryStatus {
  const status = statusDetail.trim().toUpperCase();
  if (status === 'SUCCESS') return 'answered';
  if (direction !== 'outbound') return 'missed';
  if (status === 'BUSY') return 'busy';
  if (status === 'CANCELLED' || status === 'CANCELED') return 'cancelled';
  return 'failed';
}
