import {
  AGENT_STATUSES,
  sameStatus,
  type AgentStatus,
  type DashboardAgent,
  type DashboardQueue,
  type DashboardSnapshot,
  type QueueStatistics,
  type StatusCount,
} from '../../../shared/dashboard';
import type { Agent, AgentStatusDetail, Dashboard, Queue } from '../api';
import { mapAgentStatus } from './agent-status';
import { isWaitingNow, StatusDetailExtrasSchema } from './wire-extras';
import {
  gregorianToIso,
  IDLE_TIME_UNIT,
  QUEUE_DURATION_UNIT,
  toSeconds,
  unixSecondsToIso,
  type DurationUnit,
} from './wire-units';

/** The three answers a snapshot is made of, as the API client parsed them. */
export interface DashboardSources {
  readonly dashboard: Dashboard;
  readonly queues: readonly Queue[];
  readonly agents: readonly Agent[];
}

export interface AdapterOptions {
  /** When the snapshot is made (main's clock). */
  readonly generatedAt: Date;
  /** Only tests pass this: the real unit is decided once, in wire-units. */
  readonly idleTimeUnit?: DurationUnit;
}

const LOGGED_OUT: AgentStatus = { kind: 'logged_out' };
const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** The time a status detail began: its Gregorian `timestamp`, else its `unix_timestamp`. */
function statusSince(detail: AgentStatusDetail, gregorian: number | undefined): string | null {
  const fromGregorian = gregorian === undefined ? null : gregorianToIso(gregorian);
  if (fromGregorian) return fromGregorian;
  return detail.unix_timestamp === undefined ? null : unixSecondsToIso(detail.unix_timestamp);
}

/** Sort key of a status detail: newer entries replace older ones for the same agent. */
function detailTime(detail: AgentStatusDetail, gregorian: number | undefined): number {
  const since = statusSince(detail, gregorian);
  return since === null ? Number.NEGATIVE_INFINITY : Date.parse(since);
}

interface LiveStatus {
  readonly detail: AgentStatusDetail;
  readonly status: AgentStatus;
  readonly since: string | null;
  readonly idleSeconds: number | null;
  readonly waitingCalls: number;
  readonly time: number;
}

/** One entry per agent id: the newest, in case the platform lists an agent's earlier statuses too. */
function liveStatuses(details: readonly AgentStatusDetail[], idleUnit: DurationUnit): Map<string, LiveStatus> {
  const byAgent = new Map<string, LiveStatus>();
  for (const detail of details) {
    const extras = StatusDetailExtrasSchema.parse(detail);
    const time = detailTime(detail, extras.timestamp);
    const previous = byAgent.get(detail.agent_id);
    if (previous && previous.time > time) continue;
    byAgent.set(detail.agent_id, {
      detail,
      status: mapAgentStatus(detail.status),
      since: statusSince(detail, extras.timestamp),
      idleSeconds: detail.idle_time === undefined ? null : toSeconds(detail.idle_time, idleUnit),
      waitingCalls: extras.waiting_calls?.length ?? 0,
      time,
    });
  }
  return byAgent;
}

function statusRank(status: AgentStatus): number {
  return status.kind === 'other' ? AGENT_STATUSES.length : AGENT_STATUSES.indexOf(status.kind);
}

function compareAgents(a: DashboardAgent, b: DashboardAgent): number {
  const byStatus = statusRank(a.status) - statusRank(b.status);
  if (byStatus !== 0) return byStatus;
  if (a.status.kind === 'other' && b.status.kind === 'other') {
    const byRaw = collator.compare(a.status.raw, b.status.raw);
    if (byRaw !== 0) return byRaw;
  }
  return collator.compare(a.name, b.name) || collator.compare(a.id, b.id);
}

/**
 * Every agent the directory lists (those the dashboard does not list are logged out, as the
 * vendor documents), plus any agent the dashboard lists that the directory does not know.
 */
function joinAgents(directory: readonly Agent[], live: Map<string, LiveStatus>): DashboardAgent[] {
  const agents: DashboardAgent[] = [];
  const seen = new Set<string>();
  for (const entry of directory) {
    const id = entry.anttel.userId;
    if (seen.has(id)) continue;
    seen.add(id);
    const status = live.get(id);
    agents.push({
      id,
      name: entry.name.trim() || entry.username || id,
      username: entry.username,
      extensions: [...entry.ext],
      status: status?.status ?? LOGGED_OUT,
      since: status?.since ?? null,
      idleSeconds: status?.idleSeconds ?? null,
      waitingCalls: status?.waitingCalls ?? 0,
    });
  }
  for (const [id, status] of live) {
    if (seen.has(id)) continue;
    const { detail } = status;
    agents.push({
      id,
      name: detail.name?.trim() || detail.username || id,
      username: detail.username ?? '',
      extensions: [],
      status: status.status,
      since: status.since,
      idleSeconds: status.idleSeconds,
      waitingCalls: status.waitingCalls,
    });
  }
  return agents.sort(compareAgents);
}

/** Counted from the joined agents, so the chart, the counts and the table always agree. */
function countByStatus(agents: readonly DashboardAgent[]): StatusCount[] {
  const counts: { status: AgentStatus; count: number }[] = AGENT_STATUSES.map((kind) => ({
    status: { kind },
    count: 0,
  }));
  for (const agent of agents) {
    const entry = counts.find((c) => sameStatus(c.status, agent.status));
    if (entry) entry.count += 1;
    else counts.push({ status: agent.status, count: 1 });
  }
  return counts;
}

function waitingByQueue(logs: readonly unknown[]): { total: number; byQueue: Map<string, number> } {
  const byQueue = new Map<string, number>();
  let total = 0;
  for (const entry of logs) {
    const { waiting, queueId } = isWaitingNow(entry);
    if (!waiting) continue;
    total += 1;
    if (queueId !== undefined) byQueue.set(queueId, (byQueue.get(queueId) ?? 0) + 1);
  }
  return { total, byQueue };
}

function queueStatistics(queue: Dashboard['queue'], waitingNow: number): QueueStatistics {
  return {
    offered: queue.offered,
    received: queue.received,
    handled: queue.handled,
    abandoned: queue.abandoned,
    averageWaitSeconds: toSeconds(queue.avg_waiting, QUEUE_DURATION_UNIT),
    longestWaitSeconds: toSeconds(queue.max_waiting, QUEUE_DURATION_UNIT),
    averageTalkSeconds: toSeconds(queue.avg_talking, QUEUE_DURATION_UNIT),
    waitingNow,
  };
}

function joinQueues(
  queues: readonly Queue[],
  agents: readonly DashboardAgent[],
  waiting: Map<string, number>,
): DashboardQueue[] {
  const byId = new Map(agents.map((agent) => [agent.id, agent]));
  return queues
    .map((queue) => {
      const members = [...new Set(queue.agents)]
        .map((id) => {
          const agent = byId.get(id);
          return { id, name: agent?.name ?? id, status: agent?.status ?? LOGGED_OUT };
        })
        .sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.id, b.id));
      const key = queue.id ?? queue.name;
      return { key, name: queue.name, members, waitingNow: queue.id === undefined ? 0 : (waiting.get(queue.id) ?? 0) };
    })
    .sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.key, b.key));
}

/** Joins the dashboard, queues and agents answers into the one snapshot the screen shows. */
export function buildDashboardSnapshot(sources: DashboardSources, options: AdapterOptions): DashboardSnapshot {
  const live = liveStatuses(sources.dashboard.agent.status_details, options.idleTimeUnit ?? IDLE_TIME_UNIT);
  const agents = joinAgents(sources.agents, live);
  const waiting = waitingByQueue(sources.dashboard.queue.waiting_call_logs);
  return {
    generatedAt: options.generatedAt.toISOString(),
    agents,
    counts: countByStatus(agents),
    queueStatistics: queueStatistics(sources.dashboard.queue, waiting.total),
    queues: joinQueues(sources.queues, agents, waiting.byQueue),
  };
}
