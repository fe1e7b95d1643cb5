import { CLOSED, heard, nextKeepaliveAction, opened, probeSent, SIP_KEEPALIVE } from './keepalive';
import type { KeepaliveState, KeepaliveTiming } from './keepalive';
import { backoffDelay, type BackoffOptions } from './reconnect-policy';
import type { TimerClock } from './timer-clock';
import type { SipTransportLink } from './transport-link';

/** What a REGISTER that failed said: JsSIP's cause and, when the server answered, its status. */
export interface RegistrationFailure {
  readonly cause?: string | undefined;
  readonly status?: number | undefined;
}

/**
 * Whether trying the same REGISTER again later can succeed: no answer, or a server that said
 * "not now" (408, 480, 5xx). A wrong password (401/407), 403 or 404 stays wrong until the
 * settings change: retrying it would only hammer the server (and may lock the account).
 * A connection error is the transport's business: JsSIP registers again once it reconnects.
 */
export function isTransientRegistrationFailure(failure: RegistrationFailure): boolean {
  const { status, cause } = failure;
  if (status !== undefined) return status === 408 || status === 480 || (status >= 500 && status < 600);
  return cause === 'Request Timeout';
}

/** Re-REGISTER after a transient failure: a little slower than the socket's backoff, up to a minute. */
export const REGISTER_RETRY: BackoffOptions = { floorMs: 2_000, baseMs: 4_000, capMs: 60_000, stableAfterMs: 0 };

/** JsSIP's non-INVITE transaction timeout (Timer F, 64·T1 = 32 s), and a little more. */
const REGISTER_IN_FLIGHT_MS = 35_000;

/** How often a socket declared dead under a live call checks whether the call has ended. */
const DEFERRED_CHECK_MS = 1_000;

export type LinkHealth = 'alive' | 'dead';

export interface SipWatchdogDeps {
  readonly link: SipTransportLink;
  readonly clock: TimerClock;
  /** A call holds a media path: its transport is never torn down, the reconnect waits for its end. */
  readonly hasLiveCall: () => boolean;
  /** The socket is open but nobody answers (dead), or answers again (alive). */
  readonly onHealth: (health: LinkHealth) => void;
  readonly timing?: KeepaliveTiming;
  readonly random?: () => number;
}

/**
 * Keeps the SIP connection honest: probes an idle socket, drops one that stopped answering
 * (after the call, if one is live), reconnects at once when the network comes back or the
 * machine wakes, and retries a REGISTER the server turned down for the moment. The decisions
 * are keepalive.ts's and reconnect-policy.ts's; this only runs their timers.
 */
export class SipWatchdog {
  private state: KeepaliveState = CLOSED;
  private keepaliveTimer: unknown = null;
  private deferredTimer: unknown = null;
  private registerTimer: unknown = null;
  private registerFailures = 0;
  /**
   * When a REGISTER of ours (or JsSIP's, sent on connect) went out and awaits its answer: never
   * send another over it. JsSIP reports a successful refresh with no event, so the flag lapses
   * after JsSIP's own transaction timeout instead of waiting for an answer that is never reported.
   */
  private registeringSince: number | null = null;
  private dead = false;
  private disposed = false;
  private readonly unsubscribe: (() => void)[];
  private readonly timing: KeepaliveTiming;
  private readonly random: () => number;

  constructor(private readonly deps: SipWatchdogDeps) {
    this.timing = deps.timing ?? SIP_KEEPALIVE;
    this.random = deps.random ?? Math.random;
    const { link } = deps;
    this.unsubscribe = [
      link.onOpen(() => {
        // JsSIP registers by itself on every connect.
        this.registeringSince = this.now();
        this.state = opened(this.now());
        this.alive();
        this.plan();
      }),
      link.onTraffic(() => {
        this.state = heard(this.state, this.now());
        this.alive();
        this.plan();
      }),
      link.onClose(() => {
        this.state = CLOSED;
        this.registeringSince = null;
        this.cancel('keepalive');
        this.cancel('deferred');
        // A closed socket is JsSIP's to report (disconnected): the phone shows offline from that.
        this.dead = false;
      }),
    ];
    if (link.isOpen()) {
      this.state = opened(this.now());
      this.plan();
    }
  }

  /** The browser says the network is back. */
  online(): void {
    if (this.disposed) return;
    const { link } = this.deps;
    if (!link.isOpen()) {
      link.connectNow();
      return;
    }
    // The socket may have died with the old network: ask now instead of in 15 s.
    this.probeNow();
    if (!link.isRegistered()) this.registerNow();
  }

  /** The machine woke from sleep: the server may have dropped us, and the registration may have lapsed. */
  resumed(): void {
    if (this.disposed) return;
    const { link } = this.deps;
    if (!link.isOpen()) {
      link.connectNow();
      return;
    }
    this.probeNow();
    // Refreshes the binding over the same socket; if the socket is dead, the probe finds out.
    this.registerNow();
  }

  registrationFailed(failure: RegistrationFailure): void {
    if (this.disposed) return;
    this.registeringSince = null;
    this.cancel('register');
    if (!isTransientRegistrationFailure(failure)) {
      this.registerFailures = 0;
      return;
    }
    this.registerFailures += 1;
    const delay = backoffDelay(this.registerFailures, this.random, REGISTER_RETRY);
    this.registerTimer = this.deps.clock.setTimeout(() => {
      this.registerTimer = null;
      // Only over an open socket: a reconnect registers by itself (JsSIP), never twice.
      if (this.deps.link.isOpen() && !this.deps.link.isRegistered()) this.registerNow();
    }, delay);
  }

  registered(): void {
    this.registeringSince = null;
    this.registerFailures = 0;
    this.cancel('register');
  }

  dispose(): void {
    this.disposed = true;
    for (const stop of this.unsubscribe) stop();
    this.cancel('keepalive');
    this.cancel('deferred');
    this.cancel('register');
  }

  private registerNow(): void {
    this.cancel('register');
    const since = this.registeringSince;
    if (since !== null && this.now() - since < REGISTER_IN_FLIGHT_MS) return;
    this.registeringSince = this.now();
    this.deps.link.register();
  }

  private probeNow(): void {
    if (this.state.kind !== 'open') return;
    this.deps.link.probe();
    this.state = probeSent(this.state, this.now());
    this.plan();
  }

  private plan(): void {
    if (this.disposed) return;
    this.cancel('keepalive');
    const action = nextKeepaliveAction(this.state, this.now(), this.timing);
    switch (action.kind) {
      case 'none':
        return;
      case 'wait':
        this.keepaliveTimer = this.deps.clock.setTimeout(() => {
          this.keepaliveTimer = null;
          this.plan();
        }, action.ms);
        return;
      case 'probe':
        this.probeNow();
        return;
      case 'dead':
        this.declareDead();
        return;
    }
  }

  private declareDead(): void {
    if (!this.dead) {
      this.dead = true;
      this.deps.onHealth('dead');
    }
    this.dropWhenNoCall();
  }

  private dropWhenNoCall(): void {
    this.cancel('deferred');
    if (!this.deps.link.isOpen()) return;
    if (!this.deps.hasLiveCall()) {
      this.deps.link.drop();
      return;
    }
    // The call's media may still flow over its own path: keep its signalling socket until it ends.
    this.deferredTimer = this.deps.clock.setTimeout(() => {
      this.deferredTimer = null;
      if (this.dead) this.dropWhenNoCall();
    }, DEFERRED_CHECK_MS);
  }

  private alive(): void {
    if (!this.dead) return;
    this.dead = false;
    this.cancel('deferred');
    this.deps.onHealth('alive');
  }

  private cancel(which: 'keepalive' | 'deferred' | 'register'): void {
    const field = `${which}Timer` as const;
    const handle = this[field];
    if (handle === null) return;
    this.deps.clock.clearTimeout(handle);
    this[field] = null;
  }

  private now(): number {
    return this.deps.clock.now();
  }
}
