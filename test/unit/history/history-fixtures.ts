import type { HistoryGroup, HistoryRow } from '../../../src/shared/history';

/** A made-up call at position `index` of a newest-first list (one a minute, back from a fixed time). */
export function syntheticRow(index: number, overrides: Partial<HistoryRow> = {}): HistoryRow {
  const startMs = 1_750_000_000_000 - index * 60_000;
  const digits = String(912_000_000 + (index % 500)).padStart(9, '0');
  return {
    key: `call-${index}`,
    startedAt: new Date(startMs).toISOString(),
    startMs,
    direction: 'inbound',
    status: 'answered',
    statusDetail: 'SUCCESS',
    party: { raw: `0${digits}`, display: `0${digits}`, e164: `+84${digits}`, isExtension: false },
    caller: { number: `0${digits}` },
    callee: { number: 'agent8001' },
    agent: { number: 'agent8001', username: 'nguyenmyngan', name: 'Nguyễn Mỹ Ngân' },
    durationSeconds: 75,
    talkSeconds: 60,
    ...overrides,
  };
}

export function syntheticGroup(index: number): HistoryGroup {
  const row = syntheticRow(index);
  return {
    number: row.party.e164 ?? row.party.raw,
    party: row.party,
    calls: 3,
    missed: 1,
    lastAt: row.startedAt,
    lastMs: row.startMs,
    lastStatus: 'missed',
    lastDirection: 'inbound',
  };
}

/** Resolves every pending promise callback (answers of fake host calls) without advancing time. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
