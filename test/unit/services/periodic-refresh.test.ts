import { describe, expect, it } from 'vitest';
import { createPeriodicRefresh } from '../../../src/main/services/periodic-refresh';
import { fakeClock } from '../../support/fake-clock';

/** A run the test settles by hand, to see what happens while it is in flight. */
function manualRuns() {
  const pending: ((ok: boolean) => void)[] = [];
  return {
    run: () => new Promise<boolean>((resolve) => pending.push(resolve)),
    count: () => pending.length,
    settle: async (ok: boolean) => {
      pending[pending.length - 1]?.(ok);
      await Promise.resolve();
      await Promise.resolve();
    },
  };
}

describe('periodic refresh', () => {
  it('runs at start, then every period, retries sooner after a failure, and never runs twice at once', async () => {
    const clock = fakeClock(0);
    const runs = manualRuns();
    const loop = createPeriodicRefresh({ clock, everyMs: 1_000, retryAfterMs: 100, run: runs.run });
    loop.start();
    loop.start();
    void loop.refresh();
    expect(runs.count()).toBe(1);

    await runs.settle(false);
    clock.advance(99);
    expect(runs.count()).toBe(1);
    clock.advance(1);
    expect(runs.count()).toBe(2);

    await runs.settle(true);
    clock.advance(999);
    expect(runs.count()).toBe(2);
    clock.advance(1);
    expect(runs.count()).toBe(3);

    // Asked for soon while a run is in flight: honoured after it, instead of the full period.
    loop.refreshSoon(10);
    await runs.settle(true);
    clock.advance(10);
    expect(runs.count()).toBe(4);

    loop.dispose();
    await runs.settle(true);
    clock.advance(10_000);
    loop.refreshSoon(1);
    await loop.refresh();
    clock.advance(10_000);
    expect(runs.count()).toBe(4);
  });

  it('jitters the retry between half its delay and all of it when given a random source', async () => {
    const retryAt = async (draw: number): Promise<number> => {
      const clock = fakeClock(0);
      const runs = manualRuns();
      const loop = createPeriodicRefresh({
        clock,
        everyMs: 1_000,
        retryAfterMs: 100,
        random: () => draw,
        run: runs.run,
      });
      loop.start();
      await runs.settle(false);
      let waited = 0;
      while (runs.count() === 1 && waited < 1_000) {
        clock.advance(1);
        waited++;
      }
      loop.dispose();
      return waited;
    };
    expect(await retryAt(0)).toBe(50);
    expect(await retryAt(0.5)).toBe(75);
    expect(await retryAt(0.999_999)).toBe(99);
  });
});
