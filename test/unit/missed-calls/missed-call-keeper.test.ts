import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MissedCall, SignalConnectionState } from '../../../src/shared/domain';
import { createMissedCallKeeper } from '../../../src/main/services/missed-calls';
import { fakeClock } from '../../support/fake-clock';

function fakeSignals() {
  const states = new Set<(state: SignalConnectionState) => void>();
  const missed = new Set<(calls: MissedCall[]) => void>();
  return {
    onState: (listener: (state: SignalConnectionState) => void) => (
      states.add(listener),
      () => states.delete(listener)
    ),
    onMissed: (listener: (calls: MissedCall[]) => void) => (missed.add(listener), () => missed.delete(listener)),
    state: (state: SignalConnectionState) => states.forEach((l) => l(state)),
    miss: (calls: MissedCall[]) => missed.forEach((l) => l(calls)),
  };
}

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('missed-call keeper', () => {
  it('records when signals were last live, every minute and at the moment they stop', () => {
    dir = mkdtempSync(join(tmpdir(), 'antring-keeper-'));
    const clock = fakeClock(1_000_000);
    const keeper = createMissedCallKeeper(dir, clock);
    const signals = fakeSignals();
    const detach = keeper.attach(signals);
    expect(keeper.lastListeningAt()).toBeUndefined();

    signals.state({ kind: 'live', since: new Date(1_000_000).toISOString() });
    expect(keeper.lastListeningAt()).toBe(1_000_000);
    clock.advance(150_000);
    expect(keeper.lastListeningAt()).toBe(1_120_000);
    signals.state({ kind: 'reconnecting', attempt: 1, nextAttemptAt: '', lastError: 'closed' });
    expect(keeper.lastListeningAt()).toBe(1_150_000);
    clock.advance(600_000);
    expect(keeper.lastListeningAt()).toBe(1_150_000);

    signals.miss([
      {
        callId: 'c1',
        from: { number: '0912345678' },
        to: { number: '8001' },
        at: '2026-11-27T01:00:00.000Z',
        statusDetail: 'IVR',
      },
    ]);
    detach();
    const saved = JSON.parse(readFileSync(join(dir, 'missed-calls.json'), 'utf8')) as {
      calls: unknown[];
      lastListeningAt: number;
    };
    expect(saved.lastListeningAt).toBe(1_150_000);
    expect(saved.calls).toHaveLength(1);

    const again = createMissedCallKeeper(dir, clock);
    expect(again.lastListeningAt()).toBe(1_150_000);
    expect(again.log.list().map((c) => c.callId)).toEqual(['c1']);
  });
});
