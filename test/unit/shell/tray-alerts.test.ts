import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createReachabilityAlerts,
  UNREACHABLE_ALERT_DELAY_MS,
  type ReachabilityAlert,
} from '../../../src/main/shell/tray-alerts';
import type { Reachability } from '../../../src/shared/reachability';

const REACHABLE: Reachability = { kind: 'reachable' };
const OFFLINE: Reachability = { kind: 'unreachable', reasons: [{ kind: 'phone-offline' }] };
const RECONNECTING: Reachability = {
  kind: 'unreachable',
  reasons: [{ kind: 'phone-offline' }, { kind: 'signals-reconnecting', attempt: 2, detail: 'closed' }],
};

let told: ReachabilityAlert[];
let alerts: ReturnType<typeof createReachabilityAlerts>;

beforeEach(() => {
  vi.useFakeTimers();
  told = [];
  alerts = createReachabilityAlerts({ notify: (alert) => told.push(alert) });
});
afterEach(() => {
  alerts.dispose();
  vi.useRealTimers();
});

const kinds = (): string[] => told.map((alert) => alert.kind);

describe('the unreachable notification', () => {
  it('is not sent at start-up before the app was ever connected, however long that takes', () => {
    alerts.update({ kind: 'unreachable', reasons: [{ kind: 'phone-starting' }] });
    alerts.update({ kind: 'unreachable', reasons: [{ kind: 'phone-not-set-up' }] });
    vi.advanceTimersByTime(10 * UNREACHABLE_ALERT_DELAY_MS);
    expect(told).toEqual([]);
  });

  it('is sent once an outage has lasted the delay, with the reasons as they are then', () => {
    alerts.update(REACHABLE);
    alerts.update(OFFLINE);
    vi.advanceTimersByTime(UNREACHABLE_ALERT_DELAY_MS - 1);
    expect(told).toEqual([]);
    alerts.update(RECONNECTING);
    vi.advanceTimersByTime(1);
    expect(told).toEqual([{ kind: 'unreachable', reachability: RECONNECTING }]);
    // Once per outage, however long it lasts and however its reasons change.
    alerts.update(OFFLINE);
    vi.advanceTimersByTime(10 * UNREACHABLE_ALERT_DELAY_MS);
    expect(kinds()).toEqual(['unreachable']);
  });

  it('is not sent for a blip of two seconds', () => {
    alerts.update(REACHABLE);
    alerts.update(OFFLINE);
    vi.advanceTimersByTime(2_000);
    alerts.update(REACHABLE);
    vi.advanceTimersByTime(10 * UNREACHABLE_ALERT_DELAY_MS);
    expect(told).toEqual([]);
  });

  it('counts Do not disturb as connected: it arms the alert and ends an outage', () => {
    alerts.update({ kind: 'dnd' });
    alerts.update(OFFLINE);
    vi.advanceTimersByTime(UNREACHABLE_ALERT_DELAY_MS);
    alerts.update({ kind: 'dnd' });
    expect(kinds()).toEqual(['unreachable', 'reachable-again']);
  });

  it('waits while the agent is on a call, and starts the wait again after it', () => {
    alerts.update(REACHABLE);
    alerts.update(OFFLINE);
    vi.advanceTimersByTime(UNREACHABLE_ALERT_DELAY_MS - 1_000);
    alerts.update({ kind: 'in-call' });
    vi.advanceTimersByTime(5 * UNREACHABLE_ALERT_DELAY_MS);
    expect(told).toEqual([]);
    alerts.update(OFFLINE);
    vi.advanceTimersByTime(UNREACHABLE_ALERT_DELAY_MS - 1);
    expect(told).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(kinds()).toEqual(['unreachable']);
  });

  it('starts the wait again when the machine slept through it (a late timer), instead of alerting on waking', () => {
    alerts.update(REACHABLE);
    alerts.update(OFFLINE);
    // The process is suspended: the clock jumps an hour, then the overdue timer fires at once.
    vi.setSystemTime(Date.now() + 3_600_000);
    vi.advanceTimersByTime(UNREACHABLE_ALERT_DELAY_MS);
    expect(told).toEqual([]);
    // Still unreachable a full delay after waking: now it is said.
    vi.advanceTimersByTime(UNREACHABLE_ALERT_DELAY_MS);
    expect(kinds()).toEqual(['unreachable']);
  });
});

describe('the reachable-again notification', () => {
  it('follows a notified outage, once', () => {
    alerts.update(REACHABLE);
    alerts.update(OFFLINE);
    vi.advanceTimersByTime(UNREACHABLE_ALERT_DELAY_MS);
    alerts.update(REACHABLE);
    alerts.update(REACHABLE);
    expect(kinds()).toEqual(['unreachable', 'reachable-again']);
    // The next outage is told again.
    alerts.update(OFFLINE);
    vi.advanceTimersByTime(UNREACHABLE_ALERT_DELAY_MS);
    expect(kinds()).toEqual(['unreachable', 'reachable-again', 'unreachable']);
  });

  it('is not sent after an outage nobody was told about', () => {
    alerts.update(REACHABLE);
    alerts.update(OFFLINE);
    vi.advanceTimersByTime(3_000);
    alerts.update(REACHABLE);
    expect(told).toEqual([]);
  });

  it('is not sent while the agent is on a call (the call shows the phone works)', () => {
    alerts.update(REACHABLE);
    alerts.update(OFFLINE);
    vi.advanceTimersByTime(UNREACHABLE_ALERT_DELAY_MS);
    alerts.update({ kind: 'in-call' });
    expect(kinds()).toEqual(['unreachable']);
    alerts.update(REACHABLE);
    expect(kinds()).toEqual(['unreachable', 'reachable-again']);
  });
});

describe('dispose', () => {
  it('stops a pending alert', () => {
    alerts.update(REACHABLE);
    alerts.update(OFFLINE);
    alerts.dispose();
    vi.advanceTimersByTime(10 * UNREACHABLE_ALERT_DELAY_MS);
    expect(told).toEqual([]);
  });
});
