import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SignalConnectionState } from '../../../src/shared/domain';
import { appError } from '../../../src/shared/errors';
import { err, ok } from '../../../src/shared/result';
import { createSignalService, type SignalConfig } from '../../../src/main/services/signals';
import { ACCOUNT, FakeSocket } from './helpers';

/**
 * Requests to the API while it is down (issue 11): the voice-token and the gap-history
 * requests are spaced by a jittered backoff (half to all of min(30 s, 2 s·2^(n−1)) after the
 * n-th failure in a row), never a storm, never more than 30 s apart.
 */

const START = Date.parse('2026-01-28T08:00:00Z');
const FIVE_MINUTES = 5 * 60_000;
const CONFIG: SignalConfig = {
  url: 'ws://127.0.0.1:5555/',
  accountId: ACCOUNT,
  agent: { sipUser: 'agent8001', extension: '8001' },
};
const down = () => err(appError('server_error', 'The API answered 503', 'API trả lời 503'));

beforeEach(() => {
  vi.useFakeTimers({ now: START });
  FakeSocket.reset();
});

afterEach(() => {
  vi.useRealTimers();
});

/** Every socket opened from now on is refused before it opens (the server is away too). */
function refuseSockets(): () => void {
  const timer = setInterval(() => {
    for (const socket of FakeSocket.instances) if (socket.readyState === 0 && !socket.terminated) socket.serverClose();
  }, 10);
  return () => clearInterval(timer);
}

describe('voice-token requests during a 5-minute API outage', () => {
  it.each([
    ['middle', () => 0.5],
    ['shortest', () => 0],
    ['longest', () => 0.999_999],
  ])(
    'are spaced by the backoff (%s jitter draws): at most 24, from the 4th failure on ≥ 8 s apart',
    async (_name, random) => {
      const api = { down: false };
      const requests: number[] = [];
      let n = 0;
      const states: SignalConnectionState[] = [];
      const opened: number[] = [];
      class TimedSocket extends FakeSocket {
        constructor(url: string, options?: unknown) {
          super(url, options);
          opened.push(Date.now());
        }
      }
      const s = createSignalService({
        getConfig: () => CONFIG,
        tokens: {
          getToken: async () => {
            requests.push(Date.now());
            if (api.down) return down();
            // A short-lived token: it runs out during the outage, so reconnecting needs a new one.
            return ok({ token: `token-${++n}`, expiresAt: new Date(Date.now() + 120_000) });
          },
        },
        history: { fetchRange: async () => ok([]) },
        random,
        WebSocketImpl: TimedSocket,
      });
      s.onState((state) => states.push(state));
      s.start();
      await vi.advanceTimersByTimeAsync(0);
      const socket = FakeSocket.last();
      socket.serverOpen();
      socket.acceptSubscriptions();
      await vi.advanceTimersByTimeAsync(0);
      expect(s.state().kind).toBe('live');

      api.down = true;
      const outageStart = Date.now();
      await vi.advanceTimersByTimeAsync(10_000);
      socket.emit('pong');
      const stopRefusing = refuseSockets();
      socket.serverClose(1006);
      await vi.advanceTimersByTimeAsync(FIVE_MINUTES - 10_000);
      stopRefusing();
      s.stop();

      const during = requests.filter((t) => t >= outageStart);
      const gaps = during.slice(1).map((t, i) => t - (during[i] ?? t));
      expect(during.length).toBeGreaterThan(5);
      expect(during.length).toBeLessThanOrEqual(24);
      expect(gaps.slice(3).filter((g) => g < 8_000)).toEqual([]);
      // The promise of point 1 holds with token failures too: from the drop on, never more than
      // 30 s without an attempt, be it a socket (while the token lasted) or a token request.
      const dropAt = outageStart + 10_000;
      const attempts = [dropAt, ...opened.filter((t) => t > dropAt), ...during.filter((t) => t > dropAt)].sort(
        (a, b) => a - b,
      );
      const silences = attempts.slice(1).map((t, i) => t - (attempts[i] ?? t));
      expect(silences.filter((g) => g > 30_000)).toEqual([]);
      expect(opened.filter((t) => t > dropAt).length).toBeGreaterThan(2);
      const waits = states.flatMap((st) => (st.kind === 'reconnecting' ? [Date.parse(st.nextAttemptAt)] : []));
      expect(waits.length).toBeGreaterThan(0);
    },
  );
});

describe('gap-history requests after a failure', () => {
  it('are retried with the jittered backoff (not a fixed 30 s), within 30 s', async () => {
    const delaysFor = async (random: () => number): Promise<number[]> => {
      FakeSocket.reset();
      const calls: number[] = [];
      const s = createSignalService({
        getConfig: () => CONFIG,
        tokens: { getToken: async () => ok({ token: 't', expiresAt: new Date(Date.now() + 3_600_000) }) },
        history: {
          fetchRange: async () => {
            calls.push(Date.now());
            return down();
          },
        },
        random,
        WebSocketImpl: FakeSocket,
      });
      s.start();
      await vi.advanceTimersByTimeAsync(0);
      let socket = FakeSocket.last();
      socket.serverOpen();
      socket.acceptSubscriptions();
      await vi.advanceTimersByTimeAsync(15_000);
      socket.emit('pong');
      socket.serverClose(1006);
      for (let i = 0; i < 40 && FakeSocket.instances.length < 2; i++) await vi.advanceTimersByTimeAsync(50);
      socket = FakeSocket.last();
      socket.serverOpen();
      socket.acceptSubscriptions();
      for (let t = 0; t < 180_000; t += 5_000) {
        await vi.advanceTimersByTimeAsync(5_000);
        socket.emit('pong');
      }
      s.stop();
      return calls.slice(1).map((t, i) => t - (calls[i] ?? t));
    };
    const shortest = await delaysFor(() => 0);
    const longest = await delaysFor(() => 0.999_999);
    expect(shortest.length).toBeGreaterThanOrEqual(4);
    expect(shortest.slice(0, 4)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(longest.slice(0, 4)).toEqual([1_999, 3_999, 7_999, 15_999]);
    expect([...shortest, ...longest].every((d) => d <= 30_000)).toBe(true);
  });
});
