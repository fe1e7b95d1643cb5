import { describe, expect, it } from 'vitest';
import type { PlatformCallEvent } from '../../../src/main/services/signals/adapter';
import { createBlackholeAdapter } from '../../../src/main/services/signals';
import { isLegToAgent, tapAgentLegs, type ScreenPopAgent } from '../../../src/main/services/screenpop';

const me: ScreenPopAgent = {
  sipUser: 'agent8001',
  extensions: ['8001'],
  username: 'nguyenvanan',
  ownerId: 'a'.repeat(32),
};

const leg = (fields: Partial<PlatformCallEvent>): PlatformCallEvent => ({
  kind: 'create',
  legId: 'b',
  caller: { number: '0912345678' },
  callee: {},
  ...fields,
});

describe('isLegToAgent', () => {
  it('recognises the switch ringing this agent by owner id, SIP user or extension', () => {
    expect(isLegToAgent(leg({ switchDirection: 'outbound', ownerId: me.ownerId }), me)).toBe(true);
    expect(isLegToAgent(leg({ switchDirection: 'outbound', username: 'AGENT8001' }), me)).toBe(true);
    expect(isLegToAgent(leg({ callee: { number: '8001' } }), me)).toBe(true);
    expect(isLegToAgent(leg({ requestUser: 'agent8001' }), me)).toBe(true);
  });

  it("ignores the agent's own outgoing leg, other agents and other events", () => {
    expect(isLegToAgent(leg({ switchDirection: 'inbound', ownerId: me.ownerId, callee: { number: '8002' } }), me)).toBe(
      false,
    );
    expect(
      isLegToAgent(leg({ switchDirection: 'outbound', ownerId: 'b'.repeat(32), callee: { number: '8002' } }), me),
    ).toBe(false);
    expect(isLegToAgent(leg({ kind: 'answer', switchDirection: 'outbound', ownerId: me.ownerId }), me)).toBe(false);
  });
});

describe('tapAgentLegs', () => {
  it("warms the inner adapter without taking its samples for this agent's legs", () => {
    const seen: (readonly string[])[] = [];
    const inner = createBlackholeAdapter();
    let warmed = 0;
    const counted = { ...inner, warmUp: () => ((warmed += 1), inner.warmUp()) };
    // An agent the samples would match (their callee is 8001): still nothing is reported.
    const adapter = tapAgentLegs(
      counted,
      () => me,
      (ids) => seen.push(ids),
      (ids) => seen.push(ids),
    );
    adapter.warmUp();
    expect(warmed).toBe(1);
    expect(seen).toEqual([]);
  });

  it('reports agent legs and passes every event through unchanged', () => {
    const seen: (readonly string[])[] = [];
    const adapter = tapAgentLegs(
      createBlackholeAdapter(),
      () => me,
      (ids) => seen.push(ids),
    );
    const frame = adapter.classify(
      JSON.stringify({
        action: 'event',
        name: 'CHANNEL_CREATE',
        data: {
          call_id: 'leg-b',
          other_leg_call_id: 'leg-a',
          call_direction: 'outbound',
          caller_id_number: '0912345678',
          callee_id_number: '8001',
          custom_channel_vars: { owner_id: me.ownerId, username: 'agent8001', bridge_id: 'leg-a' },
        },
      }),
    );
    if (frame.kind !== 'event') throw new Error('expected an event frame');
    const mapped = adapter.toPlatformEvent(frame);
    expect(mapped).toEqual(createBlackholeAdapter().toPlatformEvent(frame));
    expect(seen).toEqual([['leg-b', 'leg-a', 'leg-a']]);
  });

  it("reports answers of this agent's legs, and the caller's leg bridged to one, but no one else's", () => {
    const rang: (readonly string[])[] = [];
    const answered: (readonly string[])[] = [];
    const adapter = tapAgentLegs(
      createBlackholeAdapter(),
      () => me,
      (ids) => rang.push(ids),
      (ids) => answered.push(ids),
    );
    const send = (name: string, data: Record<string, unknown>): void => {
      const frame = adapter.classify(JSON.stringify({ action: 'event', name, data }));
      if (frame.kind !== 'event') throw new Error('expected an event frame');
      expect(adapter.toPlatformEvent(frame).ok).toBe(true);
    };
    const legA = { call_id: 'leg-a', call_direction: 'inbound', callee_id_number: '02873019555' };
    const agentLeg = (id: string, ext: string, owner: string) => ({
      call_id: id,
      other_leg_call_id: 'leg-a',
      call_direction: 'outbound',
      callee_id_number: ext,
      custom_channel_vars: { owner_id: owner, username: `agent${ext}`, bridge_id: 'leg-a' },
    });
    send('CHANNEL_ANSWER', legA); // the queue answering the caller
    send('CHANNEL_CREATE', agentLeg('leg-b1', '8002', 'b'.repeat(32)));
    send('CHANNEL_ANSWER', agentLeg('leg-b1', '8002', 'b'.repeat(32)));
    send('CHANNEL_BRIDGE', { ...legA, other_leg_call_id: 'leg-b1' });
    expect(rang).toEqual([]);
    expect(answered).toEqual([]);

    send('CHANNEL_CREATE', agentLeg('leg-b2', '8001', me.ownerId ?? ''));
    send('CHANNEL_BRIDGE', { ...legA, other_leg_call_id: 'leg-b2' });
    send('CHANNEL_ANSWER', agentLeg('leg-b2', '8001', me.ownerId ?? ''));
    expect(rang).toEqual([['leg-b2', 'leg-a', 'leg-a']]);
    expect(answered).toEqual([
      ['leg-a', 'leg-b2'],
      ['leg-b2', 'leg-a', 'leg-a'],
    ]);
  });

  it('never throws into the signals service', () => {
    const adapter = tapAgentLegs(
      createBlackholeAdapter(),
      () => {
        throw new Error('boom');
      },
      () => undefined,
    );
    const frame = adapter.classify(JSON.stringify({ action: 'event', name: 'CHANNEL_CREATE', data: { call_id: 'x' } }));
    if (frame.kind !== 'event') throw new Error('expected an event frame');
    expect(adapter.toPlatformEvent(frame).ok).toBe(true);
  });
});
