import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../src/main/services/api/types';
import { toCallRow } from '../../../src/main/services/history-store/call-row';

function record(extra: Partial<CallRecord>): CallRecord {
  return {
    caller: { number: '0912345678', type: 'realnumber' },
    callee: { number: 'agent8001', type: 'user', username: 'nguyenvana' },
    class: 'trunking',
    did_number: '02873019555',
    direction: 'to_ab',
    status_detail: 'SUCCESS',
    duration_seconds: 60,
    unix_timestamp: 1_780_000_000,
    billing_seconds: 45,
    recording: 'call_recording_abc.mp3',
    queue_stat: [
      {
        call_id: 'c1',
        queue_id: 'queue_support',
        caller_id_number: '0912345678',
        caller_id_name: 'Trần Thị Lan',
        username: 'nguyenvana',
      },
    ],
    call_id: 'c1',
    ...extra,
  };
}

describe('toCallRow', () => {
  it('inbound: the caller is the other party, the callee the agent; names, queue, recording, search text', () => {
    const row = toCallRow(record({}));
    expect(row).toMatchObject({
      recordKey: 'call_id:c1',
      startMs: 1_780_000_000_000,
      direction: 'inbound',
      statusClass: 'answered',
      partyRaw: '0912345678',
      partyDisplay: '0912 345 678',
      partyE164: '+84912345678',
      partyKey: '+84912345678',
      partyIsExtension: false,
      partyName: 'Trần Thị Lan',
      callerName: 'Trần Thị Lan',
      calleeName: 'nguyenvana',
      agentNumber: 'agent8001',
      agentUsername: 'nguyenvana',
      didNumber: '02873019555',
      queueId: 'queue_support',
      durationSeconds: 60,
      talkSeconds: 45,
      recording: 'call_recording_abc.mp3',
    });
    expect(JSON.parse(row.rawJson)).toEqual(record({}));
    expect(row.agentTokens).toEqual([
      { token: 'agent8001', side: 'callee' },
      { token: 'nguyenvana', side: 'callee' },
    ]);
    expect(row.agentTokens.some((t) => t.side === 'caller')).toBe(false);
    expect(row.searchDigits.split(' ')).toEqual(expect.arrayContaining(['0912345678', '84912345678', '8001']));
  });

  it('outbound: the callee is the other party; no recording or DID becomes null', () => {
    const row = toCallRow(
      record({
        caller: { number: 'agent8002', type: 'user', username: 'tranthib' },
        callee: { number: '+84987654321', type: 'realnumber' },
        direction: 'from_ab',
        status_detail: 'BUSY',
        did_number: null,
        recording: '',
        queue_stat: [],
        billing_seconds: 0,
      }),
    );
    expect(row).toMatchObject({
      direction: 'outbound',
      statusClass: 'busy',
      partyRaw: '+84987654321',
      partyDisplay: '0987 654 321',
      partyKey: '+84987654321',
      agentUsername: 'tranthib',
      didNumber: null,
      queueId: null,
      recording: null,
      partyName: null,
    });
    expect(row.agentTokens).toEqual(expect.arrayContaining([{ token: 'tranthib', side: 'caller' }]));
  });

  it('internal: both sides are agents, an extension party is marked as one', () => {
    const row = toCallRow(
      record({
        class: 'one_one',
        caller: { number: 'agent8002', type: 'user', username: 'tranthib' },
        callee: { number: '8001', type: 'realnumber' },
        direction: 'from_ab',
        status_detail: 'CANCELLED',
        queue_stat: [],
      }),
    );
    expect(row.direction).toBe('internal');
    expect(row.statusClass).toBe('missed');
    expect(row.partyIsExtension).toBe(true);
    expect(row.agentTokens).toEqual(
      expect.arrayContaining([
        { token: 'tranthib', side: 'caller' },
        { token: '8001', side: 'callee' },
      ]),
    );
  });

  it('without call_id or _id the key is built from the content, the same for the same call', () => {
    const a = toCallRow(record({ call_id: undefined }));
    const b = toCallRow(record({ call_id: undefined }));
    expect(a.recordKey).toBe(b.recordKey);
    expect(a.recordKey.startsWith('call_id:')).toBe(false);
  });
});
