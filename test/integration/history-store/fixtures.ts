import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallParty, CallRecord } from '../../../src/main/services/api/types';
import { openHistoryStore, type HistoryStore } from '../../../src/main/services/history-store';

/** A fresh data folder per test file, removed at the end. */
export function tempDataDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `antring-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const BASE_S = 1_780_000_000;

const user = (sipUser: string, username: string): CallParty => ({ number: sipUser, type: 'user', username });
const number = (value: string): CallParty => ({ number: value, type: 'realnumber' });

interface Spec {
  readonly id: string;
  readonly at: number;
  readonly caller: CallParty;
  readonly callee: CallParty;
  readonly kind: 'in' | 'out' | 'internal';
  readonly status: string;
  readonly queue?: { readonly id: string; readonly callerName: string };
  readonly recording?: boolean;
}

function build(spec: Spec): CallRecord {
  const talk = spec.status === 'SUCCESS' ? 40 : 0;
  return {
    _id: spec.id.padEnd(24, '0'),
    call_id: `call-${spec.id}`,
    caller: spec.caller,
    callee: spec.callee,
    class: spec.kind === 'internal' ? 'one_one' : 'trunking',
    did_number: spec.kind === 'in' ? '02873019555' : null,
    direction: spec.kind === 'in' ? 'to_ab' : 'from_ab',
    status_detail: spec.status,
    duration_seconds: talk + 10,
    unix_timestamp: BASE_S + spec.at,
    billing_seconds: talk,
    recording: spec.recording ? `call_recording_${spec.id}.mp3` : '',
    queue_stat: spec.queue
      ? [
          {
            call_id: `call-${spec.id}`,
            queue_id: spec.queue.id,
            caller_id_number: String(spec.caller.number),
            caller_id_name: spec.queue.callerName,
            username: spec.status === 'SUCCESS' && spec.callee.type === 'user' ? (spec.callee.username ?? null) : null,
          },
        ]
      : [],
  };
}

const an = user('agent8001', 'nguyenvanan');
const binh = user('agent8002', 'tranthibinh');

/**
 * Nine calls covering every direction, status class and spelling of one customer's number
 * (`0912345678`, `+84912345678`, `84912345678`), newest is `r9`. Agents: An (8001), Bình (8002).
 */
export const FIXTURE: readonly CallRecord[] = [
  build({
    id: 'a1',
    at: 100,
    caller: number('0912345678'),
    callee: an,
    kind: 'in',
    status: 'SUCCESS',
    queue: { id: 'q_support', callerName: 'Trần Thị Lan' },
    recording: true,
  }),
  build({ id: 'a2', at: 200, caller: number('+84912345678'), callee: binh, kind: 'in', status: 'IVR' }),
  build({ id: 'a3', at: 300, caller: an, callee: number('84912345678'), kind: 'out', status: 'BUSY' }),
  build({ id: 'a4', at: 400, caller: binh, callee: number('02873019999'), kind: 'out', status: 'CANCELLED' }),
  build({ id: 'a5', at: 500, caller: an, callee: number('0987654321'), kind: 'out', status: 'UNSUCCESS' }),
  build({ id: 'a6', at: 600, caller: an, callee: binh, kind: 'internal', status: 'SUCCESS', recording: true }),
  build({ id: 'a7', at: 700, caller: binh, callee: an, kind: 'internal', status: 'CANCELLED' }),
  build({
    id: 'a8',
    at: 800,
    caller: number('0987654321'),
    callee: number('8001'),
    kind: 'in',
    status: 'CANCELLED',
    queue: { id: 'q_sales', callerName: '=HYPERLINK("http://x","click")' },
  }),
  build({ id: 'a9', at: 900, caller: an, callee: number('0355123456'), kind: 'out', status: 'IVR' }),
];

export const FIXTURE_AGENTS = [
  { id: 'id-an', username: 'nguyenvanan', name: 'Nguyễn Văn An', extensions: ['8001'] },
  { id: 'id-binh', username: 'tranthibinh', name: 'Trần Thị Bình', extensions: ['8002'] },
];

export const FIXTURE_QUEUES = [
  { id: 'q_support', name: 'Chăm sóc khách hàng' },
  { id: 'q_sales', name: 'Kinh doanh' },
];

/** `a1` → the store's record key (recordKey: `_id` first, then `call_id`). */
export const key = (id: string): string => `_id:${id.padEnd(24, '0')}`;

/**
 * A store file in `dir` holding FIXTURE, with the fixture's agents and queues as its directory;
 * `changed` is what committing FIXTURE changed. Throws when the store cannot be set up.
 */
export async function openFixtureStore(dir: string, name: string): Promise<{ store: HistoryStore; changed: number }> {
  const opened = await openHistoryStore({ file: join(dir, 'history', `${name}.sqlite`) });
  if (!opened.ok) throw new Error(opened.error.message);
  const store = opened.value;
  const saved = await store.setDirectory({ agents: FIXTURE_AGENTS, queues: FIXTURE_QUEUES });
  if (!saved.ok) throw new Error(saved.error.message);
  const committed = await store.commitPage({
    windowId: -1,
    records: FIXTURE,
    pagesDone: 0,
    windowComplete: false,
    nowMs: 0,
  });
  if (!committed.ok) throw new Error(committed.error.message);
  return { store, changed: committed.value.changed };
}
