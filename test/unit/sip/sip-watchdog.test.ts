import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  isTransientRegistrationFailure,
  SipWatchdog,
  type LinkHealth,
} from '../../../src/renderer/src/sip/sip-watchdog';
import { browserClock } from '../../../src/renderer/src/sip/timer-clock';
import { FakeLink } from './fake-link';

let link: FakeLink;
let liveCall: boolean;
let health: LinkHealth[];
let watchdog: SipWatchdog;

beforeEach(() => {
  vi.useFakeTimers();
  link = new FakeLink();
  liveCall = false;
  health = [];
  watchdog = new SipWatchdog({
    link,
    clock: browserClock,
    hasLiveCall: () => liveCall,
    onHealth: (h) => health.push(h),
    random: () => 0,
    // The mechanics at a fixed timing (the default's bound is keepalive.test.ts's business).
    timing: { idleMs: 15_000, answerMs: 15_000 },
  });
});

afterEach(() => {
  watchdog.dispose();
  vi.useRealTimers();
});

describe('keepalive', () => {
  it('probes an idle socket every 15 s while the server answers', () => {
    link.simulateOpen();
    vi.advanceTimersByTime(14_999);
    expect(link.probes).toBe(0);
    vi.advanceTimersByTime(1);
    expect(link.probes).toBe(1);
    link.hear(); // the answer to the OPTIONS
    vi.advanceTimersByTime(15_000);
    expect(link.probes).toBe(2);
    link.hear();
    expect(link.drops).toBe(0);
    expect(health).toEqual([]);
  });

  it('does not probe while the server talks anyway', () => {
    link.simulateOpen();
    for (let i = 0; i < 10; i += 1) {
      vi.advanceTimersByTime(10_000);
      link.hear();
    }
    expect(link.probes).toBe(0);
  });

  it('drops a socket that stays silent 30 s, then stops probing it', () => {
    link.simulateOpen();
    vi.advanceTimersByTime(29_999);
    expect(link.drops).toBe(0);
    vi.advanceTimersByTime(1);
    expect(link.drops).toBe(1);
    expect(health).toEqual(['dead']);
    vi.advanceTimersByTime(120_000);
    expect(link.probes).toBe(1);
    expect(link.drops).toBe(1);
  });

  it('never tears down the socket of a live call: the drop waits for the call to end', () => {
    link.simulateOpen();
    liveCall = true;
    vi.advanceTimersByTime(30_000);
    expect(health).toEqual(['dead']);
    vi.advanceTimersByTime(300_000);
    expect(link.drops).toBe(0);
    liveCall = false;
    vi.advanceTimersByTime(1_000);
    expect(link.drops).toBe(1);
  });

  it('a dead socket that speaks again is alive: nothing is dropped', () => {
    link.simulateOpen();
    liveCall = true;
    vi.advanceTimersByTime(30_000);
    link.hear();
    expect(health).toEqual(['dead', 'alive']);
    liveCall = false;
    vi.advanceTimersByTime(5_000);
    expect(link.drops).toBe(0);
  });

  it('stops all timers when disposed', () => {
    link.simulateOpen();
    watchdog.dispose();
    vi.advanceTimersByTime(120_000);
    expect(link.probes).toBe(0);
    expect(link.drops).toBe(0);
  });
});

describe('network back and wake from sleep', () => {
  it('online: reconnects a closed socket at once', () => {
    watchdog.online();
    expect(link.connectNows).toBe(1);
    expect(link.registers).toBe(0);
  });

  it('online: checks an open socket now, and registers once if it is not registered', () => {
    link.simulateOpen();
    // JsSIP's own REGISTER on connect is in flight: the first online() must not send another.
    watchdog.online();
    expect(link.registers).toBe(0);
    expect(link.probes).toBe(1);
    watchdog.registrationFailed({ cause: 'Authentication Error', status: 401 });
    watchdog.online();
    watchdog.online();
    expect(link.registers).toBe(1);
  });

  it('resume: probes and refreshes the registration over an open socket, never two REGISTERs at once', () => {
    link.simulateOpen();
    link.registered = true;
    watchdog.registered();
    watchdog.resumed();
    watchdog.resumed();
    expect(link.registers).toBe(1);
    expect(link.probes).toBe(2);
    // JsSIP reports no event for a refresh that succeeded: the flag lapses after its timeout.
    vi.advanceTimersByTime(14_000);
    link.hear();
    vi.advanceTimersByTime(22_000);
    link.hear();
    watchdog.resumed();
    expect(link.registers).toBe(2);
  });

  it('resume: a probe that finds the socket dead drops it within 15 s', () => {
    link.simulateOpen();
    vi.advanceTimersByTime(14_000);
    link.hear();
    watchdog.resumed();
    vi.advanceTimersByTime(15_000);
    expect(link.drops).toBe(1);
  });

  it('resume: reconnects a closed socket at once', () => {
    watchdog.resumed();
    expect(link.connectNows).toBe(1);
  });
});

describe('registration retries', () => {
  it('retries a REGISTER the server turned down for the moment, with backoff', () => {
    link.simulateOpen();
    watchdog.registrationFailed({ cause: 'SIP Failure Code', status: 503 });
    vi.advanceTimersByTime(1_999);
    expect(link.registers).toBe(0);
    vi.advanceTimersByTime(1);
    expect(link.registers).toBe(1);
    watchdog.registrationFailed({ cause: 'Request Timeout' });
    vi.advanceTimersByTime(2_000);
    expect(link.registers).toBe(2);
    link.hear();
  });

  it('never retries a refusal (wrong password, forbidden)', () => {
    link.simulateOpen();
    watchdog.registrationFailed({ cause: 'Authentication Error', status: 401 });
    watchdog.registrationFailed({ cause: 'Rejected', status: 403 });
    vi.advanceTimersByTime(600_000);
    expect(link.registers).toBe(0);
  });

  it('leaves a closed socket to the reconnect (JsSIP registers on connect)', () => {
    link.simulateOpen();
    watchdog.registrationFailed({ cause: 'SIP Failure Code', status: 500 });
    link.simulateClose();
    vi.advanceTimersByTime(60_000);
    expect(link.registers).toBe(0);
  });

  it('classifies failures', () => {
    expect(isTransientRegistrationFailure({ cause: 'Request Timeout' })).toBe(true);
    expect(isTransientRegistrationFailure({ status: 408 })).toBe(true);
    expect(isTransientRegistrationFailure({ status: 480 })).toBe(true);
    expect(isTransientRegistrationFailure({ status: 503 })).toBe(true);
    expect(isTransientRegistrationFailure({ status: 401 })).toBe(false);
    expect(isTransientRegistrationFailure({ status: 403 })).toBe(false);
    expect(isTransientRegistrationFailure({ status: 404 })).toBe(false);
    expect(isTransientRegistrationFailure({ cause: 'Connection Error' })).toBe(false);
  });
});
