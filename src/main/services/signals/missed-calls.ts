import { z } from 'zod';
import type { CallParty } from '../../../shared/domain';
import { agentKeys, isAgentParty } from './agent-filter';
import { toFiniteNumber } from './time';
import type { AgentIdentity, MissedCall } from './types';

/**
 * Which calls in the history of a connection gap rang this agent and were not answered by it:
 *
 * - an inbound (`to_ab`) or internal (`one_one`) call whose callee is this agent (by SIP user,
 *   extension or username), placed by someone else, with `status_detail` other than SUCCESS;
 * - a queue call offered to this agent (its id in `queue_stat[].misses`) that nobody answered
 *   (status not SUCCESS, or the queue marks it abandoned) — a call another agent took is not
 *   missed from the company's point of view.
 *
 * Calls the app already signalled live are left out; records that do not parse are skipped.
 */

const stringish = z.union([z.string(), z.number().finite().transform(String)]);
const Party = z.looseObject({ number: stringish, username: z.string().optional().catch(undefined) });
const Miss = z.looseObject({ agent_id: z.string().nullable().optional().catch(undefined) });
const QueueStat = z.looseObject({
  queue_id: z.string().optional().catch(undefined),
  status: z.string().optional().catch(undefined),
  agent_id: z.string().nullable().optional().catch(undefined),
  misses: z.array(Miss).optional().catch(undefined),
});
const Record = z.looseObject({
  call_id: z.string().optional().catch(undefined),
  caller: Party,
  callee: Party,
  class: z.string().optional().catch(undefined),
  did_number: stringish.nullable().optional().catch(undefined),
  direction: z.string().optional().catch(undefined),
  status_detail: z.string().optional().catch(undefined),
  unix_timestamp: z.unknown(),
  queue_stat: z.array(QueueStat).optional().catch(undefined),
});

export interface MissedCallQuery {
  readonly agent: AgentIdentity;
  readonly fromMs: number;
  readonly toMs: number;
  /** True when the app already showed this call live. */
  readonly wasSignalled: (callId: string | undefined, fromNumber: string, atMs: number) => boolean;
}

export function findMissedCalls(records: readonly unknown[], query: MissedCallQuery): MissedCall[] {
  const keys = agentKeys(query.agent);
  const ownerId = query.agent.ownerId?.trim();
  const missed: MissedCall[] = [];
  for (const raw of records) {
    const parsed = Record.safeParse(raw);
    if (!parsed.success) continue;
    const r = parsed.data;
    const unix = toFiniteNumber(r.unix_timestamp);
    if (unix === undefined) continue;
    const atMs = unix * 1000;
    if (atMs < query.fromMs || atMs > query.toMs) continue;

    const status = r.status_detail ?? 'UNKNOWN';
    const answered = status.toUpperCase() === 'SUCCESS';
    const callerIsAgent = isAgentParty(r.caller, keys);
    const towardsCompany = r.direction === 'to_ab' || r.class === 'one_one';
    const rangAgent = towardsCompany && !callerIsAgent && isAgentParty(r.callee, keys);
    const stats = r.queue_stat ?? [];
    const offeredInQueue =
      ownerId !== undefined &&
      ownerId !== '' &&
      stats.some(
        (s) =>
          s.agent_id !== ownerId &&
          (s.misses ?? []).some((m) => m.agent_id === ownerId) &&
          (!answered || s.status === 'abandoned'),
      );
    if (!((rangAgent && !answered) || offeredInQueue)) continue;

    const callId = r.call_id && r.call_id !== '' ? r.call_id : `h:${unix}:${r.caller.number}:${r.callee.number}`;
    if (query.wasSignalled(r.call_id, r.caller.number, atMs)) continue;

    const from: CallParty = { number: r.caller.number };
    const to: CallParty = r.callee.username
      ? { number: r.callee.number, name: r.callee.username }
      : { number: r.callee.number };
    const did = r.did_number ?? undefined;
    const queue = stats.find((s) => s.queue_id)?.queue_id;
    missed.push({
      callId,
      from,
      to,
      at: new Date(atMs).toISOString(),
      ...(did ? { did } : {}),
      ...(queue ? { queue } : {}),
      statusDetail: status,
    });
  }
  return missed.sort((a, b) => a.at.localeCompare(b.at));
}
