import { useEffect, useState } from 'react';
import { antring } from '../../api';
import type { RecentNumber } from './palette-model';

const CALL_LOG_LIMIT = 30;
const HISTORY_LIMIT = 30;

/**
 * The numbers this agent talked to lately, for the palette: the in-app phone's own call log
 * (this computer) and this agent's calls in the local history (every device, click-to-call
 * included). Loaded when the palette opens; either may be missing (not configured yet).
 */
export async function loadRecentNumbers(): Promise<RecentNumber[]> {
  const [log, history] = await Promise.all([
    antring()
      .getCallLog({ limit: CALL_LOG_LIMIT })
      .catch(() => null),
    antring()
      .queryHistory({ filters: { mine: true }, limit: HISTORY_LIMIT, total: 'if-cheap' })
      .catch(() => null),
  ]);
  const recent: RecentNumber[] = [];
  if (log?.ok) for (const call of log.value) recent.push({ number: call.number, at: call.startedAt });
  if (history?.ok)
    for (const row of history.value.rows)
      recent.push({
        number: row.party.raw,
        at: row.startMs,
        ...(row.party.name ? { name: row.party.name } : {}),
      });
  return recent;
}

export function useRecentNumbers(): readonly RecentNumber[] {
  const [recent, setRecent] = useState<readonly RecentNumber[]>([]);
  useEffect(() => {
    let current = true;
    void loadRecentNumbers().then((numbers) => {
      if (current) setRecent(numbers);
    });
    return () => {
      current = false;
    };
  }, []);
  return recent;
}
