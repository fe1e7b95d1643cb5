import { Rng } from './random';
import type { CallParty, CallRecord, CallStatus, QueueStat, SandboxAgent, SandboxQueue } from './records';
import type { Company } from './company';
import { customerNumber } from './phone';
import { vietnameseName } from './company';

/**
 * A realistic, seeded call history: business-hours weighted (Vietnam time), every direction,
 * class and status, durations consistent with the status, queue statistics for queue calls
 * and recordings for a share of answered calls.
 */

export interface HistoryOptions {
  readonly seed: number;
  readonly calls: number;
  readonly days: number;
  readonly nowMs: number;
}

const ICT_OFFSET_MS = 7 * 3_600_000;
/** Relative call volume per hour of the day, Vietnam time. */
const HOUR_WEIGHT = [
  0.01, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.3, 0.9, 1, 1, 1, 0.45, 0.8, 1, 1, 0.95, 0.85, 0.35, 0.12, 0.08, 0.05,
  0.03, 0.02,
];
/** Sunday first. */
const DAY_WEIGHT = [0.12, 1, 1, 1, 0.95, 0.9, 0.5];

export function businessWeight(ms: number): number {
  const local = new Date(ms + ICT_OFFSET_MS);
  return (HOUR_WEIGHT[local.getUTCHours()] ?? 0) * (DAY_WEIGHT[local.getUTCDay()] ?? 0);
}

/** Mongo ObjectId: 4 bytes of unix time, then 8 random bytes. */
function objectId(rng: Rng, unixSeconds: number): string {
  return unixSeconds.toString(16).padStart(8, '0').slice(-8) + rng.hex(16);
}

function kazooCallId(rng: Rng): string {
  return `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`;
}

/** Talk time in seconds: mostly short calls, a long tail up to ~25 minutes. */
function talkSeconds(rng: Rng): number {
  return Math.round(8 + Math.pow(rng.float(), 2.2) * 1500);
}

function userParty(agent: SandboxAgent): CallParty {
  return { number: agent.sipUser, type: 'user', username: agent.username };
}

interface Customer {
  readonly number: string;
  readonly name: string;
}

class Unique {
  private readonly seen = new Set<string>();
  take(make: () => string): string {
    let value = make();
    while (this.seen.has(value)) value = make();
    this.seen.add(value);
    return value;
  }
}

export function generateHistory(company: Company, options: HistoryOptions): CallRecord[] {
  const rng = Rng.stream(options.seed, 'history');
  const customers: Customer[] = Array.from({ length: 600 }, () => {
    const number = customerNumber(rng);
    return { number, name: rng.chance(0.35) ? vietnameseName(rng) : number };
  });
  const ids = new Unique();
  const callIds = new Unique();
  const recordingNames = new Unique();
  const agentsById = new Map(company.agents.map((a) => [a.id, a]));
  const startMs = options.nowMs - options.days * 86_400_000;
  const nowSeconds = Math.floor(options.nowMs / 1000);

  const records: CallRecord[] = [];
  for (let i = 0; i < options.calls; i++) {
    const kind = rng.weighted({ inbound: 55, outbound: 35, internal: 10 });
    // Rejection sampling gives the business-hours shape without bucketing artefacts.
    let t: number;
    do t = startMs + rng.float() * (options.nowMs - startMs);
    while (!rng.chance(businessWeight(t)));
    const unix = Math.floor(t / 1000);

    const base = { _id: ids.take(() => objectId(rng, unix)), call_id: callIds.take(() => kazooCallId(rng)) };
    const recordingFor = (status: CallStatus, share: number): string =>
      status === 'SUCCESS' && rng.chance(share)
        ? recordingNames.take(() => `call_recording_${rng.base36(20)}.wav`)
        : '';

    let record: CallRecord;
    if (kind === 'inbound') {
      const customer = rng.chance(0.5) ? rng.pick(customers.slice(0, 80)) : rng.pick(customers);
      const status = rng.weighted<CallStatus>({ SUCCESS: 68, IVR: 8, CANCELLED: 14, BUSY: 3, UNSUCCESS: 7 });
      const queue =
        (status === 'SUCCESS' || status === 'CANCELLED') && rng.chance(0.8) ? rng.pick(company.queues) : undefined;
      const agent = queue
        ? (agentsById.get(rng.pick(queue.agentIds)) ?? rng.pick(company.agents))
        : rng.pick(company.agents);
      const ivr = rng.int(4, 20);
      const wait = rng.int(1, status === 'CANCELLED' ? 120 : 60);
      const talk = status === 'SUCCESS' ? talkSeconds(rng) : 0;
      const duration =
        status === 'SUCCESS'
          ? ivr + wait + talk
          : status === 'CANCELLED'
            ? ivr + wait
            : status === 'IVR'
              ? ivr + rng.int(0, 30)
              : rng.int(0, 4);
      record = {
        ...base,
        caller: { number: customer.number, type: 'realnumber' },
        callee: userParty(agent),
        class: 'trunking',
        did_number: rng.pick(company.dids),
        direction: 'to_ab',
        status_detail: status,
        duration_seconds: duration,
        unix_timestamp: unix,
        billing_seconds: talk,
        recording: recordingFor(status, 0.7),
        queue_stat: queue
          ? [
              queueStat(rng, {
                company,
                queue,
                agent,
                customer,
                callId: base.call_id,
                entered: unix + ivr,
                wait,
                talk,
                ids,
                agentsById,
              }),
            ]
          : [],
      };
    } else {
      const agent = rng.pick(company.agents);
      const internal = kind === 'internal';
      const status = internal
        ? rng.weighted<CallStatus>({ SUCCESS: 75, CANCELLED: 12, BUSY: 8, UNSUCCESS: 5 })
        : rng.weighted<CallStatus>({ SUCCESS: 58, CANCELLED: 15, BUSY: 12, UNSUCCESS: 10, IVR: 5 });
      const ring = rng.int(2, 35);
      const talk = status === 'SUCCESS' ? talkSeconds(rng) : 0;
      const duration =
        status === 'SUCCESS' ? ring + talk : status === 'CANCELLED' || status === 'IVR' ? ring : rng.int(0, 4);
      const other = company.agents.filter((a) => a.id !== agent.id);
      record = {
        ...base,
        caller: userParty(agent),
        callee: internal ? userParty(rng.pick(other)) : { number: customerNumber(rng), type: 'realnumber' },
        class: internal ? 'one_one' : 'trunking',
        did_number: null,
        direction: 'from_ab',
        status_detail: status,
        duration_seconds: duration,
        unix_timestamp: unix,
        billing_seconds: talk,
        recording: recordingFor(status, internal ? 0.2 : 0.6),
        queue_stat: [],
      };
    }
    // Only finished calls are history: a call still running at `now` is moved back in time.
    if (record.unix_timestamp + record.duration_seconds > nowSeconds) {
      const moved = nowSeconds - record.duration_seconds - rng.int(1, 600);
      record = { ...shiftTimes(record, moved - record.unix_timestamp), _id: ids.take(() => objectId(rng, moved)) };
    }
    records.push(record);
  }
  return records;
}

interface QueueStatInput {
  readonly company: Company;
  readonly queue: SandboxQueue;
  readonly agent: SandboxAgent;
  readonly customer: Customer;
  readonly callId: string;
  readonly entered: number;
  readonly wait: number;
  readonly talk: number;
  readonly ids: Unique;
  readonly agentsById: ReadonlyMap<string, SandboxAgent>;
}

function queueStat(rng: Rng, input: QueueStatInput): QueueStat {
  const { agent, entered, wait, talk } = input;
  const handled = talk > 0;
  const others = input.queue.agentIds.filter((id) => id !== agent.id);
  const missCount = Number(rng.weighted({ '0': 70, '1': 20, '2': 10 }));
  const misses = rng.sample(others, Math.min(others.length, missCount)).map((id, i) => ({
    agent_id: id,
    miss_reason: rng.pick(['no_answer', 'busy', 'rejected']),
    miss_timestamp: entered + Math.min(wait, 5 + i * 15),
  }));
  const hungUpBy = rng.chance(0.55) ? 'member' : 'agent';
  return {
    _id: input.ids.take(() => objectId(rng, entered)),
    call_id: input.callId,
    queue_id: input.queue.id,
    __v: 0,
    org: input.company.orgId,
    wait_time: wait,
    caller_id_number: input.customer.number,
    caller_id_name: input.customer.name,
    status: handled ? 'processed' : 'abandoned',
    entered_timestamp: entered,
    handled_timestamp: handled ? entered + wait : null,
    processed_timestamp: handled ? entered + wait + talk : null,
    agent_id: handled ? agent.id : null,
    username: handled ? agent.username : null,
    talk_time: talk,
    hung_up_by: handled ? hungUpBy : 'member',
    end_call_reason: handled
      ? hungUpBy === 'agent'
        ? 'agent_hungup'
        : 'member_hungup'
      : rng.pick(['member_hangup', 'member_timeout', 'member_exit']),
    misses,
  };
}

/** Moves a record and its queue statistics by `delta` seconds. */
function shiftTimes(record: CallRecord, delta: number): CallRecord {
  const move = (v: number | null): number | null => (v === null ? null : v + delta);
  return {
    ...record,
    unix_timestamp: record.unix_timestamp + delta,
    queue_stat: record.queue_stat.map((stat) => ({
      ...stat,
      entered_timestamp: stat.entered_timestamp + delta,
      handled_timestamp: move(stat.handled_timestamp),
      processed_timestamp: move(stat.processed_timestamp),
      misses: stat.misses.map((m) => ({ ...m, miss_timestamp: m.miss_timestamp + delta })),
    })),
  };
}
