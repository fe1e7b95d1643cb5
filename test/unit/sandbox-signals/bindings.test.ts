import { describe, expect, it } from 'vitest';
import {
  bindingMatches,
  checkBinding,
  routingKey,
  subscriptionKey,
  type CallBinding,
} from '../../../sandbox/signals/bindings';

function binding(text: string): CallBinding {
  const check = checkBinding(text);
  if (!check.ok) throw new Error(check.error);
  return check.binding;
}

describe('checkBinding', () => {
  it('accepts call bindings with wildcards', () => {
    expect(binding('call.*.*')).toEqual({ requested: 'call.*.*', event: '*', callId: '*' });
    expect(binding('call.CHANNEL_HOLD.abc')).toEqual({
      requested: 'call.CHANNEL_HOLD.abc',
      event: 'CHANNEL_HOLD',
      callId: 'abc',
    });
    expect(binding('call.PARK_PARKED.*').event).toBe('PARK_PARKED');
  });

  it('answers Blackhole error strings', () => {
    expect(checkBinding('acdc_stats.status.*')).toEqual({
      ok: false,
      error: 'no available subscriptions to requested binding',
    });
    expect(checkBinding('conference.event.*')).toEqual({
      ok: false,
      error: 'no available subscriptions to requested binding',
    });
    expect(checkBinding('call.CHANNEL_FOO.*')).toEqual({ ok: false, error: 'event CHANNEL_FOO not supported' });
    expect(checkBinding('call.*')).toEqual({ ok: false, error: 'invalid format for call subscription : *' });
    expect(checkBinding('call.*.a.b')).toEqual({ ok: false, error: 'invalid format for call subscription : *, a, b' });
  });
});

describe('matching', () => {
  it('matches event and call id, each possibly a wildcard', () => {
    expect(bindingMatches(binding('call.*.*'), 'CHANNEL_CREATE', 'x')).toBe(true);
    expect(bindingMatches(binding('call.CHANNEL_CREATE.*'), 'CHANNEL_CREATE', 'x')).toBe(true);
    expect(bindingMatches(binding('call.CHANNEL_CREATE.*'), 'CHANNEL_DESTROY', 'x')).toBe(false);
    expect(bindingMatches(binding('call.*.x'), 'CHANNEL_DESTROY', 'x')).toBe(true);
    expect(bindingMatches(binding('call.*.x'), 'CHANNEL_DESTROY', 'y')).toBe(false);
    expect(bindingMatches(binding('call.CHANNEL_ANSWER.x'), 'CHANNEL_ANSWER', 'x')).toBe(true);
  });

  it('builds the keys Blackhole puts on events', () => {
    expect(subscriptionKey('acc', binding('call.*.*'), 'CHANNEL_BRIDGE')).toBe('call.acc.CHANNEL_BRIDGE.*');
    expect(subscriptionKey('acc', binding('call.CHANNEL_ANSWER.id1'), 'CHANNEL_ANSWER')).toBe(
      'call.acc.CHANNEL_ANSWER.id1',
    );
    expect(routingKey('acc', 'CHANNEL_CREATE', 'id2')).toBe('call.acc.CHANNEL_CREATE.id2');
  });
});
