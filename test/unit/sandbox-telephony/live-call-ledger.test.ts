import { beforeEach, describe, expect, it } from 'vitest';
import { createSandboxState, type SandboxAgent, type SandboxState } from '../../../sandbox/state';
import { LiveCallLedger, type CallSignal, type LiveCall } from '../../../sandbox/signals/index';

/** The live call ledger turns what really happened on a call into Kazoo events and a history record. */

let clock: number;
let state: SandboxState;
let signals: CallSignal[];
let ledger: LiveCallLedger;

function agent(index: number): SandboxAgent {
  const found = state.agents[index];
  if (!found) throw new Error(`no agent ${index}`);
  return found;
}

beforeEach(() => {
  clock = Date.UTC(2026, 0, 20, 3, 0, 0);
  state = createSandboxState({ calls: 0, now: () => clock });
  signals = [];
  ledger = new LiveCallLedger({ state, publish: (signal) => signals.push(signal) });
});

const later = (ms: number): void => {
  clock += ms;
};

/** "<leg> <EVENT>" per event, legs labelled A, B1, B2... in order of appearance. */
function timeline(call: LiveCall): string[] {
  const labels = new Map<string, string>([[call.callId, 'A']]);
  return signals.map((signal) => {
    if (!labels.has(signal.callId)) labels.set(signal.callId, `B${labels.size}`);
    return `${labels.get(signal.callId) ?? '?'} ${signal.name}`;
  });
}

function data(name: string, callId: string): Record<string, unknown> {
  const found = signals.find((s) => s.name === name && s.callId === callId);
  if (!found) throw new Error(`no ${name} on ${callId}`);
  return { ...found.data };
}

const customer = { kind: 'number', number: '0912345678', name: '0912345678' } as const;

describe('LiveCallLedger', () => {
  it('inbound, answered, held, hung up by the customer: events on the right legs and the real times in the record', () => {
    const call = ledger.begin({ direction: 'inbound', caller: customer, callee: { kind: 'agent', agent: agent(0) } });
    const b = call.ringing(agent(0));
    later(4000);
    call.answered();
    later(10_000);
    call.held();
    later(5000);
    call.resumed();
    later(6000);
    const record = call.ended({ by: 'caller', cause: 'answered-hangup' });

    expect(timeline(call)).toEqual([
      'A CHANNEL_CREATE',
      'B1 CHANNEL_CREATE',
      'B1 CHANNEL_ANSWER',
      'A CHANNEL_ANSWER',
      'A CHANNEL_BRIDGE',
      'B1 CHANNEL_HOLD',
      'B1 CHANNEL_UNHOLD',
      'A CHANNEL_DESTROY',
      'B1 CHANNEL_DESTROY',
    ]);
    expect(data('CHANNEL_BRIDGE', call.callId)).toMatchObject({ other_leg_call_id: b.callId });
    expect(data('CHANNEL_DESTROY', b.callId)).toMatchObject({ hangup_cause: 'NORMAL_CLEARING' });
    expect(record).toMatchObject({
      call_id: call.callId,
      direction: 'to_ab',
      status_detail: 'SUCCESS',
      duration_seconds: 25,
      billing_seconds: 21,
      did_number: state.dids[0],
      callee: { number: agent(0).sipUser, type: 'user' },
    });
    expect(state.history.findByCallId(call.callId)).toEqual(record);
    expect(call.phase).toBe('ended');
    expect(ledger.activeCallIds).toEqual([]);
  });

  it('a queue: a declined agent is a miss, the next one answers', () => {
    const queue = state.queues[0];
    const call = ledger.begin({
      direction: 'inbound',
      caller: customer,
      callee: { kind: 'agent', agent: agent(0) },
      ...(queue ? { queue } : {}),
    });
    const first = call.ringing(agent(0));
    later(2000);
    call.notAnswered('declined');
    call.ringing(agent(1));
    later(3000);
    call.answered();
    later(2000);
    const record = call.ended({ by: 'callee', cause: 'answered-hangup' });

    expect(timeline(call)).toEqual([
      'A CHANNEL_CREATE',
      'A CHANNEL_ANSWER',
      'B1 CHANNEL_CREATE',
      'B1 CHANNEL_DESTROY',
      'B2 CHANNEL_CREATE',
      'B2 CHANNEL_ANSWER',
      'A CHANNEL_BRIDGE',
      'B2 CHANNEL_DESTROY',
      'A CHANNEL_DESTROY',
    ]);
    expect(data('CHANNEL_DESTROY', first.callId)).toMatchObject({
      hangup_cause: 'CALL_REJECTED',
      hangup_code: 'sip:603',
    });
    expect(record?.callee).toMatchObject({ number: agent(1).sipUser });
    expect(record?.queue_stat[0]).toMatchObject({
      agent_id: agent(1).id,
      misses: [{ agent_id: agent(0).id, miss_reason: 'declined' }],
    });
  });

  it('click-to-call: the agent’s leg answers first, the customer’s is dialled after; holds go on the agent’s leg (A)', () => {
    const call = ledger.begin({
      direction: 'outbound',
      caller: { kind: 'agent', agent: agent(0) },
      callee: customer,
      deviceSide: 'caller',
    });
    later(1500);
    call.callerAnswered();
    call.ringing();
    later(1000);
    call.answered();
    call.held();
    call.resumed();
    later(3000);
    const record = call.ended({ by: 'caller', cause: 'answered-hangup' });
    expect(timeline(call)).toEqual([
      'A CHANNEL_CREATE',
      'A CHANNEL_ANSWER',
      'B1 CHANNEL_CREATE',
      'B1 CHANNEL_ANSWER',
      'A CHANNEL_BRIDGE',
      'A CHANNEL_HOLD',
      'A CHANNEL_UNHOLD',
      'A CHANNEL_DESTROY',
      'B1 CHANNEL_DESTROY',
    ]);
    expect(record).toMatchObject({ direction: 'from_ab', status_detail: 'SUCCESS', billing_seconds: 3 });
  });

  it('a transfer: a new leg to the target, bridged when it answers; the transferor’s leg goes when its device hangs up', () => {
    const call = ledger.begin({ direction: 'inbound', caller: customer, callee: { kind: 'agent', agent: agent(0) } });
    call.ringing(agent(0));
    call.answered();
    const transfer = call.transfer(agent(2));
    transfer.answered();
    call.transferorLeft();
    later(2000);
    call.held();
    const record = call.ended({ by: 'callee', cause: 'answered-hangup' });
    expect(timeline(call)).toEqual([
      'A CHANNEL_CREATE',
      'B1 CHANNEL_CREATE',
      'B1 CHANNEL_ANSWER',
      'A CHANNEL_ANSWER',
      'A CHANNEL_BRIDGE',
      'B2 CHANNEL_CREATE',
      'B2 CHANNEL_ANSWER',
      'A CHANNEL_BRIDGE',
      'B1 CHANNEL_DESTROY',
      'B2 CHANNEL_HOLD',
      'B2 CHANNEL_DESTROY',
      'A CHANNEL_DESTROY',
    ]);
    expect(data('CHANNEL_CREATE', transfer.leg.callId)).toMatchObject({
      caller_id_number: customer.number,
      other_leg_call_id: call.callId,
      custom_channel_vars: { owner_id: agent(2).id },
    });
    expect(record?.callee).toMatchObject({ number: agent(2).sipUser });
  });

  it.each([
    ['no-answer', 'IVR', 'NO_ANSWER', 'sip:480'],
    ['declined', 'IVR', 'CALL_REJECTED', 'sip:603'],
    ['busy', 'BUSY', 'USER_BUSY', 'sip:486'],
    ['failed', 'UNSUCCESS', 'NORMAL_TEMPORARY_FAILURE', 'sip:503'],
    ['cancelled', 'CANCELLED', 'ORIGINATOR_CANCEL', 'sip:487'],
  ] as const)('an unanswered inbound call that ends %s is %s, its agent leg %s', (cause, status, hangup, code) => {
    const call = ledger.begin({ direction: 'inbound', caller: customer, callee: { kind: 'agent', agent: agent(0) } });
    const b = call.ringing(agent(0));
    later(3000);
    const record = call.ended({ by: cause === 'cancelled' ? 'caller' : 'callee', cause });
    expect(record).toMatchObject({ status_detail: status, billing_seconds: 0, duration_seconds: 3 });
    expect(data('CHANNEL_DESTROY', b.callId)).toMatchObject({ hangup_cause: hangup, hangup_code: code });
    // The caller gives up first: A goes before B; otherwise B before A.
    expect(timeline(call).slice(2)).toEqual(
      cause === 'cancelled' ? ['A CHANNEL_DESTROY', 'B1 CHANNEL_DESTROY'] : ['B1 CHANNEL_DESTROY', 'A CHANNEL_DESTROY'],
    );
  });

  it('a hangup before the callee answered counts as cancelled', () => {
    const call = ledger.begin({
      direction: 'outbound',
      caller: { kind: 'agent', agent: agent(0) },
      callee: customer,
      deviceSide: 'caller',
    });
    call.ringing();
    expect(call.ended({ by: 'caller', cause: 'answered-hangup' })).toMatchObject({ status_detail: 'CANCELLED' });
  });

  it('after close nothing more is sent or recorded', () => {
    const call = ledger.begin({ direction: 'inbound', caller: customer, callee: { kind: 'agent', agent: agent(0) } });
    ledger.close();
    call.ringing(agent(0));
    expect(call.ended({ by: 'caller', cause: 'cancelled' })).toBeUndefined();
    expect(signals.map((s) => s.name)).toEqual(['CHANNEL_CREATE']);
    expect(state.history.size).toBe(0);
  });
});
