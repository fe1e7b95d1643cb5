import { backgroundClock, type Clock } from '../clock';

/** Screen-pop's timers are background chores: they never keep a process alive on their own. */
export type ScreenPopTimers = Clock;
export const systemTimers: ScreenPopTimers = backgroundClock;
