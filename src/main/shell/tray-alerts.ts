import type { Reachability } from '../../shared/reachability';

/**
 * When the tray tells the agent, by an OS notification, that calls stopped reaching them (and
 * that they reach them again). Rules:
 * - nothing until the app was connected once (reachable or Do not disturb): starting up, or an
 *   account never set up, is not an outage;
 * - an outage is told only once it lasted UNREACHABLE_ALERT_DELAY_MS: a websocket blip or a
 *   re-registration of a few seconds never notifies; told once per outage;
 * - never in the middle of a call (the agent is talking; the tray shows it after the call, and
 *   the wait starts again then);
 * - "reachable again" is told only after an outage that was told, so the agent who saw the first
 *   notification learns it is over without having to check;
 * - a wait interrupted by sleep starts over after waking: timers that were due during sleep fire
 *   at once on waking, before the network had a chance to come back.
 * The clock is the global one (tests fake it).
 */

/** Long enough to ride out a reconnect and a SIP re-registration, short enough to matter on a call-center shift. */
export const UNREACHABLE_ALERT_DELAY_MS = 10_000;
/** A timer this much later than asked means the process was suspended (the machine slept). */
const SUSPENDED_SLACK_MS = 5_000;

export type ReachabilityAlert =
  | { readonly kind: 'unreachable'; readonly reachability: Extract<Reachability, { kind: 'unreachable' }> }
  | { readonly kind: 'reachable-again' };

export interface ReachabilityAlerts {
  /** Every reachability the tray shows, in order (repeats are harmless). */
  update(reachability: Reachability): void;
  dispose(): void;
}

export function createReachabilityAlerts(options: {
  readonly notify: (alert: ReachabilityAlert) => void;
  readonly delayMs?: number;
}): ReachabilityAlerts {
  const delayMs = options.delayMs ?? UNREACHABLE_ALERT_DELAY_MS;
  let armed = false;
  let told = false;
  let latest: Extract<Reachability, { kind: 'unreachable' }> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const cancel = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const wait = (): void => {
    const startedAt = Date.now();
    timer = setTimeout(() => {
      timer = undefined;
      if (Date.now() - startedAt > delayMs + SUSPENDED_SLACK_MS) {
        wait();
        return;
      }
      if (!latest) return;
      told = true;
      options.notify({ kind: 'unreachable', reachability: latest });
    }, delayMs);
  };

  return {
    update(reachability) {
      switch (reachability.kind) {
        case 'unreachable':
          latest = reachability;
          if (armed && !told && timer === undefined) wait();
          return;
        case 'in-call':
          cancel();
          return;
        case 'reachable':
        case 'dnd':
          armed = true;
          latest = undefined;
          cancel();
          if (told) {
            told = false;
            options.notify({ kind: 'reachable-again' });
          }
          return;
      }
    },
    dispose: cancel,
  };
}
