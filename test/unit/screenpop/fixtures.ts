import type { Agent, CallRecord, Queue } from '../../../src/main/services/api/types';
import type { CallEvent, CallEventType } from '../../../src/shared/domain';
import { ok } from '../../../src/shared/result';
import type { DirectorySource } from '../../../src/main/services/screenpop';

export const AGENTS: Agent[] = [
  { anttel: { userId: 'a'.repeat(32) }, username: 'nguyenvanan', name: 'Nguyễn Văn An', ext: ['8001'] },
  { anttel: { userId: 'b'.repeat(32) }, username: 'tranthibinh', name: 'Trần Thị Bình', ext: ['8002'] },
];

export const QUEUES: Queue[] = [{ id: 'q'.repeat(32), name: 'Chăm sóc khách hàng', agents: ['a'.repeat(32)] }];

export const directorySource: DirectorySource = {
  getAgents: async () => ok(AGENTS),
  getQueues: async () => ok(QUEUES),
};

let seq = 0;
export function record(overrides: Partial<CallRecord> & { caller: CallRecord['caller'] }): CallRecord {
  seq++;
  return {
    _id: `id${seq}`,
    callee: { number: 'agent8001', type: 'user', username: 'nguyenvanan' },
    class: 'trunking',
    did_number: '02873019555',
    direction: 'to_ab',
    status_detail: 'SUCCESS',
    duration_seconds: 60,
    unix_timestamp: 1_760_000_000 + seq,
    billing_seconds: 40,
    recording: '',
    queue_stat: [],
    ...overrides,
  };
}

export function callEvent(type: CallEventType, fields: Partial<Omit<CallEvent, 'type'>> = {}): CallEvent {
  return {
    type,
    callId: 'call-1',
    direction: 'inbound',
    from: { number: '0912345678' },
    to: { number: 'agent8001' },
    at: '2025-11-27T03:00:00.000Z',
    ...fields,
  } as CallEvent;
}
