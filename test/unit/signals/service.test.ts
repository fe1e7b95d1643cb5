import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallEvent, SignalConnectionState } from '../../../src/shared/domain';
import { appError } from '../../../src/shared/errors';
import { err, ok } from '../../../src/shared/result';
import {
  createBlackholeAdapter,
  createSignalService,
  type HistoryRecord,
  type MissedCall,
  type SignalConfig,
  type SignalProtocolAdapter,
  type SignalService,
} from '../../../src/main/services/signals';
import type { SignalLogger } from '../../../src/main/services/signals/types';
import { ACCOUNT, FakeSocket, T0, eventFrame } from './helpers';

const START = Date.parse('2026-01-28T08:00:00Z');
const CONFIG: SignalConfig = {
  url: 'ws://127.0.0.1:5555/',
  accountId: ACCOUNT,
  agent: { sipUser: 'agent8001', extension: '8001', ownerId: 'own-8001' },
};

interface Harness {
  service: SignalService;
  states: SignalConnectionState[];
  calls: CallEvent[];
  missed: MissedCall[][];
  logs: string[];
  getToken: ReturnType<typeof vi.fn>;
  fetchRange: ReturnType<typeof vi.fn>;
  history: { records: HistoryRecord[] };
}

function harness(
  options: {
    config?: SignalConfig | undefined;
    random?: () => number;
    lastListeningAt?: number;
    adapter?: SignalProtocolAdapter;
  } = { config: CONFIG },
): Harness {
  const config = 'config' in options ? options.config : CONFIG;
  let n = 0;
  const getToken = vi.fn(async () => ok({ token: `secret-token-${++n}`, expiresAt: new Date(Date.now() + 3_600_000) }));
  const history = { records: [] as HistoryRecord[] };
  const fetchRange = vi.fn(async (_from: Date, _to: Date) => ok(history.records));
  const logs: string[] = [];
  const record = (level: string) => (message: string, fields?: object) =>
    logs.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  const log: SignalLogger = {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
  const service = createSignalService({
    getConfig: () => config,
    tokens: { getToken },
    history: { fetchRange },
    log,
    random: options.random ?? (() => 0.5),
    WebSocketImpl: FakeSocket,
    ...(options.adapter ? { adapter: options.adapter } : {}),
    ...(options.lastListeningAt !== undefined ? { lastListeningAt: () => options.lastListeningAt } : {}),
  });
  const h: Harness = { service, states: [], calls: [], missed: [], logs, getToken, fetchRange, history };
  service.onState((s) => h.states.push(s));
  service.onCallEvent((e) => h.calls.push(e));
  service.onMissed((m) => h.missed.push(m));
  return h;
}

/** Lets the pending reconnect (or connect) run and go live, however many attempts passed. */
async function reconnectNow(h: Harness): Promise<FakeSocket> {
  const state = h.service.state();
  if (state.kind === 'reconnecting') await vi.advanceTimersByTimeAsync(Date.parse(state.nextAttemptAt) - Date.now());
  const socket = FakeSocket.last();
  expect(socket.terminated).toBe(false);
  socket.serverOpen();
  socket.acceptSubscriptions();
  await vi.advanceTimersByTimeAsync(0);
  expect(h.service.state().kind).toBe('live');
  return socket;
}

/** Keeps a fake socket alive (answers pings) while time passes. */
async function passTime(socket: FakeSocket, ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 5_000) {
    await vi.advanceTimersByTimeAsync(Math.min(5_000, left));
    socket.emit('pong');
  }
}

/** Starts (or lets a reconnect run), opens the fake socket and accepts every subscription. */
async function goLive(h: Harness, advanceMs = 0): Promise<FakeSocket> {
  const before = FakeSocket.instances.length;
  if (advanceMs === 0) h.service.start();
  await vi.advanceTimersByTimeAsync(advanceMs);
  expect(FakeSocket.instances.length).toBe(before + 1);
  const socket = FakeSocket.last();
  socket.serverOpen();
  socket.acceptSubscriptions();
  await vi.advanceTimersByTimeAsync(0);
  expect(h.service.state().kind).toBe('live');
  return socket;
}

beforeEach(() => {
  vi.useFakeTimers({ now: START });
  FakeSocket.reset();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('signal service: connecting', () => {
  it('subscribes each call binding in its own message, with the token and unique request ids', async () => {
    const h = harness();
    h.service.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.states.map((s) => s.kind)).toEqual(['connecting']);
    const socket = FakeSocket.last();
    expect(socket.url).toBe(CONFIG.url);
    socket.serverOpen();
    const subs = socket.sentMessages();
    expect(subs.map((m) => m.data.binding)).toEqual([
      'call.CHANNEL_CREATE.*',
      'call.CHANNEL_ANSWER.*',
      'call.CHANNEL_BRIDGE.*',
      'call.CHANNEL_DESTROY.*',
      'call.CHANNEL_HOLD.*',
      'call.CHANNEL_UNHOLD.*',
    ]);
    expect(
      subs.every((m) => m.action === 'subscribe' && m.auth_token === 'secret-token-1' && m.data.account_id === ACCOUNT),
    ).toBe(true);
    expect(new Set(subs.map((m) => m.request_id)).size).toBe(6);
    expect(h.service.state().kind).toBe('connecting');
    socket.acceptSubscriptions();
    expect(h.service.state()).toEqual({ kind: 'live', since: new Date(START).toISOString() });
    h.service.stop();
  });

  it('warms the frame parsers right after the socket opens, on every connection, before any call frame', async () => {
    const inner = createBlackholeAdapter();
    const warmUp = vi.fn(() => inner.warmUp());
    const h = harness({ config: CONFIG, adapter: { ...inner, warmUp } });
    h.service.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(warmUp).not.toHaveBeenCalled();
    const socket = FakeSocket.last();
    socket.serverOpen();
    expect(warmUp).not.toHaveBeenCalled(); // the subscriptions go out first
    await vi.advanceTimersByTimeAsync(0);
    expect(warmUp).toHaveBeenCalledTimes(1);
    socket.acceptSubscriptions();
    expect(h.service.state().kind).toBe('live');
    h.service.stop();
  });

  it('asks for a fresh token on every start: a restart may be for another account or server', async () => {
    const h = harness();
    await goLive(h);
    h.service.stop();
    await goLive(h);
    expect(h.getToken).toHaveBeenCalledTimes(2);
    const subs = FakeSocket.last()
      .sentMessages()
      .filter((m) => m.action === 'subscribe');
    expect(subs.map((m) => m.auth_token)).toEqual(Array(6).fill('secret-token-2'));
    h.service.stop();
  });

  it('fails with not_configured when there is no usable configuration', async () => {
    for (const config of [undefined, { ...CONFIG, url: 'http://example.com' }, { ...CONFIG, accountId: ' ' }]) {
      const h = harness({ config });
      h.service.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(h.service.state()).toMatchObject({ kind: 'failed', code: 'not_configured' });
      expect(FakeSocket.instances).toHaveLength(0);
    }
  });

  it('refreshes the token and resubscribes on "failed to authenticate token", then gives up with a clear, redacted reason', async () => {
    const h = harness();
    h.service.start();
    await vi.advanceTimersByTimeAsync(0);
    const socket = FakeSocket.last();
    socket.serverOpen();
    const refuse = (): void => {
      for (const m of socket.sentMessages()) {
        if (socket.answered.has(m.request_id)) continue;
        socket.answered.add(m.request_id);
        socket.serverSend(
          JSON.stringify({
            action: 'reply',
            request_id: m.request_id,
            status: 'error',
            data: { errors: [`failed to authenticate token ${m.auth_token}`] },
          }),
        );
      }
    };
    refuse();
    await vi.advanceTimersByTimeAsync(0);
    // Six refusals of the same token cost one new token; every binding is retried with it.
    expect(h.getToken).toHaveBeenCalledTimes(2);
    const retried = socket.sentMessages().slice(6);
    expect(retried).toHaveLength(6);
    expect(retried.every((m) => m.auth_token === 'secret-token-2')).toBe(true);
    refuse();
    await vi.advanceTimersByTimeAsync(0);
    refuse();
    await vi.advanceTimersByTimeAsync(0);
    refuse();
    await vi.advanceTimersByTimeAsync(0);
    const state = h.service.state();
    expect(state).toMatchObject({ kind: 'failed', code: 'rejected' });
    expect(state.kind === 'failed' && state.reason).toMatch(/refused the voice auth token 4 times/);
    expect(JSON.stringify(h.states) + h.logs.join('\n')).not.toMatch(/secret-token/);
    expect(socket.terminated).toBe(true);
  });

  it('succeeds when the refreshed token is accepted', async () => {
    const h = harness();
    h.service.start();
    await vi.advanceTimersByTimeAsync(0);
    const socket = FakeSocket.last();
    socket.serverOpen();
    for (const m of socket.sentMessages()) {
      socket.answered.add(m.request_id);
      socket.serverSend(
        JSON.stringify({
          action: 'reply',
          request_id: m.request_id,
          status: 'error',
          data: { errors: ['failed to authenticate token x'] },
        }),
      );
    }
    await vi.advanceTimersByTimeAsync(0);
    socket.acceptSubscriptions();
    expect(h.service.state().kind).toBe('live');
    h.service.stop();
  });

  it('treats a refused account as a configuration failure and an unavailable binding as absent', async () => {
    const h = harness();
    h.service.start();
    await vi.advanceTimersByTimeAsync(0);
    let socket = FakeSocket.last();
    socket.serverOpen();
    const first = socket.sentMessages()[0];
    socket.serverSend(
      JSON.stringify({
        action: 'reply',
        request_id: first?.request_id,
        status: 'error',
        data: { errors: ['unauthorized account id'] },
      }),
    );
    expect(h.service.state()).toMatchObject({ kind: 'failed', code: 'config_invalid' });

    h.service.start();
    await vi.advanceTimersByTimeAsync(0);
    socket = FakeSocket.last();
    socket.serverOpen();
    const hold = socket.sentMessages().find((m) => m.data.binding === 'call.CHANNEL_HOLD.*');
    if (!hold) throw new Error('no hold subscription');
    socket.answered.add(hold.request_id);
    socket.serverSend(
      JSON.stringify({
        action: 'reply',
        request_id: hold.request_id,
        status: 'error',
        data: { errors: ['no available subscriptions to requested binding'] },
      }),
    );
    socket.acceptSubscriptions();
    expect(h.service.state().kind).toBe('live');
    h.service.stop();
  });
});

describe('signal service: keepalive and reconnect', () => {
  it('pings every 10 s and declares a silent connection dead at 25 s, then reconnects with the token still good', async () => {
    const h = harness();
    const socket = await goLive(h);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(socket.pings).toBe(1);
    expect(socket.sentMessages().at(-1)).toMatchObject({ action: 'ping', data: {} });
    // Any frame counts as life.
    socket.serverSend('{"action":"reply","request_id":"p","status":"success","data":{"response":"pong"}}');
    await vi.advanceTimersByTimeAsync(24_000);
    expect(h.service.state().kind).toBe('live');
    socket.emit('pong');
    await vi.advanceTimersByTimeAsync(24_999);
    expect(h.service.state().kind).toBe('live');
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.terminated).toBe(true);
    const state = h.service.state();
    expect(state).toMatchObject({
      kind: 'reconnecting',
      attempt: 2,
      lastError: 'No sign of life from the call-signal server for 25 s',
    });
    // Half of 250 ms plus random 0.5 × the other half, for the first retry.
    expect(state.kind === 'reconnecting' && Date.parse(state.nextAttemptAt) - Date.now()).toBe(187);
    await goLive(h, 187);
    // The token is an hour old at most: reconnecting does not ask the API for another.
    expect(h.getToken).toHaveBeenCalledTimes(1);
    expect(
      FakeSocket.last()
        .sentMessages()
        .every((m) => m.action !== 'subscribe' || m.auth_token === 'secret-token-1'),
    ).toBe(true);
    expect(
      FakeSocket.last()
        .sentMessages()
        .filter((m) => m.action === 'subscribe'),
    ).toHaveLength(6);
    h.service.stop();
  });

  it('backs off exponentially while the server stays away, and resets after a stable connection', async () => {
    const h = harness({ config: CONFIG, random: () => 0.999_999 });
    const socket = await goLive(h);
    await vi.advanceTimersByTimeAsync(20_000);
    socket.serverClose(1006);
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      const state = h.service.state();
      if (state.kind !== 'reconnecting') throw new Error(`expected reconnecting, got ${state.kind}`);
      const delay = Date.parse(state.nextAttemptAt) - Date.now();
      delays.push(delay);
      await vi.advanceTimersByTimeAsync(delay);
      FakeSocket.last().serverClose(1006); // refused before opening
    }
    expect(delays).toEqual([249, 499, 999, 1999, 3999, 7999, 15_999, 29_999, 29_999]);
    // A connection that flaps (live for a moment) keeps backing off...
    const last = h.service.state();
    if (last.kind !== 'reconnecting') throw new Error('expected reconnecting');
    const flappy = await reconnectNow(h);
    flappy.serverClose(1006);
    const afterFlap = h.service.state();
    expect(afterFlap.kind === 'reconnecting' && Date.parse(afterFlap.nextAttemptAt) - Date.now()).toBe(29_999);
    // ...one that stayed up starts again from 250 ms.
    const stable = await reconnectNow(h);
    await passTime(stable, 10_000);
    stable.serverClose(1006);
    const afterStable = h.service.state();
    expect(afterStable.kind === 'reconnecting' && Date.parse(afterStable.nextAttemptAt) - Date.now()).toBe(249);
    h.service.stop();
  });

  it('skips malformed frames and survives throwing listeners without losing events', async () => {
    const h = harness();
    h.service.onCallEvent(() => {
      throw new Error('listener bug');
    });
    const socket = await goLive(h);
    const junk = [
      '',
      'nope',
      '[]',
      'null',
      '{"action":5}',
      '{"action":"event"}',
      '{"action":"event","name":"CHANNEL_CREATE","data":[]}',
      '{"action":"reply"}',
    ];
    for (const text of junk) socket.serverSend(text);
    socket.emit('message', Buffer.from([0, 1, 2, 255]), true);
    socket.emit('message', { weird: true }, false);
    socket.serverSend(
      eventFrame('CHANNEL_CREATE', {
        call_id: 'c1',
        caller_id_number: '0912345678',
        callee_id_number: '8001',
        timestamp: T0,
      }),
    );
    socket.serverSend(eventFrame('CHANNEL_DESTROY', { call_id: 'c1', timestamp: T0 + 9, hangup_cause: 'NO_ANSWER' }));
    expect(h.calls.map((c) => c.type)).toEqual(['ringing', 'ended']);
    expect(h.service.state().kind).toBe('live');
    expect(h.logs.some((l) => l.includes('frame skipped'))).toBe(true);
    h.service.stop();
  });

  it('stop() leaves no timers and no open socket, and can be started again', async () => {
    const h = harness();
    const socket = await goLive(h);
    h.service.stop();
    expect(socket.terminated).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect(h.service.state()).toEqual({ kind: 'idle' });
    // Stopping while a reconnect is pending clears it too.
    const again = await goLive(h);
    again.serverClose();
    expect(h.service.state().kind).toBe('reconnecting');
    h.service.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('signal service: nothing missed across a gap', () => {
  const record = (over: Partial<Record<string, unknown>>): HistoryRecord => ({
    call_id: 'r1',
    caller: { number: '0912345678', type: 'realnumber' },
    callee: { number: 'agent8001', type: 'user', username: 'dangvanan' },
    class: 'trunking',
    did_number: '02873001234',
    direction: 'to_ab',
    status_detail: 'CANCELLED',
    unix_timestamp: Math.floor(Date.now() / 1000),
    queue_stat: [],
    ...over,
  });

  it('asks the history for the gap with a margin and reports only the calls this agent missed', async () => {
    const h = harness();
    const socket = await goLive(h);
    expect(h.fetchRange).not.toHaveBeenCalled(); // no gap at first start
    // A call signalled live just before the drop: never reported as missed.
    socket.serverSend(
      eventFrame('CHANNEL_CREATE', { call_id: 'live-1', caller_id_number: '0911111111', callee_id_number: '8001' }),
    );
    socket.serverSend(eventFrame('CHANNEL_DESTROY', { call_id: 'live-1', hangup_cause: 'NO_ANSWER' }));
    await vi.advanceTimersByTimeAsync(15_000);
    const lostAt = Date.now();
    socket.serverClose(1006);
    await vi.advanceTimersByTimeAsync(60_000);
    const unix = Math.floor(Date.now() / 1000);
    h.history.records = [
      record({ call_id: 'missed-direct', unix_timestamp: unix - 30 }),
      record({ call_id: 'live-1', unix_timestamp: Math.floor(lostAt / 1000) - 5 }),
      record({ call_id: 'answered', status_detail: 'SUCCESS', unix_timestamp: unix - 20 }),
      record({
        call_id: 'other-agent',
        callee: { number: 'agent8002', type: 'user', username: 'x' },
        unix_timestamp: unix - 20,
      }),
      record({
        call_id: 'my-outbound',
        caller: { number: 'agent8001', type: 'user' },
        callee: { number: '0987654321', type: 'realnumber' },
        direction: 'from_ab',
        did_number: null,
        status_detail: 'BUSY',
        unix_timestamp: unix - 10,
      }),
      record({
        call_id: 'queue-abandoned',
        callee: { number: 'agent8002', type: 'user', username: 'x' },
        status_detail: 'CANCELLED',
        unix_timestamp: unix - 15,
        queue_stat: [{ queue_id: 'q1', status: 'abandoned', agent_id: null, misses: [{ agent_id: 'own-8001' }] }],
      }),
      record({
        call_id: 'internal-missed',
        caller: { number: 'agent8003', type: 'user' },
        class: 'one_one',
        direction: 'from_ab',
        did_number: null,
        status_detail: 'UNSUCCESS',
        unix_timestamp: String(unix - 5),
      }),
      record({ call_id: 'long-ago', unix_timestamp: unix - 86_400 }),
      { junk: true } as unknown as HistoryRecord,
    ];
    const state = h.service.state();
    const liveAt = state.kind === 'reconnecting' ? Date.parse(state.nextAttemptAt) : Date.now();
    await reconnectNow(h);
    expect(h.fetchRange).toHaveBeenCalledTimes(1);
    const [from, to] = h.fetchRange.mock.calls[0] as [Date, Date];
    expect(from.getTime()).toBe(lostAt - 60_000);
    expect(to.getTime()).toBe(liveAt + 60_000);
    expect(h.missed).toHaveLength(1);
    expect(h.missed[0]?.map((m) => m.callId)).toEqual(['missed-direct', 'queue-abandoned', 'internal-missed']);
    expect(h.missed[0]?.[0]).toEqual({
      callId: 'missed-direct',
      from: { number: '0912345678' },
      to: { number: 'agent8001', name: 'dangvanan' },
      at: new Date((unix - 30) * 1000).toISOString(),
      did: '02873001234',
      statusDetail: 'CANCELLED',
    });
    expect(h.missed[0]?.[1]).toMatchObject({ queue: 'q1' });

    // A second gap over the same records reports nothing twice.
    FakeSocket.last().serverClose(1006);
    await reconnectNow(h);
    expect(h.fetchRange).toHaveBeenCalledTimes(2);
    expect(h.missed).toHaveLength(1);
    h.service.stop();
  });

  it('treats the time since an earlier run last listened as a gap, at most 72 hours back', async () => {
    const recent = harness({ config: CONFIG, lastListeningAt: Date.now() - 3_600_000 });
    await goLive(recent);
    expect(recent.fetchRange).toHaveBeenCalledTimes(1);
    const [from] = recent.fetchRange.mock.calls[0] as [Date, Date];
    expect(from.getTime()).toBe(Date.now() - 3_600_000 - 60_000);
    recent.service.stop();

    const longAgo = harness({ config: CONFIG, lastListeningAt: Date.now() - 10 * 86_400_000 });
    await goLive(longAgo);
    const [capped] = longAgo.fetchRange.mock.calls[0] as [Date, Date];
    expect(capped.getTime()).toBe(Date.now() - 72 * 3_600_000 - 60_000);
    // Only the first start of a run inherits it: later gaps start when this run stopped listening.
    const stoppedAt = Date.now();
    longAgo.service.stop();
    await goLive(longAgo);
    expect(longAgo.fetchRange).toHaveBeenCalledTimes(2);
    const [later] = longAgo.fetchRange.mock.calls[1] as [Date, Date];
    expect(later.getTime()).toBe(stoppedAt - 60_000);
    longAgo.service.stop();
  });

  it('keeps the gap when the history fails and retries it', async () => {
    const h = harness();
    const socket = await goLive(h);
    await vi.advanceTimersByTimeAsync(15_000);
    const lostAt = Date.now();
    socket.serverClose(1006);
    h.fetchRange.mockResolvedValueOnce(err(appError('network', 'down', 'down')));
    const again = await reconnectNow(h);
    expect(h.fetchRange).toHaveBeenCalledTimes(1);
    h.history.records = [record({ call_id: 'late', unix_timestamp: Math.floor(lostAt / 1000) + 1 })];
    await passTime(again, 30_000);
    expect(h.fetchRange).toHaveBeenCalledTimes(2);
    expect((h.fetchRange.mock.calls[1]?.[0] as Date).getTime()).toBe(lostAt - 60_000);
    expect(h.missed.flat().map((m) => m.callId)).toEqual(['late']);
    h.service.stop();
  });

  it('looks the gap up once more a few minutes later, for a call still in progress at reconnect', async () => {
    const h = harness();
    const socket = await goLive(h);
    const lostAt = Date.now();
    socket.serverClose(1006);
    await vi.advanceTimersByTimeAsync(30_000);
    const live = await reconnectNow(h);
    expect(h.fetchRange).toHaveBeenCalledTimes(1);
    expect(h.missed).toEqual([]);

    // The call that rang during the gap ends after the reconnect: only now is it in the history.
    h.history.records = [record({ call_id: 'late', unix_timestamp: Math.floor(lostAt / 1000) + 10 })];
    await passTime(live, 5 * 60_000);
    expect(h.fetchRange).toHaveBeenCalledTimes(2);
    expect((h.fetchRange.mock.calls[1]?.[0] as Date).getTime()).toBe(lostAt - 60_000);
    expect(h.missed.map((calls) => calls.map((call) => call.callId))).toEqual([['late']]);

    // Once only.
    await passTime(live, 10 * 60_000);
    expect(h.fetchRange).toHaveBeenCalledTimes(2);
    h.service.stop();
  });

  it('counts time stopped while live as a gap', async () => {
    const h = harness();
    await goLive(h);
    const stoppedAt = Date.now();
    h.service.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    await goLive(h);
    expect((h.fetchRange.mock.calls[0]?.[0] as Date).getTime()).toBe(stoppedAt - 60_000);
    h.service.stop();
  });
});
