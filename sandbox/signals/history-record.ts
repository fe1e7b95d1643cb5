import { randomBytes } from 'node:crypto';
import type { CallParty, CallRecord, CallStatus, QueueStat, SandboxAgent, SandboxQueue } from '../state';
import type { CallOutcome } from './call-spec';

/** The AntBuddy history record of a simulated call (records.ts is the schema). */

export type Party =
  | { readonly kind: 'agent'; readonly agent: SandboxAgent }
  | { readonly kind: 'number'; readonly number: string; readonly name: string };

export interface FinishedCall {
  readonly callId: string;
  readonly direction: 'inbound' | 'outbound' | 'internal';
  readonly caller: Party;
  readonly callee: Party;
  readonly did: string | null;
  readonly queue: SandboxQueue | undefined;
  readonly orgId: string;
  readonly outcome: CallOutcome;
  readonly hangupBy: 'caller' | 'callee';
  /** Sandbox-clock unix ms. */
  readonly startMs: number;
  readonly answeredMs: number | undefined;
  readonly endMs: number;
  readonly recording: boolean;
  /**
   * Queue calls: the agents rung who did not answer, in order (the queue statistic's `misses`).
   * Default: the callee when the call was missed.
   */
  readonly queueMisses?: readonly QueueMiss[];
}

/** An agent a queue rang in vain, and when its phone stopped ringing (sandbox-clock unix ms). */
export interface QueueMiss {
  readonly agent: SandboxAgent;
  readonly atMs: number;
  /** `miss_reason`; default `no_answer` (the phone rang out). A real device that declined: `declined`. */
  readonly reason?: 'no_answer' | 'declined';
}

/** Mongo ObjectId: 4 bytes of unix time, then 8 random bytes. */
export function objectId(unixSeconds: number): string {
  return unixSeconds.toString(16).padStart(8, '0').slice(-8) + randomBytes(8).toString('hex');
}

function party(p: Party): CallParty {
  return p.kind === 'agent'
    ? { number: p.agent.sipUser, type: 'user', username: p.agent.username }
    : { number: p.number, type: 'realnumber' };
}

export function statusOf(direction: FinishedCall['direction'], outcome: CallOutcome): CallStatus {
  switch (outcome) {
    case 'answered':
      return 'SUCCESS';
    case 'missed':
      // Inbound: the call reached the system (IVR/queue) but nobody picked up.
      return direction === 'inbound' ? 'IVR' : 'UNSUCCESS';
    case 'cancelled':
      return 'CANCELLED';
    case 'busy':
      return 'BUSY';
    case 'failed':
      return 'UNSUCCESS';
  }
}

const seconds = (ms: number): number => Math.max(0, Math.round(ms / 1000));

export function historyRecord(call: FinishedCall): CallRecord {
  const unix = Math.floor(call.startMs / 1000);
  const status = statusOf(call.direction, call.outcome);
  const duration = seconds(call.endMs - call.startMs);
  const billing =
    status === 'SUCCESS' && call.answeredMs !== undefined
      ? Math.min(duration, seconds(call.endMs - call.answeredMs))
      : 0;
  return {
    _id: objectId(unix),
    call_id: call.callId,
    caller: party(call.caller),
    callee: party(call.callee),
    class: call.direction === 'internal' ? 'one_one' : 'trunking',
    did_number: call.direction === 'inbound' ? call.did : null,
    direction: call.direction === 'inbound' ? 'to_ab' : 'from_ab',
    status_detail: status,
    duration_seconds: duration,
    unix_timestamp: unix,
    billing_seconds: billing,
    recording: status === 'SUCCESS' && call.recording ? `call_recording_${randomBytes(10).toString('hex')}.wav` : '',
    queue_stat: call.queue ? [queueStat(call, call.queue, billing)] : [],
  };
}

function queueStat(call: FinishedCall, queue: SandboxQueue, talk: number): QueueStat {
  const entered = Math.floor(call.startMs / 1000);
  const handled = call.outcome === 'answered' && call.answeredMs !== undefined;
  const agent = call.callee.kind === 'agent' ? call.callee.agent : undefined;
  const waitEnd = handled ? (call.answeredMs ?? call.endMs) : call.endMs;
  const wait = seconds(waitEnd - call.startMs);
  const hungUpBy = handled ? (call.hangupBy === 'caller' ? 'member' : 'agent') : 'member';
  const abandonReason =
    call.outcome === 'missed' ? 'member_timeout' : call.outcome === 'cancelled' ? 'member_hangup' : 'member_exit';
  const customer = call.caller.kind === 'number' ? call.caller : undefined;
  return {
    _id: objectId(entered),
    call_id: call.callId,
    queue_id: queue.id,
    __v: 0,
    org: call.orgId,
    wait_time: wait,
    caller_id_number: customer?.number ?? '',
    caller_id_name: customer?.name ?? '',
    status: handled ? 'processed' : 'abandoned',
    entered_timestamp: entered,
    handled_timestamp: handled ? entered + wait : null,
    processed_timestamp: handled ? entered + wait + talk : null,
    agent_id: handled && agent ? agent.id : null,
    username: handled && agent ? agent.username : null,
    talk_time: talk,
    hung_up_by: hungUpBy,
    end_call_reason: handled ? (hungUpBy === 'agent' ? 'agent_hungup' : 'member_hungup') : abandonReason,
    misses: (call.queueMisses ?? (call.outcome === 'missed' && agent ? [{ agent, atMs: call.endMs }] : [])).map(
      (miss) => ({
        agent_id: miss.agent.id,
        miss_reason: miss.reason ?? 'no_answer',
        miss_timestamp: Math.floor(miss.atMs / 1000),
      }),
    ),
  };
}
