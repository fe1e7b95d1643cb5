import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createScreenPopService, type ScreenPopService } from '../../../src/main/services/screenpop';
import { createSignalService, type HistoryRecord, type SignalService } from '../../../src/main/services/signals';
import type { CallEvent } from '../../../src/shared/domain';
import { ok } from '../../../src/shared/result';
import { ACCOUNT, FakeSocket, T0, eventFrame } from '../signals/helpers';

/**
 * Issue 11: a pop outlived its call when the call's end fell in a gap of the call signals (its
 * destroy never arrives). After every gap, the calls still shown from before it are checked
 * against the gap's history: those it lists have ended, and their pops close.
 */

const START_MS = (T0 - 62_167_219_200) * 1000;
const at = (ms: number): number => T0 + Math.round((ms - START_MS) / 1000);

interface Rig {
  signals: SignalService;
  pops: ScreenPopService;
  events: CallEvent[];
  history: HistoryRecord[];
  lookups: [Date, Date][];
}

function rig(): Rig {
  const history: HistoryRecord[] = [];
  const lookups: [Date, Date][] = [];
  const signals = createSignalService({
    getConfig: () => ({
      url: 'ws://127.0.0.1:5555/',
      accountId: ACCOUNT,
      agent: { sipUser: 'agent8001', extension: '8001' },
    }),
    tokens: { getToken: async () => ok({ token: 't', expiresAt: new Date(Date.now() + 3_600_000) }) },
    // Like the API: only calls that started inside the range asked for.
    history: {
      fetchRange: async (from, to) => {
        lookups.push([from, to]);
        return ok(
          history.filter((r) => {
            const ms = Number(r.unix_timestamp) * 1000;
            return ms >= from.getTime() && ms <= to.getTime();
          }),
        );
      },
    },
    random: () => 0.5,
    WebSocketImpl: FakeSocket,
  });
  const pops = createScreenPopService({
    settings: () => ({ sipUser: 'agent8001', crmUrlTemplate: '', crmOpenOn: 'never' }),
    directory: { findAgent: () => undefined, queueName: () => undefined },
  });
  const events: CallEvent[] = [];
  signals.onCallEvent((e) => {
    events.push(e);
    pops.handleCallEvent(e);
  });
  return { signals, pops, events, history, lookups };
}

async function live(socket = FakeSocket.last()): Promise<FakeSocket> {
  socket.serverOpen();
  socket.acceptSubscriptions();
  await vi.advanceTimersByTimeAsync(0);
  return socket;
}

/** An inbound call from `caller` to extension 8001: the A leg, then the agent's leg. */
function ring(socket: FakeSocket, id: string, caller: string): void {
  const ts = at(Date.now());
  socket.serverSend(
    eventFrame('CHANNEL_CREATE', {
      call_id: id,
      call_direction: 'inbound',
      caller_id_number: caller,
      callee_id_number: '8001',
      request: '8001@company.antbuddy.com',
      timestamp: ts,
    }),
  );
  socket.serverSend(
    eventFrame('CHANNEL_CREATE', {
      call_id: `${id}-b`,
      other_leg_call_id: id,
      call_direction: 'outbound',
      caller_id_number: caller,
      callee_id_number: '8001',
      timestamp: ts,
    }),
  );
}

function answer(socket: FakeSocket, id: string): void {
  socket.serverSend(
    eventFrame('CHANNEL_ANSWER', { call_id: `${id}-b`, other_leg_call_id: id, callee_id_number: '8001' }),
  );
}

function record(callId: string, caller: string, startMs: number, status: string, durationS: number): HistoryRecord {
  return {
    call_id: callId,
    caller: { number: caller, type: 'realnumber' },
    callee: { number: 'agent8001', type: 'user', username: 'agent8001' },
    class: 'trunking',
    did_number: '02873001234',
    direction: 'to_ab',
    status_detail: status,
    unix_timestamp: Math.floor(startMs / 1000),
    duration_seconds: durationS,
    queue_stat: [],
  };
}

/** Keeps the socket alive while time passes. */
async function pass(socket: FakeSocket, ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 5_000) {
    await vi.advanceTimersByTimeAsync(Math.min(5_000, left));
    socket.emit('pong');
  }
}

const stateOf = (pops: ScreenPopService, callId: string): string | undefined =>
  pops.list().find((p) => p.callId === callId)?.state;

beforeEach(() => {
  vi.useFakeTimers({ now: START_MS });
  FakeSocket.reset();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('pops whose call ended during a gap in the call signals', () => {
  it('close after the reconnect when the gap history lists their call; pops of calls still going stay', async () => {
    const r = rig();
    r.signals.start();
    await vi.advanceTimersByTimeAsync(0);
    let socket = await live();

    // A long call, answered here ten minutes before the gap.
    const longStart = Date.now();
    ring(socket, 'long', '0912345678');
    answer(socket, 'long');
    await pass(socket, 10 * 60_000);
    // A call still going on after the gap, and one still ringing when it began.
    ring(socket, 'going', '0987654321');
    answer(socket, 'going');
    const ringingStart = Date.now();
    ring(socket, 'ringing', '0933333333');
    await pass(socket, 10_000);
    expect(Object.fromEntries(r.pops.list().map((p) => [p.callId, p.state]))).toEqual({
      ringing: 'ringing',
      going: 'answered-here',
      long: 'answered-here',
    });

    socket.serverClose(1006);
    // During the gap the long call ends, and the ringing caller gives up; the history files
    // the second under another leg's id, so only its number and start time tie it to the pop.
    r.history.push(record('long', '0912345678', longStart, 'SUCCESS', 10 * 60 + 30));
    r.history.push(record('cdr-7f3e', '0933333333', ringingStart + 1_000, 'CANCELLED', 15));
    await vi.advanceTimersByTimeAsync(200);
    socket = await live();
    expect(r.signals.state().kind).toBe('live');

    // The lookup reached back to the start of the oldest call shown, not just the gap.
    expect(r.lookups).toHaveLength(1);
    expect(r.lookups[0]?.[0].getTime()).toBeLessThanOrEqual(longStart - 60_000);
    expect(stateOf(r.pops, 'long')).toBe('ended');
    expect(stateOf(r.pops, 'ringing')).toBe('ended');
    expect(stateOf(r.pops, 'going')).toBe('answered-here');
    expect(r.events.filter((e) => e.type === 'ended').map((e) => e.callId)).toEqual(['long', 'ringing']);
    expect(r.events.find((e) => e.callId === 'long' && e.type === 'ended')).toMatchObject({ durationSeconds: 630 });
    await pass(socket, 2_000);
    expect(r.pops.list().map((p) => p.callId)).toEqual(['going']);

    // Stragglers of an ended call change nothing; the call still going ends as usual.
    socket.serverSend(eventFrame('CHANNEL_DESTROY', { call_id: 'long', hangup_cause: 'NORMAL_CLEARING' }));
    socket.serverSend(eventFrame('CHANNEL_DESTROY', { call_id: 'going-b', hangup_cause: 'NORMAL_CLEARING' }));
    socket.serverSend(eventFrame('CHANNEL_DESTROY', { call_id: 'going', hangup_cause: 'NORMAL_CLEARING' }));
    expect(r.events.filter((e) => e.type === 'ended').map((e) => e.callId)).toEqual(['long', 'ringing', 'going']);
    expect(stateOf(r.pops, 'going')).toBe('ended');
    r.signals.stop();
    r.pops.dispose();
  });

  it('close at the follow-up lookup when the history filed the call only after the reconnect', async () => {
    const r = rig();
    r.signals.start();
    await vi.advanceTimersByTimeAsync(0);
    let socket = await live();
    const start = Date.now();
    ring(socket, 'late', '0912345678');
    answer(socket, 'late');
    await pass(socket, 60_000);
    socket.serverClose(1006);
    await vi.advanceTimersByTimeAsync(200);
    socket = await live();
    expect(stateOf(r.pops, 'late')).toBe('answered-here');
    r.history.push(record('late', '0912345678', start, 'SUCCESS', 62));
    await pass(socket, 5 * 60_000 + 5_000);
    expect(r.lookups).toHaveLength(2);
    expect(r.pops.list()).toEqual([]);
    expect(r.events.filter((e) => e.type === 'ended').map((e) => e.callId)).toEqual(['late']);
    r.signals.stop();
    r.pops.dispose();
  });

  it('end nothing without a gap, nor a call that rang after the reconnect', async () => {
    const r = rig();
    r.signals.start();
    await vi.advanceTimersByTimeAsync(0);
    let socket = await live();
    await pass(socket, 20_000);
    socket.serverClose(1006);
    await vi.advanceTimersByTimeAsync(200);
    socket = FakeSocket.last();
    socket.serverOpen();
    // The same customer calls again right after the reconnect; history holds the earlier call.
    r.history.push(record('earlier', '0912345678', Date.now() - 2_000, 'CANCELLED', 3));
    ring(socket, 'after', '0912345678');
    socket.acceptSubscriptions();
    await vi.advanceTimersByTimeAsync(0);
    expect(r.signals.state().kind).toBe('live');
    expect(r.lookups).toHaveLength(1);
    expect(stateOf(r.pops, 'after')).toBe('ringing');
    r.signals.stop();
    r.pops.dispose();
  });
});
