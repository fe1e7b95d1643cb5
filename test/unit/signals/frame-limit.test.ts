import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../../src/shared/result';
import { createBlackholeAdapter, createSignalService } from '../../../src/main/services/signals';
import { MAX_SIGNAL_FRAME_BYTES } from '../../../src/main/services/signals/frame-limit';
import { silentLogger } from '../../../src/main/services/signals/types';
import { ACCOUNT, FakeSocket } from './helpers';

const MiB = 1024 * 1024;

/** A JSON frame of exactly `chars` characters that the adapter would otherwise read as a reply. */
function replyFrameOf(chars: number): string {
  const head = '{"action":"reply","request_id":"r1","status":"success","pad":"';
  const tail = '"}';
  return `${head}${'p'.repeat(chars - head.length - tail.length)}${tail}`;
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-01-28T08:00:00Z') });
  FakeSocket.reset();
});
afterEach(() => vi.useRealTimers());

describe('one frame size limit for the socket and the adapter', () => {
  it('the adapter parses frames up to 1 MiB and refuses larger ones', () => {
    const adapter = createBlackholeAdapter();
    expect(adapter.classify(replyFrameOf(MiB))).toMatchObject({ kind: 'reply', status: 'success' });
    expect(adapter.classify(replyFrameOf(MiB + 1))).toEqual({ kind: 'unknown', reason: 'frame too large' });
  });

  it('the socket is opened with maxPayload equal to that limit (1 MiB), so ws refuses what the adapter would', async () => {
    const service = createSignalService({
      getConfig: () => ({ url: 'ws://127.0.0.1:5555/', accountId: ACCOUNT, agent: { sipUser: 'agent8001' } }),
      tokens: { getToken: async () => ok({ token: 'tok', expiresAt: new Date(Date.now() + 3_600_000) }) },
      history: { fetchRange: async () => ok([]) },
      log: silentLogger,
      random: () => 0.5,
      WebSocketImpl: FakeSocket,
    });
    service.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.last().options).toMatchObject({ maxPayload: MiB });
    expect(MAX_SIGNAL_FRAME_BYTES).toBe(MiB);
    service.stop();
  });
});
