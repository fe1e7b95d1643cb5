import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../src/shared/domain';
import { CallFolder, type PlatformCallEvent } from '../../../src/main/services/signals';
import { ACCOUNT, T0, platformEvent } from './helpers';

const NOW = Date.parse('2026-01-28T09:00:00Z');
const folder = (): CallFolder => new CallFolder({ now: () => NOW });
const run = (f: CallFolder, events: PlatformCallEvent[]): CallEvent[] => events.flatMap((e) => f.fold(e));
const ccv = (extra: Record<string, unknown> = {}) => ({ account_id: ACCOUNT, ...extra });

/** Inbound trunk call to the DID, through a queue, answered by agent 8001 (PROTOCOL order). */
function inboundViaQueue(a = 'in-a', b = 'in-b'): PlatformCallEvent[] {
  const aBase = {
    call_id: a,
    call_direction: 'inbound',
    caller_id_number: '0912345678',
    caller_id_name: 'Nguyen Van B',
    callee_id_number: '02873001234',
    request: '02873001234@anphu.antbuddy.com',
    custom_channel_vars: ccv({
      authorizing_type: 'resource',
      queue_id: 'q1',
      inception: '02873001234@10.0.0.1',
      bridge_id: a,
    }),
  };
  const bBase = {
    call_id: b,
    other_leg_call_id: a,
    call_direction: 'outbound',
    caller_id_number: '0912345678',
    callee_id_number: '8001',
    callee_id_name: 'Dang Van An',
    request: 'agent8001@anphu.antbuddy.com',
    custom_channel_vars: ccv({
      authorizing_type: 'device',
      owner_id: 'own-8001',
      username: 'agent8001',
      queue_id: 'q1',
      bridge_id: a,
    }),
  };
  return [
    platformEvent('CHANNEL_CREATE', { ...aBase, timestamp: T0 }),
    platformEvent('CHANNEL_ANSWER', { ...aBase, timestamp: T0 + 3 }),
    platformEvent('CHANNEL_CREATE', { ...bBase, timestamp: T0 + 10 }),
    platformEvent('CHANNEL_ANSWER', { ...bBase, timestamp: String(T0 + 15) }),
    platformEvent('CHANNEL_BRIDGE', { ...aBase, other_leg_call_id: b, timestamp: T0 + 15 }),
    platformEvent('CHANNEL_HOLD', { ...bBase, timestamp: T0 + 20 }),
    platformEvent('CHANNEL_UNHOLD', { ...bBase, timestamp: T0 + 25 }),
    platformEvent('CHANNEL_DESTROY', {
      ...bBase,
      timestamp: T0 + 60,
      hangup_cause: 'NORMAL_CLEARING',
      duration_seconds: '50',
      billing_seconds: '45',
    }),
    platformEvent('CHANNEL_DESTROY', {
      ...aBase,
      other_leg_call_id: b,
      timestamp: T0 + 61,
      hangup_cause: 'NORMAL_CLEARING',
      duration_seconds: 61,
      billing_seconds: 58,
    }),
  ];
}

function twoLeg(kind: 'internal' | 'outbound', outcome: 'answered' | 'missed'): PlatformCallEvent[] {
  const a = `${kind}-a`;
  const b = `${kind}-b`;
  const callee = kind === 'internal' ? '8002' : '0987654321';
  const aBase = {
    call_id: a,
    call_direction: 'inbound',
    caller_id_number: '8001',
    caller_id_name: 'Dang Van An',
    callee_id_number: callee,
    request: `${callee}@anphu.antbuddy.com`,
    custom_channel_vars: ccv({ authorizing_type: 'device', owner_id: 'own-8001', username: 'agent8001' }),
  };
  const bBase = {
    call_id: b,
    other_leg_call_id: a,
    call_direction: 'outbound',
    caller_id_number: kind === 'internal' ? '8001' : '02873001234',
    callee_id_number: callee,
    custom_channel_vars: ccv(
      kind === 'internal'
        ? { authorizing_type: 'device', owner_id: 'own-8002' }
        : { authorizing_type: 'device', resource_type: 'offnet-termination' },
    ),
  };
  const start = [
    platformEvent('CHANNEL_CREATE', { ...aBase, timestamp: T0 }),
    platformEvent('CHANNEL_CREATE', { ...bBase, timestamp: T0 + 1 }),
  ];
  if (outcome === 'missed') {
    return [
      ...start,
      platformEvent('CHANNEL_DESTROY', {
        ...bBase,
        timestamp: T0 + 30,
        hangup_cause: 'NO_ANSWER',
        duration_seconds: 29,
        billing_seconds: 0,
      }),
      platformEvent('CHANNEL_DESTROY', {
        ...aBase,
        timestamp: T0 + 30,
        hangup_cause: 'NO_ANSWER',
        duration_seconds: 30,
        billing_seconds: 0,
      }),
    ];
  }
  return [
    ...start,
    platformEvent('CHANNEL_ANSWER', { ...bBase, timestamp: T0 + 5 }),
    platformEvent('CHANNEL_ANSWER', { ...aBase, other_leg_call_id: b, timestamp: T0 + 5 }),
    platformEvent('CHANNEL_BRIDGE', { ...aBase, other_leg_call_id: b, timestamp: T0 + 5 }),
    platformEvent('CHANNEL_HOLD', { ...aBase, other_leg_call_id: b, timestamp: T0 + 8 }),
    platformEvent('CHANNEL_HOLD', { ...aBase, other_leg_call_id: b, timestamp: T0 + 8 }),
    platformEvent('CHANNEL_UNHOLD', { ...aBase, other_leg_call_id: b, timestamp: T0 + 9 }),
    platformEvent('CHANNEL_DESTROY', {
      ...aBase,
      timestamp: T0 + 20,
      hangup_cause: 'NORMAL_CLEARING',
      duration_seconds: 20,
      billing_seconds: 15,
    }),
    platformEvent('CHANNEL_DESTROY', {
      ...bBase,
      timestamp: T0 + 20,
      hangup_cause: 'NORMAL_CLEARING',
      duration_seconds: 19,
      billing_seconds: 15,
    }),
  ];
}

const types = (events: CallEvent[]): string[] => events.map((e) => e.type);

/**
 * A DID call through a queue that rings agent 8001 (leg q-b1) until it times out, then agent
 * 8002 (leg q-b2), as Kazoo ACDc signals it: a new B leg per agent tried.
 */
function queueRingsInTurn(outcome: 'answered' | 'missed'): Record<string, PlatformCallEvent> {
  const aBase = {
    call_id: 'q-a',
    call_direction: 'inbound',
    caller_id_number: '0912345678',
    callee_id_number: '02873001234',
    request: '02873001234@anphu.antbuddy.com',
    custom_channel_vars: ccv({ authorizing_type: 'resource', queue_id: 'q1' }),
  };
  const agentLeg = (id: string, ext: string, name: string) => ({
    call_id: id,
    other_leg_call_id: 'q-a',
    call_direction: 'outbound',
    caller_id_number: '0912345678',
    callee_id_number: ext,
    callee_id_name: name,
    request: `agent${ext}@anphu.antbuddy.com`,
    custom_channel_vars: ccv({
      authorizing_type: 'device',
      owner_id: `own-${ext}`,
      username: `agent${ext}`,
      queue_id: 'q1',
      bridge_id: 'q-a',
    }),
  });
  const b1 = agentLeg('q-b1', '8001', 'Dang Van An');
  const b2 = agentLeg('q-b2', '8002', 'Tran Thi Binh');
  const cause = outcome === 'answered' ? 'NORMAL_CLEARING' : 'NO_ANSWER';
  return {
    createA: platformEvent('CHANNEL_CREATE', { ...aBase, timestamp: T0 }),
    answerA: platformEvent('CHANNEL_ANSWER', { ...aBase, timestamp: T0 }),
    createB1: platformEvent('CHANNEL_CREATE', { ...b1, timestamp: T0 + 1 }),
    destroyB1: platformEvent('CHANNEL_DESTROY', { ...b1, timestamp: T0 + 16, hangup_cause: 'NO_ANSWER' }),
    createB2: platformEvent('CHANNEL_CREATE', { ...b2, timestamp: T0 + 16 }),
    answerB2: platformEvent('CHANNEL_ANSWER', { ...b2, timestamp: T0 + 20 }),
    bridgeA: platformEvent('CHANNEL_BRIDGE', { ...aBase, other_leg_call_id: 'q-b2', timestamp: T0 + 20 }),
    destroyB2: platformEvent('CHANNEL_DESTROY', { ...b2, timestamp: T0 + 60, hangup_cause: cause }),
    destroyA: platformEvent('CHANNEL_DESTROY', {
      ...aBase,
      other_leg_call_id: 'q-b2',
      timestamp: T0 + 60,
      hangup_cause: 'NORMAL_CLEARING',
    }),
  };
}

describe('CallFolder', () => {
  it('folds a two-leg inbound queue call into one call, answered by the agent leg, not the queue', () => {
    const events = run(folder(), inboundViaQueue());
    expect(types(events)).toEqual(['ringing', 'answered', 'held', 'resumed', 'ended']);
    expect(new Set(events.map((e) => e.callId))).toEqual(new Set(['in-a']));
    expect(events.every((e) => e.direction === 'inbound')).toBe(true);
    expect(events[0]).toEqual({
      type: 'ringing',
      callId: 'in-a',
      direction: 'inbound',
      from: { number: '0912345678', name: 'Nguyen Van B' },
      to: { number: '02873001234' },
      at: '2026-01-28T08:08:53.000Z',
      did: '02873001234',
      queue: 'q1',
    });
    // Once the agent's leg rings, the call is addressed to the agent.
    expect(events[1]?.to).toEqual({ number: '8001', name: 'Dang Van An' });
    expect(events[1]?.at).toBe('2026-01-28T08:09:08.000Z');
    expect(events[4]).toMatchObject({
      type: 'ended',
      durationSeconds: 61,
      billingSeconds: 58,
      cause: 'NORMAL_CLEARING',
      at: '2026-01-28T08:09:54.000Z',
    });
  });

  it('classifies internal and outbound calls from the agent point of view', () => {
    const internal = run(folder(), twoLeg('internal', 'answered'));
    expect(types(internal)).toEqual(['ringing', 'answered', 'held', 'resumed', 'ended']);
    expect(internal.every((e) => e.direction === 'internal' && e.callId === 'internal-a')).toBe(true);
    expect(internal[0]).toMatchObject({ from: { number: '8001', name: 'Dang Van An' }, to: { number: '8002' } });
    expect(internal[0]?.did).toBeUndefined();

    const outbound = run(folder(), twoLeg('outbound', 'answered'));
    expect(outbound.every((e) => e.direction === 'outbound' && e.callId === 'outbound-a')).toBe(true);
    expect(outbound[0]).toMatchObject({ from: { number: '8001' }, to: { number: '0987654321' } });
    expect(outbound.at(-1)).toMatchObject({ type: 'ended', durationSeconds: 20, billingSeconds: 15 });
  });

  it('reports a call destroyed without answer as ringing then ended, with the A leg cause', () => {
    const events = run(folder(), twoLeg('internal', 'missed'));
    expect(types(events)).toEqual(['ringing', 'ended']);
    expect(events[1]).toMatchObject({ cause: 'NO_ANSWER', billingSeconds: 0, durationSeconds: 30 });
  });

  it('ignores duplicated frames', () => {
    const once = run(folder(), inboundViaQueue());
    const twice = run(
      folder(),
      inboundViaQueue().flatMap((e) => [e, e]),
    );
    expect(twice).toEqual(once);
  });

  it('ends only when the last leg is destroyed, and late frames never revive a call', () => {
    const f = folder();
    const all = inboundViaQueue();
    const [createA, answerA, createB, answerB, bridge, , , destroyB, destroyA] = all;
    if (!createA || !answerA || !createB || !answerB || !bridge || !destroyB || !destroyA) throw new Error('fixture');
    // The caller hangs up first: A is destroyed before B.
    expect(types(run(f, [createA, answerA, createB, answerB, bridge, destroyA]))).toEqual(['ringing', 'answered']);
    expect(types(run(f, [destroyB]))).toEqual(['ended']);
    // Stragglers after the end.
    expect(run(f, [answerB, destroyA, createB, bridge])).toEqual([]);
    expect(f.activeCalls).toBe(0);
  });

  it('ignores a destroy that overtakes its create, and the create that follows', () => {
    const f = folder();
    const create = platformEvent('CHANNEL_CREATE', {
      call_id: 'solo',
      caller_id_number: '0912345678',
      callee_id_number: '8001',
    });
    const destroy = platformEvent('CHANNEL_DESTROY', { call_id: 'solo', hangup_cause: 'NORMAL_CLEARING' });
    expect(run(f, [destroy, create])).toEqual([]);
    expect(f.activeCalls).toBe(0);
  });

  it('stays silent about a call first seen mid-way (connected during the call)', () => {
    const f = folder();
    const [, , , answerB, bridge, hold, unhold, destroyB, destroyA] = inboundViaQueue();
    const events = run(
      f,
      [answerB, bridge, hold, unhold, destroyB, destroyA].filter((e): e is PlatformCallEvent => e !== undefined),
    );
    expect(events).toEqual([]);
    expect(f.activeCalls).toBe(0);
  });

  it('keeps several calls apart and forgets finished ones (bounded memory)', () => {
    const f = new CallFolder({ now: () => NOW, maxCalls: 50 });
    for (let i = 0; i < 200; i++) run(f, inboundViaQueue(`a${i}`, `b${i}`));
    expect(f.activeCalls).toBe(0);
    for (let i = 0; i < 200; i++)
      f.fold(platformEvent('CHANNEL_CREATE', { call_id: `open${i}`, caller_id_number: '0912345678' }));
    expect(f.activeCalls).toBe(50);
  });

  it('interleaves two calls without mixing them', () => {
    const first = inboundViaQueue('x-a', 'x-b');
    const second = twoLeg('outbound', 'answered');
    const mixed: PlatformCallEvent[] = [];
    for (let i = 0; i < Math.max(first.length, second.length); i++) {
      const a = first[i];
      const b = second[i];
      if (a) mixed.push(a);
      if (b) mixed.push(b);
    }
    const events = run(folder(), mixed);
    expect(types(events.filter((e) => e.callId === 'x-a'))).toEqual([
      'ringing',
      'answered',
      'held',
      'resumed',
      'ended',
    ]);
    expect(types(events.filter((e) => e.callId === 'outbound-a'))).toEqual([
      'ringing',
      'answered',
      'held',
      'resumed',
      'ended',
    ]);
  });

  describe('a queue call ringing several agents in turn', () => {
    const agent8002 = { number: '8002', name: 'Tran Thi Binh' };

    it('names the agent who answered, not the first one rung, on answered and later events', () => {
      const e = queueRingsInTurn('answered');
      const order = [e.createA, e.answerA, e.createB1, e.destroyB1, e.createB2, e.answerB2, e.bridgeA, e.destroyB2];
      const events = run(
        folder(),
        [...order, e.destroyA].filter((x): x is PlatformCallEvent => x !== undefined),
      );
      expect(types(events)).toEqual(['ringing', 'answered', 'ended']);
      // One call, under leg A's id, although three legs took part.
      expect(new Set(events.map((x) => x.callId))).toEqual(new Set(['q-a']));
      expect(events[0]?.to).toEqual({ number: '02873001234' });
      expect(events[1]?.to).toEqual(agent8002);
      expect(events[2]?.to).toEqual(agent8002);
    });

    it('names the answering agent when the bridge on leg A comes before its answer', () => {
      const e = queueRingsInTurn('answered');
      const order = [e.createA, e.answerA, e.createB1, e.destroyB1, e.createB2, e.bridgeA, e.answerB2];
      const events = run(
        folder(),
        order.filter((x): x is PlatformCallEvent => x !== undefined),
      );
      expect(types(events)).toEqual(['ringing', 'answered']);
      expect(events[1]?.to).toEqual(agent8002);
    });

    it('stays one ringing call while agents time out, and ends once when nobody answered', () => {
      const e = queueRingsInTurn('missed');
      const f = folder();
      const ringing = run(
        f,
        [e.createA, e.answerA, e.createB1, e.destroyB1, e.createB2].filter(
          (x): x is PlatformCallEvent => x !== undefined,
        ),
      );
      expect(types(ringing)).toEqual(['ringing']);
      expect(f.activeCalls).toBe(1);
      const end = run(
        f,
        [e.destroyB2, e.destroyA].filter((x): x is PlatformCallEvent => x !== undefined),
      );
      expect(types(end)).toEqual(['ended']);
      expect(end[0]?.callId).toBe('q-a');
      expect(f.activeCalls).toBe(0);
    });
  });

  it('remembers which calls were signalled, by leg id or by caller and time', () => {
    const f = folder();
    run(f, inboundViaQueue());
    expect(f.wasSignalled('in-a', undefined, 0)).toBe(true);
    expect(f.wasSignalled('in-b', undefined, 0)).toBe(true);
    expect(f.wasSignalled('other', '0912 345 678', Date.parse('2026-01-28T08:08:55Z'))).toBe(true);
    expect(f.wasSignalled('other', '0912345678', Date.parse('2026-01-28T08:20:00Z'))).toBe(false);
  });
});
