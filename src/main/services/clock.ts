/** Time and timers, injected so unit tests can drive them with fake clocks. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const clearTimer = (handle: unknown): void => clearTimeout(handle as ReturnType<typeof setTimeout>);

/** Timers that keep the process alive: for work that is the point of running (a signals stream). */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: clearTimer,
};

/**
 * Timers for background chores (cache refreshes, linger timers): they never keep a CLI
 * command or a test process alive on their own.
 */
export const backgroundClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: clearTimer,
};
