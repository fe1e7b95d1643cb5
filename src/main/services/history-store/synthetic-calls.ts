import type { CallRecord } from '../api/types';

/**
 * Seeded, realistic-looking call records for benchmarks and tests of the store at scale (a
 * 50-agent center: customers calling back, queues, recordings, every direction and outcome).
 * Not the sandbox's generator: the store must not depend on the sandbox.
 */

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PREFIXES = [
  '090',
  '091',
  '093',
  '094',
  '096',
  '097',
  '098',
  '032',
  '033',
  '035',
  '070',
  '077',
  '081',
  '085',
  '088',
];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ'];
const GIVEN = ['An', 'Bình', 'Dũng', 'Hà', 'Lan', 'Linh', 'Mai', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Trang', 'Yến'];
const STATUSES_IN = [
  'SUCCESS',
  'SUCCESS',
  'SUCCESS',
  'SUCCESS',
  'SUCCESS',
  'IVR',
  'CANCELLED',
  'CANCELLED',
  'UNSUCCESS',
];
const STATUSES_OUT = ['SUCCESS', 'SUCCESS', 'SUCCESS', 'BUSY', 'CANCELLED', 'UNSUCCESS', 'IVR'];

export interface SyntheticAgent {
  readonly username: string;
  readonly sipUser: string;
  readonly extension: string;
  readonly name: string;
}

export function syntheticAgents(count = 50): SyntheticAgent[] {
  return Array.from({ length: count }, (_, i) => {
    const extension = String(8001 + i);
    return {
      username: `agent${i + 1}`,
      sipUser: `agent${extension}`,
      extension,
      name: `${FAMILY[i % FAMILY.length]} ${GIVEN[i % GIVEN.length]} ${i + 1}`,
    };
  });
}

export interface SyntheticOptions {
  readonly seed: number;
  readonly fromMs: number;
  readonly toMs: number;
  /** Distinct customer numbers (default 200,000). */
  readonly customers?: number;
  readonly agents?: readonly SyntheticAgent[];
}

/** `count` records starting at index `start` (the same index always gives the same record). */
export function syntheticCalls(start: number, count: number, options: SyntheticOptions): CallRecord[] {
  const agents = options.agents ?? syntheticAgents();
  const customers = options.customers ?? 200_000;
  const span = Math.max(1, options.toMs - options.fromMs);
  const out: CallRecord[] = [];
  for (let i = start; i < start + count; i++) {
    const random = mulberry32(options.seed * 1_000_003 + i);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const customerIndex = Math.floor(Math.pow(random(), 2) * customers);
    const customer = `${PREFIXES[customerIndex % PREFIXES.length]}${String(customerIndex).padStart(7, '0')}`;
    const agent = pick(agents);
    const kind = random();
    const unix = Math.floor((options.fromMs + random() * span) / 1000);
    const user = { number: agent.sipUser, type: 'user', username: agent.username };
    const internal = kind >= 0.9;
    const inbound = kind < 0.55;
    const status = inbound ? pick(STATUSES_IN) : pick(STATUSES_OUT);
    const talk = status === 'SUCCESS' ? 10 + Math.floor(random() * 600) : 0;
    const duration = talk + Math.floor(random() * 40);
    const callId = `synthetic-${options.seed}-${i}`;
    const queued = inbound && random() < 0.6;
    const other = pick(agents);
    out.push({
      _id: (unix.toString(16) + i.toString(16).padStart(16, '0')).slice(0, 24),
      call_id: callId,
      caller: inbound ? { number: customer, type: 'realnumber' } : user,
      callee: inbound
        ? user
        : internal
          ? { number: other.sipUser, type: 'user', username: other.username }
          : { number: customer, type: 'realnumber' },
      class: internal ? 'one_one' : 'trunking',
      did_number: inbound ? '02873019555' : null,
      direction: inbound ? 'to_ab' : 'from_ab',
      status_detail: status,
      duration_seconds: duration,
      unix_timestamp: unix,
      billing_seconds: talk,
      recording: status === 'SUCCESS' && random() < 0.6 ? `call_recording_${callId}.mp3` : '',
      queue_stat: queued
        ? [
            {
              call_id: callId,
              queue_id: `queue_${1 + (customerIndex % 4)}`,
              wait_time: Math.floor(random() * 60),
              caller_id_number: customer,
              caller_id_name: random() < 0.35 ? `${pick(FAMILY)} ${pick(GIVEN)}` : customer,
              status: talk > 0 ? 'processed' : 'abandoned',
              agent_id: talk > 0 ? `id_${agent.username}` : null,
              username: talk > 0 ? agent.username : null,
              talk_time: talk,
            },
          ]
        : [],
    });
  }
  return out;
}
