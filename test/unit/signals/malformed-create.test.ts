import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallEvent } from '../../../src/shared/domain';
import { ok } from '../../../src/shared/result';
import { createBlackholeAdapter, createSignalService } from '../../../src/main/services/signals';
import { ACCOUNT, FakeSocket, T0, eventFrame } from './helpers';

/**
 * Issue 11: a CHANNEL_CREATE whose fields fail validation (an object as the caller's number)
 * popped a card for an "unknown caller" that no real call caused. Such a frame starts nothing.
 */

const adapter = createBlackholeAdapter();

/** A well-formed inbound create towards extension 8001. */
const GOOD: Record<string, unknown> = {
  call_id: 'leg-a',
  other_leg_call_id: 'leg-b',
  call_direction: 'inbound',
  caller_id_number: '0912345678',
  caller_id_name: 'Nguyen Van B',
  callee_id_number: '8001',
  callee_id_name: 'Agent 8001',
  timestamp: T0,
  request: '8001@company.antbuddy.com',
  to: '8001@company.antbuddy.com',
  from: '0912345678@company.antbuddy.com',
  bridge_id: 'leg-a',
  hangup_cause: 'NONE',
  duration_seconds: 0,
  billing_seconds: 0,
  custom_channel_vars: {
    account_id: ACCOUNT,
    owner_id: 'own-8001',
    authorizing_id: 'dev-1',
    authorizing_type: 'device',
    username: 'agent8001',
    bridge_id: 'leg-a',
    did: '02873001234',
    did_number: '02873001234',
    inception: '02873001234@company.antbuddy.com',
    queue_id: 'q1',
    queue_name: 'Support',
    queue: 'Support',
  },
};

function mapCreate(data: Record<string, unknown>) {
  const frame = adapter.classify(eventFrame('CHANNEL_CREATE', data));
  if (frame.kind !== 'event') throw new Error(`expected an event, got ${frame.kind}`);
  return adapter.toPlatformEvent(frame);
}

const TEXT_FIELDS = [
  'other_leg_call_id',
  'call_direction',
  'caller_id_name',
  'caller_id_number',
  'callee_id_name',
  'callee_id_number',
  'request',
  'to',
  'from',
  'bridge_id',
  'hangup_cause',
] as const;
const CCV_FIELDS = Object.keys(GOOD.custom_channel_vars as object);

const wrongTypes: [string, Record<string, unknown>][] = [
  ...TEXT_FIELDS.flatMap((field): [string, Record<string, unknown>][] => [
    [`${field} as an object`, { ...GOOD, [field]: { number: '0912345678' } }],
    [`${field} as an array`, { ...GOOD, [field]: ['0912345678'] }],
    [`${field} as a boolean`, { ...GOOD, [field]: true }],
  ]),
  ['call_id as an object', { ...GOOD, call_id: { id: 'leg-a' } }],
  ['call_id as a number', { ...GOOD, call_id: 7 }],
  ['timestamp as an object', { ...GOOD, timestamp: { s: T0 } }],
  ['timestamp as a word', { ...GOOD, timestamp: 'yesterday' }],
  ['duration_seconds negative', { ...GOOD, duration_seconds: -3 }],
  ['duration_seconds as a word', { ...GOOD, duration_seconds: 'lots' }],
  ['billing_seconds as an object', { ...GOOD, billing_seconds: {} }],
  ['custom_channel_vars as a string', { ...GOOD, custom_channel_vars: 'nope' }],
  ['custom_channel_vars as an array', { ...GOOD, custom_channel_vars: [] }],
  ...CCV_FIELDS.map((field): [string, Record<string, unknown>] => [
    `custom_channel_vars.${field} as an object`,
    { ...GOOD, custom_channel_vars: { ...(GOOD.custom_channel_vars as object), [field]: { x: 1 } } },
  ]),
];

describe('a CHANNEL_CREATE that fails validation', () => {
  it('is mapped when well formed (the control case)', () => {
    expect(mapCreate(GOOD)).toMatchObject({ ok: true, droppedFields: [], event: { kind: 'create', legId: 'leg-a' } });
  });

  it('is refused, not mapped with the caller dropped, when the caller number is an object (the frame seen)', () => {
    const frame =
      '{"action":"event","subscribed_key":"call.CHANNEL_CREATE.*",' +
      `"subscription_key":"call.${ACCOUNT}.CHANNEL_CREATE.*","name":"CHANNEL_CREATE",` +
      `"routing_key":"call.${ACCOUNT}.CHANNEL_CREATE.3f9a-phantom",` +
      '"data":{"call_id":"3f9a-phantom","call_direction":"inbound",' +
      '"caller_id_number":{"number":"0912345678","type":"realnumber"},"caller_id_name":"",' +
      '"callee_id_number":"8001","request":"8001@company.antbuddy.com","timestamp":63936806933,' +
      `"event_name":"CHANNEL_CREATE","custom_channel_vars":{"account_id":"${ACCOUNT}","authorizing_type":"device"}}}`;
    const classified = adapter.classify(frame);
    if (classified.kind !== 'event') throw new Error('expected an event');
    const mapped = adapter.toPlatformEvent(classified);
    expect(mapped).toEqual({ ok: false, ignorable: false, reason: 'bad call event: caller_id_number' });
  });

  it.each(wrongTypes)('is refused with %s', (_what, data) => {
    expect(mapCreate(data)).toMatchObject({ ok: false, ignorable: false });
  });

  it('other events keep their leniency: a destroy with a bad field still ends its call', () => {
    const frame = adapter.classify(
      eventFrame('CHANNEL_DESTROY', { call_id: 'x', caller_id_name: { deep: true }, duration_seconds: 'lots' }),
    );
    if (frame.kind !== 'event') throw new Error('expected event');
    const mapped = adapter.toPlatformEvent(frame);
    expect(mapped).toMatchObject({ ok: true, event: { kind: 'destroy', legId: 'x' } });
    expect(mapped.ok && mapped.droppedFields).toEqual(['caller_id_name', 'duration_seconds']);
  });
});

describe('the signal service given a malformed CHANNEL_CREATE', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2026-01-28T08:00:00Z') });
    FakeSocket.reset();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('rings nothing for it, nor for the rest of that call, and still rings a valid call', async () => {
    const service = createSignalService({
      getConfig: () => ({ url: 'ws://127.0.0.1:5555/', accountId: ACCOUNT, agent: { sipUser: 'agent8001' } }),
      tokens: { getToken: async () => ok({ token: 't', expiresAt: new Date(Date.now() + 3_600_000) }) },
      history: { fetchRange: async () => ok([]) },
      WebSocketImpl: FakeSocket,
    });
    const events: CallEvent[] = [];
    service.onCallEvent((e) => events.push(e));
    service.start();
    await vi.advanceTimersByTimeAsync(0);
    const socket = FakeSocket.last();
    socket.serverOpen();
    socket.acceptSubscriptions();
    expect(service.state().kind).toBe('live');

    for (const [, data] of wrongTypes) {
      const id = typeof data.call_id === 'string' ? `${data.call_id}-${events.length}` : data.call_id;
      socket.serverSend(eventFrame('CHANNEL_CREATE', { ...data, call_id: id }));
    }
    socket.serverSend(eventFrame('CHANNEL_CREATE', { ...GOOD, call_id: 'phantom', caller_id_number: { n: 1 } }));
    socket.serverSend(eventFrame('CHANNEL_ANSWER', { call_id: 'phantom', caller_id_number: '0912345678' }));
    socket.serverSend(eventFrame('CHANNEL_DESTROY', { call_id: 'phantom', hangup_cause: 'NORMAL_CLEARING' }));
    expect(events).toEqual([]);

    socket.serverSend(eventFrame('CHANNEL_CREATE', { ...GOOD, call_id: 'real', other_leg_call_id: undefined }));
    expect(events.map((e) => [e.type, e.callId, e.from.number])).toEqual([['ringing', 'real', '0912345678']]);
    service.stop();
  });
});
