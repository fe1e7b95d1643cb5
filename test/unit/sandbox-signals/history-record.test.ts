import { describe, expect, it } from 'vitest';
import { callRecordSchema } from '../../../sandbox/records';
import { createSandboxState } from '../../../sandbox/state';
import { CALL_OUTCOMES } from '../../../sandbox/signals/call-spec';
import { gregorianSeconds, numberStyleFor } from '../../../sandbox/signals/events';
import { historyRecord, statusOf, type FinishedCall } from '../../../sandbox/signals/history-record';

const state = createSandboxState({ calls: 0 });
const [agent, other] = state.agents;
const queue = state.queues[0];

function finished(overrides: Partial<FinishedCall>): FinishedCall {
  if (!agent) throw new Error('agent');
  return {
    callId: 'call-1',
    direction: 'inbound',
    caller: { kind: 'number', number: '0912345678', name: 'Khách' },
    callee: { kind: 'agent', agent },
    did: state.dids[0] ?? null,
    queue,
    orgId: 'org_1',
    outcome: 'answered',
    hangupBy: 'callee',
    startMs: 1_769_587_733_000,
    answeredMs: 1_769_587_740_000,
    endMs: 1_769_587_800_000,
    recording: true,
    ...overrides,
  };
}

describe('historyRecord', () => {
  it('maps outcomes to AntBuddy statuses', () => {
    expect(CALL_OUTCOMES.map((o) => statusOf('inbound', o))).toEqual([
      'SUCCESS',
      'IVR',
      'CANCELLED',
      'BUSY',
      'UNSUCCESS',
    ]);
    expect(statusOf('outbound', 'missed')).toBe('UNSUCCESS');
  });

  it('builds valid records for every direction and outcome', () => {
    if (!agent || !other) throw new Error('agents');
    for (const outcome of CALL_OUTCOMES) {
      const answeredMs = outcome === 'answered' ? 1_769_587_740_000 : undefined;
      const calls: FinishedCall[] = [
        finished({ outcome, answeredMs }),
        finished({ outcome, answeredMs, queue: undefined }),
        finished({
          outcome,
          answeredMs,
          direction: 'outbound',
          caller: { kind: 'agent', agent },
          callee: { kind: 'number', number: '0909000111', name: '0909000111' },
          did: null,
          queue: undefined,
        }),
        finished({
          outcome,
          answeredMs,
          direction: 'internal',
          caller: { kind: 'agent', agent },
          callee: { kind: 'agent', agent: other },
          did: null,
          queue: undefined,
        }),
      ];
      for (const call of calls) {
        const record = historyRecord(call);
        expect(() => callRecordSchema.parse(record)).not.toThrow();
        expect(record.recording === '').toBe(outcome !== 'answered');
      }
    }
  });

  it('counts durations from the call timeline', () => {
    const record = historyRecord(finished({}));
    expect(record).toMatchObject({
      duration_seconds: 67,
      billing_seconds: 60,
      unix_timestamp: 1_769_587_733,
      direction: 'to_ab',
      class: 'trunking',
    });
    expect(record._id.slice(0, 8)).toBe((1_769_587_733).toString(16));
    expect(record.queue_stat[0]).toMatchObject({
      wait_time: 7,
      talk_time: 60,
      hung_up_by: 'agent',
      status: 'processed',
      handled_timestamp: 1_769_587_740,
    });
  });
});

describe('event helpers', () => {
  it('converts to Gregorian seconds like the vendor sample', () => {
    expect(gregorianSeconds(1_769_587_733_000)).toBe(63_936_806_933);
  });

  it('picks the number style from the call id, stably', () => {
    expect(numberStyleFor('01abc')).toEqual(numberStyleFor('01xyz'));
    expect(numberStyleFor('01abc').durationsAsStrings).toBe(true);
    expect(numberStyleFor('00abc').durationsAsStrings).toBe(false);
    expect(numberStyleFor('06abc').timestampAsString).toBe(true);
  });
});
