import { describe, expect, it } from 'vitest';
import { CALL_BINDINGS, createBlackholeAdapter } from '../../../src/main/services/signals';
import { WARM_UP_FRAMES } from '../../../src/main/services/signals/blackhole-adapter';
import { ACCOUNT, T0, eventFrame } from './helpers';

const adapter = createBlackholeAdapter();

describe('Blackhole adapter: outgoing messages', () => {
  it('builds one subscribe per binding with the account, token and request id', () => {
    const text = adapter.subscribe('call.CHANNEL_CREATE.*', { requestId: 'r-1', accountId: ACCOUNT, token: 'tok-123' });
    expect(JSON.parse(text)).toEqual({
      action: 'subscribe',
      auth_token: 'tok-123',
      request_id: 'r-1',
      data: { account_id: ACCOUNT, binding: 'call.CHANNEL_CREATE.*' },
    });
  });

  it('builds unsubscribe and ping', () => {
    expect(
      JSON.parse(adapter.unsubscribe('call.CHANNEL_ANSWER.*', { requestId: 'r-2', accountId: ACCOUNT, token: 't' })),
    ).toMatchObject({
      action: 'unsubscribe',
      data: { account_id: ACCOUNT, binding: 'call.CHANNEL_ANSWER.*' },
    });
    expect(JSON.parse(adapter.ping({ requestId: 'r-3' }))).toEqual({ action: 'ping', request_id: 'r-3', data: {} });
  });

  it('offers the six call bindings', () => {
    expect(CALL_BINDINGS).toEqual([
      'call.CHANNEL_CREATE.*',
      'call.CHANNEL_ANSWER.*',
      'call.CHANNEL_BRIDGE.*',
      'call.CHANNEL_DESTROY.*',
      'call.CHANNEL_HOLD.*',
      'call.CHANNEL_UNHOLD.*',
    ]);
  });
});

describe('Blackhole adapter: classifying frames', () => {
  it('reads success and error replies by status', () => {
    expect(
      adapter.classify(
        '{"action":"reply","request_id":"r-1","status":"success","data":{"subscribed":"x","subscriptions":[]}}',
      ),
    ).toEqual({
      kind: 'reply',
      requestId: 'r-1',
      status: 'success',
      errors: [],
    });
    expect(
      adapter.classify(
        '{"action":"reply","request_id":"r-2","status":"error","data":{"errors":["failed to authenticate token abc"]}}',
      ),
    ).toEqual({ kind: 'reply', requestId: 'r-2', status: 'error', errors: ['failed to authenticate token abc'] });
  });

  it('tells error kinds apart', () => {
    expect(adapter.classifyReplyError(['failed to authenticate token abc'])).toBe('auth');
    expect(adapter.classifyReplyError(['authentication token required'])).toBe('auth');
    expect(adapter.classifyReplyError(['unauthorized account id'])).toBe('account');
    expect(adapter.classifyReplyError(['no available subscriptions to requested binding'])).toBe('unavailable');
    expect(adapter.classifyReplyError(['rate limiting threshold hit for 1.2.3.4:5!'])).toBe('rate_limited');
    expect(adapter.classifyReplyError(['missing required keys : binding'])).toBe('other');
  });

  it('reads events and takes the name from data.event_name when name is absent', () => {
    const frame = adapter.classify(eventFrame('CHANNEL_CREATE', { call_id: 'a' }));
    expect(frame).toMatchObject({ kind: 'event', name: 'CHANNEL_CREATE' });
    expect(adapter.classify('{"action":"event","data":{"call_id":"a","event_name":"CHANNEL_ANSWER"}}')).toMatchObject({
      kind: 'event',
      name: 'CHANNEL_ANSWER',
    });
  });

  it.each([
    ['not JSON', 'hello{'],
    ['a number', '42'],
    ['an array', '[1,2]'],
    ['null', 'null'],
    ['no action', '{"name":"CHANNEL_CREATE"}'],
    ['unknown action', '{"action":"dance"}'],
    ['reply without status', '{"action":"reply","request_id":"x"}'],
    ['reply with odd status', '{"action":"reply","status":"maybe"}'],
    ['event without name', '{"action":"event","data":{"call_id":"a"}}'],
    ['deep nesting', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
  ])('classifies %s as unknown', (_what, text) => {
    expect(adapter.classify(text).kind).toBe('unknown');
  });

  it('maps a call event to the neutral form, accepting numbers as strings', () => {
    const frame = adapter.classify(
      eventFrame('CHANNEL_DESTROY', {
        call_id: 'leg-a',
        other_leg_call_id: 'leg-b',
        call_direction: 'inbound',
        caller_id_number: 912345678,
        caller_id_name: 'Nguyen Van B',
        callee_id_number: '8001',
        callee_id_name: '',
        timestamp: String(T0),
        request: '02873001234@company.antbuddy.com',
        hangup_cause: 'NORMAL_CLEARING',
        duration_seconds: '31',
        billing_seconds: 20,
        custom_channel_vars: {
          account_id: ACCOUNT,
          owner_id: 'own1',
          authorizing_type: 'Device',
          bridge_id: 'leg-a',
          username: 'agent8001',
        },
      }),
    );
    if (frame.kind !== 'event') throw new Error('expected event');
    const mapped = adapter.toPlatformEvent(frame);
    expect(mapped).toEqual({
      ok: true,
      droppedFields: [],
      event: {
        kind: 'destroy',
        legId: 'leg-a',
        otherLegId: 'leg-b',
        bridgeId: 'leg-a',
        switchDirection: 'inbound',
        caller: { number: '912345678', name: 'Nguyen Van B' },
        callee: { number: '8001' },
        atMs: Date.parse('2026-01-28T08:08:53Z'),
        requestUser: '02873001234',
        authorizingType: 'device',
        ownerId: 'own1',
        username: 'agent8001',
        accountId: ACCOUNT,
        hangupCause: 'NORMAL_CLEARING',
        durationSeconds: 31,
        billingSeconds: 20,
      },
    });
  });

  it('drops a bad optional field of a later event but keeps it; refuses such a create, and any event without call_id', () => {
    const frame = adapter.classify(
      eventFrame('CHANNEL_ANSWER', { call_id: 'x', caller_id_name: { deep: true }, duration_seconds: 'lots' }),
    );
    if (frame.kind !== 'event') throw new Error('expected event');
    const mapped = adapter.toPlatformEvent(frame);
    expect(mapped.ok && mapped.event.caller).toEqual({});
    expect(mapped.ok && mapped.droppedFields).toEqual(['caller_id_name', 'duration_seconds']);
    // A create starts a pop: half a valid create is no evidence of a real call (malformed-create.test.ts).
    const create = adapter.classify(
      eventFrame('CHANNEL_CREATE', { call_id: 'x', caller_id_name: { deep: true }, duration_seconds: 'lots' }),
    );
    if (create.kind !== 'event') throw new Error('expected event');
    expect(adapter.toPlatformEvent(create)).toEqual({
      ok: false,
      ignorable: false,
      reason: 'bad call event: caller_id_name, duration_seconds',
    });

    const bad = adapter.classify('{"action":"event","name":"CHANNEL_CREATE","data":{"call_id":7}}');
    if (bad.kind !== 'event') throw new Error('expected event');
    expect(adapter.toPlatformEvent(bad)).toMatchObject({ ok: false, ignorable: false });
  });

  it('ignores events the app does not use', () => {
    const park = adapter.classify(eventFrame('PARK_PARKED', { call_id: 'x' }));
    if (park.kind !== 'event') throw new Error('expected event');
    expect(adapter.toPlatformEvent(park)).toMatchObject({ ok: false, ignorable: true });
  });
});

describe('Blackhole adapter: warming up', () => {
  it('runs samples that fill every field a call event has through the strict parser, and one through the lenient', () => {
    const mapped = WARM_UP_FRAMES.map((text) => adapter.classify(text)).flatMap((frame) =>
      frame.kind === 'event' ? [adapter.toPlatformEvent(frame)] : [],
    );
    expect(mapped.map((m) => (m.ok ? m.event.kind : m.reason))).toEqual(['create', 'answer', 'destroy', 'destroy']);
    const full = mapped.slice(0, 3);
    for (const m of full) {
      if (!m.ok) throw new Error('expected a mapped event');
      expect(m.droppedFields).toEqual([]);
      // Every field parsed, so warming leaves no part of the schemas for the first call to compile.
      expect(Object.keys(m.event).sort()).toEqual(
        [
          'kind',
          'legId',
          'caller',
          'callee',
          'otherLegId',
          'bridgeId',
          'switchDirection',
          'atMs',
          'requestUser',
          'toUser',
          'fromUser',
          'authorizingType',
          'ownerId',
          'username',
          'accountId',
          'did',
          'queue',
          'hangupCause',
          'durationSeconds',
          'billingSeconds',
        ].sort(),
      );
      expect(Object.keys(m.event.caller).sort()).toEqual(['name', 'number']);
      expect(Object.keys(m.event.callee).sort()).toEqual(['name', 'number']);
    }
    expect(mapped[3]?.ok && mapped[3].droppedFields).toEqual(['duration_seconds']);
    expect(WARM_UP_FRAMES.map((text) => adapter.classify(text).kind)).toContain('reply');
  });

  it('can be asked any number of times and never throws', () => {
    const fresh = createBlackholeAdapter();
    expect(() => {
      fresh.warmUp();
      fresh.warmUp();
    }).not.toThrow();
  });
});
