/**
 * The live dashboard as the renderer sees it: one snapshot built in main from AntBuddy's
 * dashboard, queues and agents answers, already joined and converted (real times as ISO
 * strings, durations in seconds), so the screen never interprets the vendor's wire format.
 */

/** The agent statuses AntBuddy (Kazoo ACDC) documents, in the order the screen lists them. */
export const AGENT_STATUSES = ['ready', 'connected', 'wrapup', 'paused', 'logged_in', 'logged_out'] as const;
export type KnownAgentStatus = (typeof AGENT_STATUSES)[number];

/** A status the platform sent that is none of the documented ones: shown as the server spelled it. */
export interface OtherAgentStatus {
  readonly kind: 'other';
  readonly raw: string;
}
export type AgentStatus = { readonly kind: KnownAgentStatus } | OtherAgentStatus;

export interface DashboardAgent {
  /** anttel.userId, the id queues list their members by. */
  readonly id: string;
  readonly name: string;
  readonly username: string;
  /** Internal extensions (the agent directory's `ext`); empty when the directory does not know the agent. */
  readonly extensions: readonly string[];
  readonly status: AgentStatus;
  /** ISO 8601: when the current status began; null when the platform did not say (e.g. logged out). */
  readonly since: string | null;
  /** How long the agent has been idle, in seconds, as of `DashboardSnapshot.generatedAt`; null when unknown. */
  readonly idleSeconds: number | null;
  /** Calls waiting for this agent (the length of its `waiting_calls`). */
  readonly waitingCalls: number;
}

/** How many agents are in one status. Known statuses always appear (zero included), in AGENT_STATUSES order. */
export interface StatusCount {
  readonly status: AgentStatus;
  readonly count: number;
}

/** The company's queue figures for today, as the platform counts them. Durations in seconds. */
export interface QueueStatistics {
  readonly offered: number;
  readonly received: number;
  readonly handled: number;
  readonly abandoned: number;
  readonly averageWaitSeconds: number;
  readonly longestWaitSeconds: number;
  readonly averageTalkSeconds: number;
  /** Callers in a queue right now (the dashboard's waiting call log). */
  readonly waitingNow: number;
}

export interface QueueMember {
  readonly id: string;
  /** The agent's name, or its id when the agent directory does not list it. */
  readonly name: string;
  readonly status: AgentStatus;
}

export interface DashboardQueue {
  /** The queue id when the server sends one; the name otherwise (names are what people see). */
  readonly key: string;
  readonly name: string;
  /** Sorted by name. */
  readonly members: readonly QueueMember[];
  /** Callers waiting in this queue now, when the waiting call log names queues by id. */
  readonly waitingNow: number;
}

export interface DashboardSnapshot {
  /** ISO 8601: when main assembled the snapshot (its own clock). */
  readonly generatedAt: string;
  /** Sorted by status (AGENT_STATUSES order, other last), then name. */
  readonly agents: readonly DashboardAgent[];
  readonly counts: readonly StatusCount[];
  readonly queueStatistics: QueueStatistics;
  /** Sorted by name. */
  readonly queues: readonly DashboardQueue[];
}

/** Same status (two `other`s are the same when the server spelled them the same). */
export function sameStatus(a: AgentStatus, b: AgentStatus): boolean {
  if (a.kind === 'other') return b.kind === 'other' && a.raw === b.raw;
  return a.kind === b.kind;
}
