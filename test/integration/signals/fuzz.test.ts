import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { ok } from '../../../src/shared/result';
import type { CallEvent } from '../../../src/shared/domain';
import { createSignalService } from '../../../src/main/services/signals';
import { ACCOUNT, T0, eventFrame } from '../../unit/signals/helpers';
import { until } from './support';

/**
 * A loopback server that speaks just enough Blackhole (from the reference document) to
 * subscribe the client, then floods it with junk interleaved with the events of real calls.
 */

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(20_260_128);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
const randomText = (n: number): string =>
  Array.from({ length: n }, () => String.fromCharCode(32 + Math.floor(rand() * 0x2000))).join('');
const junkId = (): string => `junk-${Math.floor(rand() * 1e9)}`;

const JUNK: (() => string | Buffer)[] = [
  () => randomText(1 + Math.floor(rand() * 80)),
  () => pick(['', ' ', 'null', 'true', '42', '"event"', '[]', '[{"action":"event"}]', '{', '}{', '{"action":']),
  () => JSON.stringify({ action: pick([1, null, true, [], {}, 'EVENT', 'replay', 'subscribe', '']) }),
  () =>
    JSON.stringify({
      action: 'reply',
      request_id: pick([null, 5, 'x', {}]),
      status: pick(['ok', 1, null, 'error', 'success']),
      data: pick([null, 'x', { errors: 'failed to authenticate token zzzz' }]),
    }),
  () => JSON.stringify({ action: 'event' }),
  () =>
    JSON.stringify({
      action: 'event',
      name: pick(['CHANNEL_CREATE', 'CHANNEL_DESTROY', 'PARK_PARKED', 'DTMF', 42]),
      data: pick([null, 7, 'x', [], [1, 2]]),
    }),
  () => JSON.stringify({ action: 'event', name: 'CHANNEL_ANSWER', data: { call_id: pick([7, null, '', {}, []]) } }),
  () =>
    JSON.stringify({
      action: 'event',
      name: pick(['CHANNEL_CREATE', 'CHANNEL_HOLD', 'CHANNEL_DESTROY']),
      data: {
        // Fields that fail validation: none of these may ring (issue 11).
        call_id: `bad-${junkId()}`,
        caller_id_number: { a: 1 },
        timestamp: 'yesterday',
        duration_seconds: -3,
        custom_channel_vars: 'nope',
      },
    }),
  () => `{"action":"event","name":"CHANNEL_CREATE","data":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
  () => `${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}`,
  () =>
    '{"action":"event","name":"CHANNEL_CREATE","__proto__":{"polluted":true},"data":{"call_id":"' +
    junkId() +
    '","constructor":{"prototype":{"x":1}}}}',
  () => Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 64) }, () => Math.floor(rand() * 256))),
  () => JSON.stringify({ action: 'event', name: 'CHANNEL_CREATE', data: { call_id: 'z'.repeat(5_000) } }),
];

// Just under the client's 1 MiB frame limit (MAX_SIGNAL_FRAME_BYTES): a larger frame is refused
// by the socket itself (ws closes with 1009 and the service reconnects), which is not fuzzing.
const HUGE: (() => string)[] = [
  () =>
    JSON.stringify({
      action: 'event',
      name: 'CHANNEL_CREATE',
      data: { call_id: junkId(), caller_id_name: 'x'.repeat(1_040_000) },
    }),
  () =>
    JSON.stringify({
      action: 'event',
      name: 'CHANNEL_CREATE',
      data: { call_id: junkId(), caller_id_name: 'y'.repeat(200_000) },
    }),
];

function callFrames(n: number): string[] {
  const a = `fuzz-a-${n}`;
  const b = `fuzz-b-${n}`;
  const common = { caller_id_number: `09${String(10_000_000 + n)}`, custom_channel_vars: { account_id: ACCOUNT } };
  const aLeg = {
    ...common,
    call_id: a,
    call_direction: 'inbound',
    callee_id_number: '02873001234',
    request: '02873001234@x',
  };
  const bLeg = { ...common, call_id: b, other_leg_call_id: a, call_direction: 'outbound', callee_id_number: '8001' };
  return [
    eventFrame('CHANNEL_CREATE', { ...aLeg, timestamp: T0 + n }),
    eventFrame('CHANNEL_CREATE', { ...bLeg, timestamp: T0 + n + 1 }),
    eventFrame('CHANNEL_ANSWER', { ...bLeg, timestamp: String(T0 + n + 2) }),
    eventFrame('CHANNEL_ANSWER', { ...aLeg, other_leg_call_id: b, timestamp: T0 + n + 2 }),
    eventFrame('CHANNEL_BRIDGE', { ...aLeg, other_leg_call_id: b, timestamp: T0 + n + 2 }),
    eventFrame('CHANNEL_DESTROY', {
      ...bLeg,
      timestamp: T0 + n + 9,
      hangup_cause: 'NORMAL_CLEARING',
      duration_seconds: '8',
    }),
    eventFrame('CHANNEL_DESTROY', {
      ...aLeg,
      other_leg_call_id: b,
      timestamp: T0 + n + 9,
      hangup_cause: 'NORMAL_CLEARING',
      duration_seconds: 9,
    }),
  ];
}

let server: WebSocketServer;
let url: string;
const clients: WebSocket[] = [];
let subscribed = 0;

beforeAll(async () => {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 1 << 20 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  server.on('connection', (socket) => {
    clients.push(socket);
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { action: string; request_id?: string; data?: { binding?: string } };
      if (message.action === 'subscribe') subscribed++;
      const reply = message.action === 'ping' ? { response: 'pong' } : { subscribed: [message.data?.binding] };
      socket.send(JSON.stringify({ action: 'reply', request_id: message.request_id, status: 'success', data: reply }));
    });
  });
});

afterAll(async () => {
  for (const c of clients) c.terminate();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('fuzzing the client with a loopback server', () => {
  it('skips thousands of malformed frames without crashing and without losing a valid event', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    const service = createSignalService({
      getConfig: () => ({ url, accountId: ACCOUNT, agent: { sipUser: 'agent8001', extension: '8001' } }),
      tokens: { getToken: async () => ok({ token: 'fuzz-token', expiresAt: new Date(Date.now() + 3_600_000) }) },
      history: { fetchRange: async () => ok([]) },
    });
    const events: CallEvent[] = [];
    const states: string[] = [];
    service.onCallEvent((e) => events.push(e));
    service.onState((s) => states.push(s.kind));
    try {
      service.start();
      await until(() => service.state().kind === 'live');
      expect(subscribed).toBe(6);
      const socket = clients.at(-1);
      if (!socket) throw new Error('no client');

      const CALLS = 60;
      const valid = Array.from({ length: CALLS }, (_, n) => callFrames(n)).flat();
      let junkSent = 0;
      // Calls overlap: their frames are merged in order, with junk between every two.
      for (const frame of valid) {
        const burst = 12 + Math.floor(rand() * 6);
        for (let i = 0; i < burst; i++) {
          // Huge frames are rarer: they test size handling, not loopback bandwidth.
          const junk = junkSent % 97 === 0 ? pick(HUGE)() : pick(JUNK)();
          socket.send(junk, { binary: Buffer.isBuffer(junk) });
          junkSent++;
        }
        socket.send(frame);
      }
      expect(junkSent).toBeGreaterThanOrEqual(5_000);

      // The server ends with a marker call: once it is over, everything before it has been read.
      for (const frame of callFrames(CALLS)) socket.send(frame);
      await until(() => events.some((e) => e.callId === `fuzz-a-${CALLS}` && e.type === 'ended'));
      for (let n = 0; n < CALLS; n++) {
        const mine = events.filter((e) => e.callId === `fuzz-a-${n}`);
        expect(mine.map((e) => e.type)).toEqual(['ringing', 'answered', 'ended']);
        expect(mine.every((e) => e.direction === 'inbound' && e.from.number === `09${String(10_000_000 + n)}`)).toBe(
          true,
        );
      }
      expect(events.some((e) => e.callId.startsWith('fuzz-b-'))).toBe(false);
      expect(events.filter((e) => e.callId.startsWith('bad-'))).toEqual([]);
      expect(states).toEqual(['connecting', 'live']);
      expect(unhandled).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    } finally {
      service.stop();
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
