import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appError } from '../../../src/shared/errors';
import { err, ok } from '../../../src/shared/result';
import { createSignalService, type SignalConfig, type SignalService } from '../../../src/main/services/signals';
import { ACCOUNT, FakeSocket } from './helpers';

/**
 * The reconnect promise (issue 11): after the connection is lost, the next attempt to reach
 * the call-signal server comes within 30 s, however the connection flapped before and
 * whatever the API does meanwhile (its token requests failing). An attempt is a socket opened
 * to the server. Backoff must still space the attempts of a flapping connection.
 */

const START = Date.parse('2026-01-28T08:00:00Z');
const PROMISE_MS = 30_000;
const CONFIG: SignalConfig = {
  url: 'ws://127.0.0.1:5555/',
  accountId: ACCOUNT,
  agent: { sipUser: 'agent8001', extension: '8001' },
};

interface Api {
  down: boolean;
  requests: number[];
}

function service(api: Api, random: () => number): SignalService {
  let n = 0;
  return createSignalService({
    getConfig: () => CONFIG,
    tokens: {
      getToken: async () => {
        api.requests.push(Date.now());
        if (api.down) return err(appError('server_error', 'The API answered 500', 'API trả lời 500'));
        return ok({ token: `token-${++n}`, expiresAt: new Date(Date.now() + 3_600_000) });
      },
    },
    history: { fetchRange: async () => ok([]) },
    random,
    WebSocketImpl: FakeSocket,
  });
}

/** Advances time in small steps until a new socket is opened, or `limitMs` has passed. */
async function nextAttempt(limitMs: number): Promise<FakeSocket | undefined> {
  const before = FakeSocket.instances.length;
  for (let waited = 0; waited < limitMs; waited += 50) {
    await vi.advanceTimersByTimeAsync(50);
    if (FakeSocket.instances.length > before) return FakeSocket.last();
  }
  return undefined;
}

interface Drop {
  readonly at: number;
  /** When the next socket was opened; undefined when none came within two minutes. */
  attemptAt?: number;
}

/**
 * Drops every few seconds while the API is down: each reconnect goes live for 3 s, then the
 * connection is lost again; every third attempt is refused outright (a failure in between).
 */
async function flap(s: SignalService, api: Api, flaps: number): Promise<Drop[]> {
  s.start();
  await vi.advanceTimersByTimeAsync(0);
  let socket = FakeSocket.last();
  socket.serverOpen();
  socket.acceptSubscriptions();
  await vi.advanceTimersByTimeAsync(0);
  expect(s.state().kind).toBe('live');
  api.down = true;
  const drops: Drop[] = [];
  let attempts = 0;
  while (drops.length < flaps) {
    await vi.advanceTimersByTimeAsync(3_000);
    socket.emit('pong');
    const drop: Drop = { at: Date.now() };
    drops.push(drop);
    socket.serverClose(1006);
    for (;;) {
      const next = await nextAttempt(120_000);
      if (!next) return drops;
      drop.attemptAt ??= Date.now();
      attempts++;
      if (attempts % 3 === 0) {
        next.serverClose(1006); // refused before opening
        continue;
      }
      next.serverOpen();
      next.acceptSubscriptions();
      await vi.advanceTimersByTimeAsync(0);
      socket = next;
      break;
    }
    expect(s.state().kind).toBe('live');
  }
  return drops;
}

beforeEach(() => {
  vi.useFakeTimers({ now: START });
  FakeSocket.reset();
});

afterEach(() => {
  vi.useRealTimers();
});

/** Answers every unanswered subscribe on `socket` with the server's refusal of its token. */
function refuseToken(socket: FakeSocket): void {
  for (const m of socket.sentMessages()) {
    if (m.action !== 'subscribe' || socket.answered.has(m.request_id)) continue;
    socket.answered.add(m.request_id);
    socket.serverSend(
      JSON.stringify({
        action: 'reply',
        request_id: m.request_id,
        status: 'error',
        data: { errors: [`failed to authenticate token ${m.auth_token ?? ''}`] },
      }),
    );
  }
}

describe('reconnects keep the 30 s promise when the connection flaps and the API is down', () => {
  it('opens the next socket within 30 s of every drop, even with the longest backoff draws', async () => {
    const api: Api = { down: false, requests: [] };
    const s = service(api, () => 0.999_999);
    const drops = await flap(s, api, 14);
    s.stop();
    const late = drops.filter((d) => d.attemptAt === undefined || d.attemptAt - d.at > PROMISE_MS);
    expect(late.map((d) => (d.attemptAt === undefined ? 'none' : `${d.attemptAt - d.at} ms`))).toEqual([]);
    expect(drops).toHaveLength(14);
    // The API outage cost no token request at all: the token in hand had not expired.
    expect(api.requests).toHaveLength(1);
  });

  it('still backs off while it flaps: the waits grow to the cap instead of a reconnect storm', async () => {
    const api: Api = { down: false, requests: [] };
    const s = service(api, () => 0.5);
    const sockets = FakeSocket.instances;
    const drops = await flap(s, api, 12);
    s.stop();
    const waits = drops.map((d) => (d.attemptAt ?? Number.POSITIVE_INFINITY) - d.at);
    // Each wait at least as long as the one before (a refused attempt in between doubles it too).
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1] ?? 0);
    expect(waits.at(-1)).toBeGreaterThanOrEqual(14_000);
    expect(waits.every((w) => w <= PROMISE_MS)).toBe(true);
    // 12 drops and the refused attempts between them: no more sockets than that.
    expect(sockets.length).toBeLessThanOrEqual(1 + 12 + 6);
  });

  it('with token failures in between: never 30 s without an attempt, and live again soon after the API is back', async () => {
    const api: Api = { down: false, requests: [] };
    const s = service(api, () => 0.999_999);
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    const first = FakeSocket.last();
    first.serverOpen();
    first.acceptSubscriptions();
    await vi.advanceTimersByTimeAsync(0);
    api.down = true;
    await vi.advanceTimersByTimeAsync(3_000);
    const dropAt = Date.now();
    first.serverClose(1006);
    // The server has revoked the token meanwhile: the reconnect is refused and a new token is
    // needed, which the API cannot give for three minutes.
    const socket = await nextAttempt(PROMISE_MS);
    if (!socket) throw new Error('no reconnect within 30 s of the drop');
    socket.serverOpen();
    refuseToken(socket);
    await vi.advanceTimersByTimeAsync(0);
    const attempts: number[] = [dropAt];
    const seen = { sockets: FakeSocket.instances.length, requests: api.requests.length };
    for (let t = 0; t < 180_000; t += 50) {
      await vi.advanceTimersByTimeAsync(50);
      if (FakeSocket.instances.length > seen.sockets || api.requests.length > seen.requests) attempts.push(Date.now());
      seen.sockets = FakeSocket.instances.length;
      seen.requests = api.requests.length;
    }
    const silences = attempts.slice(1).map((t, i) => t - (attempts[i] ?? t));
    expect(silences.filter((g) => g > PROMISE_MS)).toEqual([]);
    expect(FakeSocket.instances.length).toBe(seen.sockets); // no socket without a token to offer
    api.down = false;
    const back = Date.now();
    const renewed = await nextAttempt(PROMISE_MS + 1_000);
    if (!renewed) throw new Error('no socket within 30 s of the API coming back');
    expect(Date.now() - back).toBeLessThanOrEqual(PROMISE_MS);
    renewed.serverOpen();
    expect(renewed.sentMessages().every((m) => m.auth_token === 'token-2')).toBe(true);
    renewed.acceptSubscriptions();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.state().kind).toBe('live');
    s.stop();
  });
});
