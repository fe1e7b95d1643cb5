import { describe, expect, it } from 'vitest';
import { createOwnCallFilter } from '../../../src/cli/own-calls';
import type { CallEvent } from '../../../src/shared/domain';
import type { PlatformCallEvent, SignalProtocolAdapter } from '../../../src/main/services/signals';
import { createBlackholeAdapter } from '../../../src/main/services/signals';
import type { ScreenPopAgent } from '../../../src/main/services/screenpop';

/** The Blackhole adapter, except that an event frame's data IS the leg event: legs can be played directly. */
function legAdapter(): SignalProtocolAdapter {
  const real = createBlackholeAdapter();
  return {
    name: 'test',
    defaultBindings: real.defaultBindings,
    subscribe: (binding, ctx) => real.subscribe(binding, ctx),
    unsubscribe: (binding, ctx) => real.unsubscribe(binding, ctx),
    ping: (ctx) => real.ping(ctx),
    classify: (frame) => real.classify(frame),
    classifyReplyError: (errors) => real.classifyReplyError(errors),
    warmUp: () => real.warmUp(),
    toPlatformEvent: (frame) => ({ ok: true, event: frame.data as PlatformCallEvent, droppedFields: [] }),
  };
}

const ME: ScreenPopAgent = { sipUser: 'agent8001', extensions: ['8001'], username: 'lan', ownerId: 'owner-lan' };

function call(
  type: CallEvent['type'],
  callId: string,
  from: string,
  to: string,
  direction: CallEvent['direction'] = 'inbound',
): CallEvent {
  return { type, callId, direction, from: { number: from }, to: { number: to }, at: '2025-03-01T08:00:00.000Z' };
}

function setup() {
  const out: CallEvent[] = [];
  const filter = createOwnCallFilter(ME, (event) => out.push(event), legAdapter());
  /** The signal service hands every leg event to its adapter before folding it. */
  const leg = (event: PlatformCallEvent): void => {
    filter.adapter.toPlatformEvent({ kind: 'event', name: 'CHANNEL_CREATE', data: event });
  };
  return { out, filter, leg };
}

describe('antring signals --mine: the calls of this agent only', () => {
  it('keeps calls the agent makes or takes (by SIP user or extension), drops colleagues’ calls', () => {
    const { out, filter } = setup();
    filter.accept(call('ringing', 'c1', '0912345678', 'agent8001'));
    filter.accept(call('ringing', 'c2', '8002', '8003', 'internal'));
    filter.accept(call('answered', 'c2', '8002', '8003', 'internal'));
    filter.accept(call('ringing', 'c3', '8001', '0987654321', 'outbound'));
    filter.accept(call('ended', 'c2', '8002', '8003', 'internal'));
    filter.accept(call('ended', 'c1', '0912345678', 'agent8001'));
    expect(out.map((event) => `${event.type} ${event.callId}`)).toEqual(['ringing c1', 'ringing c3', 'ended c1']);
  });

  it('a DID or queue call: its ringing is held back and printed when the switch rings the agent’s phone', () => {
    const { out, filter, leg } = setup();
    // The customer's leg rings the company number: nothing says yet whose call it is.
    filter.accept(call('ringing', 'a-leg', '0912345678', '02873001234'));
    expect(out).toEqual([]);
    // The switch creates a leg towards this agent's phone, tied to the caller's leg.
    leg({
      kind: 'create',
      legId: 'b-leg',
      otherLegId: 'a-leg',
      switchDirection: 'outbound',
      caller: { number: '0912345678' },
      callee: { number: '8001' },
      ownerId: 'owner-lan',
    });
    expect(out.map((event) => `${event.type} ${event.callId}`)).toEqual(['ringing a-leg']);
    // From now on the whole call is this agent's, though its events still name the DID.
    filter.accept(call('answered', 'a-leg', '0912345678', '02873001234'));
    filter.accept(call('ended', 'a-leg', '0912345678', '02873001234'));
    expect(out.map((event) => `${event.type} ${event.callId}`)).toEqual([
      'ringing a-leg',
      'answered a-leg',
      'ended a-leg',
    ]);
  });

  it('a queue call that rang only colleagues never shows, even when it ends', () => {
    const { out, filter, leg } = setup();
    filter.accept(call('ringing', 'q1', '0912345678', '02873001234'));
    leg({
      kind: 'create',
      legId: 'b-colleague',
      otherLegId: 'q1',
      switchDirection: 'outbound',
      caller: { number: '0912345678' },
      callee: { number: '8002' },
      ownerId: 'owner-minh',
    });
    filter.accept(call('answered', 'q1', '0912345678', '02873001234'));
    filter.accept(call('ended', 'q1', '0912345678', '02873001234'));
    // Its held ringing was dropped at the end: a late leg of this agent cannot resurrect it.
    leg({
      kind: 'create',
      legId: 'late',
      otherLegId: 'q1',
      switchDirection: 'outbound',
      caller: { number: '0912345678' },
      callee: { number: '8001' },
    });
    expect(out).toEqual([]);
  });
});
