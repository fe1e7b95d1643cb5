import { describe, expect, it } from 'vitest';
import {
  createSyncScheduler,
  type PassResult,
  type RefreshRequest,
} from '../../../src/main/services/history-store/sync-scheduler';
import { fakeClock } from '../../support/fake-clock';

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** `random` defaults to the top of the jitter range: retries then come at the nominal delays. */
function setup(results: PassResult[] = [], random: () => number = () => 1) {
  const clock = fakeClock(1_000_000);
  const runs: RefreshRequest[] = [];
  let release: (() => void) | undefined;
  let hold = false;
  let yieldAsked = 0;
  const scheduler = createSyncScheduler({
    clock,
    everyMs: 300_000,
    debounceMs: 15_000,
    retryAfterMs: 30_000,
    random,
    runPass: async (request, shouldYield) => {
      runs.push(request);
      if (hold) {
        await new Promise<void>((resolve) => (release = resolve));
        if (shouldYield()) yieldAsked++;
      }
      return results.shift() ?? 'complete';
    },
  });
  return {
    clock,
    runs,
    scheduler,
    holdNext: () => (hold = true),
    release: () => {
      hold = false;
      release?.();
    },
    yieldAsked: () => yieldAsked,
  };
}

describe('createSyncScheduler', () => {
  it('runs at start and then every period', async () => {
    const t = setup();
    t.scheduler.start();
    await flush();
    expect(t.runs).toHaveLength(1);
    t.clock.advance(299_000);
    await flush();
    expect(t.runs).toHaveLength(1);
    t.clock.advance(1_000);
    await flush();
    expect(t.runs).toHaveLength(2);
    t.scheduler.dispose();
  });

  it('debounces call endings into one run from the earliest start', async () => {
    const t = setup();
    t.scheduler.start();
    await flush();
    t.scheduler.refreshSoon({ fromMs: 500 });
    t.clock.advance(10_000);
    t.scheduler.refreshSoon({ fromMs: 200 });
    t.clock.advance(14_000);
    await flush();
    expect(t.runs).toHaveLength(1);
    t.clock.advance(1_000);
    await flush();
    expect(t.runs).toEqual([{}, { fromMs: 200 }]);
    t.scheduler.dispose();
  });

  it('retries a failed run after the retry delay, doubling, and reports when', async () => {
    const t = setup(['failed', 'failed', 'complete']);
    t.scheduler.start();
    await flush();
    expect(t.scheduler.retryAt).toBe(1_000_000 + 30_000);
    t.clock.advance(30_000);
    await flush();
    expect(t.runs).toHaveLength(2);
    expect(t.scheduler.retryAt).toBe(1_030_000 + 60_000);
    t.clock.advance(60_000);
    await flush();
    expect(t.runs).toHaveLength(3);
    expect(t.scheduler.retryAt).toBeUndefined();
    t.scheduler.dispose();
  });

  it('jitters each retry between half its delay and all of it, so agents recovering together spread out', async () => {
    const t = setup(['failed', 'failed', 'failed', 'complete'], () => 0);
    t.scheduler.start();
    await flush();
    expect(t.scheduler.retryAt).toBe(1_000_000 + 15_000);
    t.clock.advance(15_000);
    await flush();
    expect(t.runs).toHaveLength(2);
    expect(t.scheduler.retryAt).toBe(1_015_000 + 30_000);
    t.clock.advance(30_000);
    await flush();
    expect(t.scheduler.retryAt).toBe(1_045_000 + 60_000);
    t.scheduler.dispose();
    const middle = setup(['failed'], () => 0.5);
    middle.scheduler.start();
    await flush();
    expect(middle.scheduler.retryAt).toBe(1_000_000 + 22_500);
    middle.scheduler.dispose();
  });

  it('a request during a run asks the run to yield and gets its own run after it', async () => {
    const t = setup(['yielded', 'complete']);
    t.holdNext();
    t.scheduler.start();
    await flush();
    const served = t.scheduler.refreshNow({ fromMs: 42 });
    t.release();
    await served;
    expect(t.yieldAsked()).toBe(1);
    expect(t.runs).toEqual([{}, { fromMs: 42 }]);
    await t.scheduler.idle();
    t.scheduler.dispose();
  });

  it('after dispose nothing runs', async () => {
    const t = setup();
    t.scheduler.start();
    await flush();
    t.scheduler.dispose();
    t.scheduler.refreshSoon();
    t.clock.advance(600_000);
    await flush();
    expect(t.runs).toHaveLength(1);
  });
});
