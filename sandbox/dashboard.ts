import { Rng, deriveSeed } from './random';
import { businessWeight } from './call-generator';
import type { SandboxState } from './state';
import { customerNumber } from './phone';

/**
 * The live dashboard, derived from the sandbox clock: each agent's status holds for a few
 * minutes (its own rhythm) and then changes; queue counters come from today's history plus
 * the calls waiting right now. Same seed and same clock value → same answer.
 */

/** Kazoo's Gregorian seconds = unix seconds + this. */
export const GREGORIAN_OFFSET = 62_167_219_200;
const ICT_OFFSET_MS = 7 * 3_600_000;

export type AgentStatus = 'ready' | 'logged_in' | 'connected' | 'wrapup' | 'paused' | 'logged_out';

export interface AgentStatusDetail {
  timestamp: number;
  status: Exclude<AgentStatus, 'logged_out'>;
  id: string;
  agent_id: string;
  start_idle_time: number;
  idle_time: number;
  waiting_calls: unknown[];
  unix_timestamp: number;
  username: string;
  name: string;
}

export interface WaitingCall {
  call_id: string;
  queue_id: string;
  caller_id_number: string;
  caller_id_name: string;
  entered_timestamp: number;
  wait_time: number;
  status: 'waiting';
}

export interface Dashboard {
  agent: Record<AgentStatus, number> & { status_details: AgentStatusDetail[] };
  queue: {
    abandoned: number;
    abandoned_detail: Record<string, number>;
    offered: number;
    handled: number;
    avg_waiting: number;
    max_waiting: number;
    avg_talking: number;
    abandoned_calls: number;
    received: number;
    status_details: WaitingCall[];
    waiting_call_logs: WaitingCall[];
  };
}

/** Start of today (Vietnam time) in unix ms. */
function startOfDayIct(ms: number): number {
  return Math.floor((ms + ICT_OFFSET_MS) / 86_400_000) * 86_400_000 - ICT_OFFSET_MS;
}

export function agentStatusAt(
  state: SandboxState,
  agentId: string,
  nowMs: number,
): { status: AgentStatus; sinceUnix: number } {
  const rhythm = Rng.stream(state.seed, `rhythm:${agentId}`);
  const period = rhythm.int(90, 420);
  const offset = rhythm.int(0, period - 1);
  const nowSeconds = Math.floor(nowMs / 1000);
  const slot = Math.floor((nowSeconds + offset) / period);
  const sinceUnix = slot * period - offset;
  const rng = new Rng(deriveSeed(state.seed, `status:${agentId}:${slot}`));
  const busy = businessWeight(nowMs) >= 0.3;
  const status = busy
    ? rng.weighted<AgentStatus>({ ready: 34, connected: 30, wrapup: 10, paused: 9, logged_in: 5, logged_out: 12 })
    : rng.weighted<AgentStatus>({ logged_out: 85, ready: 10, paused: 5 });
  return { status, sinceUnix };
}

export function buildDashboard(state: SandboxState, nowMs: number): Dashboard {
  const nowSeconds = Math.floor(nowMs / 1000);
  const counts: Record<AgentStatus, number> = {
    ready: 0,
    logged_out: 0,
    wrapup: 0,
    logged_in: 0,
    connected: 0,
    paused: 0,
  };
  const details: AgentStatusDetail[] = [];
  for (const agent of state.agents) {
    const { status, sinceUnix } = agentStatusAt(state, agent.id, nowMs);
    counts[status] += 1;
    if (status === 'logged_out') continue; // "Agents not listed are logged out."
    const gregorian = sinceUnix + GREGORIAN_OFFSET;
    details.push({
      timestamp: gregorian,
      status,
      id: `${agent.id}::${gregorian}`,
      agent_id: agent.id,
      start_idle_time: gregorian,
      idle_time: status === 'ready' ? nowSeconds - sinceUnix : 0,
      waiting_calls: [],
      unix_timestamp: sinceUnix,
      username: agent.username,
      name: agent.name,
    });
  }

  let offered = 0;
  let handled = 0;
  let abandoned = 0;
  let waitTotal = 0;
  let maxWaiting = 0;
  let talkTotal = 0;
  const abandonedDetail: Record<string, number> = {};
  for (const record of state.history.query(startOfDayIct(nowMs), nowMs)) {
    for (const stat of record.queue_stat) {
      offered += 1;
      waitTotal += stat.wait_time;
      maxWaiting = Math.max(maxWaiting, stat.wait_time);
      if (stat.status === 'abandoned') {
        abandoned += 1;
        abandonedDetail[stat.end_call_reason] = (abandonedDetail[stat.end_call_reason] ?? 0) + 1;
      } else {
        handled += 1;
        talkTotal += stat.talk_time;
      }
    }
  }

  const waiting = waitingCalls(state, nowMs);
  return {
    agent: { ...counts, status_details: details },
    queue: {
      abandoned,
      abandoned_detail: abandonedDetail,
      offered: offered + waiting.length,
      handled,
      avg_waiting: offered === 0 ? 0 : Math.round(waitTotal / offered),
      max_waiting: maxWaiting,
      avg_talking: handled === 0 ? 0 : Math.round(talkTotal / handled),
      abandoned_calls: abandoned,
      received: offered + waiting.length,
      status_details: waiting,
      waiting_call_logs: waiting,
    },
  };
}

/** Callers waiting in a queue right now: a new set every 20 seconds, more in busy hours. */
function waitingCalls(state: SandboxState, nowMs: number): WaitingCall[] {
  const nowSeconds = Math.floor(nowMs / 1000);
  const slot = Math.floor(nowSeconds / 20);
  const rng = new Rng(deriveSeed(state.seed, `waiting:${slot}`));
  const count = businessWeight(nowMs) >= 0.3 ? rng.int(0, 3) : rng.int(0, 1) * rng.int(0, 1);
  return Array.from({ length: count }, () => {
    const wait = rng.int(1, 120);
    const number = customerNumber(rng);
    return {
      call_id: `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`,
      queue_id: rng.pick(state.queues).id,
      caller_id_number: number,
      caller_id_name: number,
      entered_timestamp: nowSeconds - wait,
      wait_time: wait,
      status: 'waiting',
    };
  });
}
