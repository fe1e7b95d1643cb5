import { laneOf, type Fault, type FaultKind, type FaultLane } from '../scenario/scenario';
import { FIRST_FAILURES_MS } from '../checks/tokens';
import type { FaultRuleBody } from './sandbox-control';
import type { SoakStack } from './stack';

/**
 * The day's faults, each done the way it happens for real and then watched until the app is
 * whole again: call signals live on a new, unfrozen socket (a reconnect and resubscribe when
 * the fault broke the connection), and the SIP phone registered, as both the page and
 * Kamailio say. The recovery time is measured from the moment the fault is lifted (the server
 * back, the network back, the machine awake; for a drop or a freeze, the moment it happened:
 * the app must notice by itself).
 */

export interface FaultRun {
  readonly id: string;
  readonly kind: FaultKind;
  readonly lane: FaultLane;
  /** Scheduled start, real ms into the day. */
  readonly scheduledAt: number;
  startedAt: number;
  /** The fault was lifted (or, for drops and freezes, happened) at this moment. */
  liftAt: number;
  /** Recovery time from liftAt; undefined: not whole again within the watch. */
  recoveryMs: number | undefined;
  /** From the start to the app leaving "live"/"registered" (freezes: how long noticing took). */
  noticedMs: number | undefined;
  /** Voice token requests per second during an API outage (the storm the issue saw: 2.5/s). */
  tokenRequestsPerSecond: number | undefined;
  /** The same after the outage's first seconds, once the first failures are behind (the sustained pace). */
  tokenRequestsSustained: number | undefined;
  /** When each voice-token request came, ms into the outage, and how long the outage was. */
  tokenRequestOffsets: number[];
  tokenWindowMs: number | undefined;
  readonly needs: { readonly signals?: 'reconnect' | 'steady'; readonly sip?: true };
  readonly notes: string[];
  /** Leg ids of a phantom CHANNEL_CREATE the fault published (must pop nothing). */
  readonly phantomCallIds: string[];
  /** The call a customer made to this agent during the gap, if the scenario has one. */
  gapCallId: string | undefined;
  /** The call popped before the fault, ended in its gap, if the scenario has one (and it popped). */
  popCallId: string | undefined;
}

/** How long a fault is watched after it is lifted: past the 30 s promise, to measure misses too. */
const WATCH_MS = 60_000;
const POLL_MS = 200;
const MIN_SUSTAINED_MS = 4_000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export interface MachineState {
  asleep: boolean;
}

export class FaultRunner {
  private malformedTurn = 0;

  constructor(
    private readonly stack: SoakStack,
    private readonly machine: MachineState,
  ) {}

  async run(fault: Fault): Promise<FaultRun> {
    const run: FaultRun = {
      id: fault.id,
      kind: fault.kind,
      lane: laneOf(fault.kind),
      scheduledAt: fault.at,
      startedAt: 0,
      liftAt: 0,
      recoveryMs: undefined,
      noticedMs: undefined,
      tokenRequestsPerSecond: undefined,
      tokenRequestsSustained: undefined,
      tokenRequestOffsets: [],
      tokenWindowMs: undefined,
      needs: needsOf(fault.kind),
      notes: [],
      phantomCallIds: [],
      gapCallId: undefined,
      popCallId: undefined,
    };
    await this.popBeforeGap(fault, run);
    run.startedAt = Date.now();
    run.liftAt = run.startedAt;
    let disconnectAt = run.startedAt;
    const gapCall = this.scheduleGapCall(fault, run);
    try {
      disconnectAt = await this.apply(fault, run);
    } catch (error) {
      run.notes.push(`could not apply: ${error instanceof Error ? error.message : String(error)}`);
    }
    await gapCall;
    await this.watchRecovery(run, disconnectAt);
    if (fault.kind === 'signals-freeze') await this.stack.control.unfreezeSignals().catch(() => undefined);
    return run;
  }

  /**
   * A call rings this agent (signals only: the sandbox scripts it) and is answered; once its pop
   * is on screen the fault starts, and the call ends inside the gap it opens.
   */
  private async popBeforeGap(fault: Fault, run: FaultRun): Promise<void> {
    const call = fault.popCall;
    if (!call) return;
    const { sandbox, me, dids, probe } = this.stack;
    const started = sandbox.signals.tryStartCall({
      direction: 'inbound',
      from: call.from,
      did: dids[0] ?? '',
      to: me.sipUser,
      ringMs: call.ringMs,
      talkMs: call.talkMs,
      outcome: 'answered',
      callId: call.id,
      timeScale: 1,
    });
    if (!started.ok) {
      run.notes.push(`the call to pop before the gap did not start: ${started.message}`);
      return;
    }
    // Only a call the app heard ringing can show whether its pop outlives it.
    if (await probe.until(() => probe.pops.some((p) => p.callId === call.id), Math.min(call.talkMs, 3_000)))
      run.popCallId = call.id;
    else run.notes.push('the call to pop before the gap did not pop in time (the app may not have been listening)');
  }

  /** A customer calls this agent while the fault keeps the app from listening, and gives up. */
  private async scheduleGapCall(fault: Fault, run: FaultRun): Promise<void> {
    const gap = fault.gapCall;
    if (!gap) return;
    await sleep(gap.afterMs);
    const { control, me, dids } = this.stack;
    try {
      run.gapCallId = await control.startCall({
        direction: 'inbound',
        from: gap.from,
        did: dids[0] ?? '',
        to: me.sipUser,
        ringMs: gap.ringMs,
        outcome: 'cancelled',
        callId: gap.id,
        timeScale: 1,
      });
    } catch (error) {
      run.notes.push(`the gap call could not start: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Does the fault; returns when the connection was broken (what a reconnect must come after). */
  private async apply(fault: Fault, run: FaultRun): Promise<number> {
    const { control, host, context, cdp } = this.stack;
    const duration = fault.durationMs ?? 0;
    const start = run.startedAt;
    const lifted = (): number => (run.liftAt = Date.now());
    switch (fault.kind) {
      case 'signals-drop':
        await control.dropSignals();
        return lifted();
      case 'signals-restart':
        await control.stopSignals();
        await sleep(duration);
        await control.startSignals();
        lifted();
        return start;
      case 'signals-freeze':
        await control.freezeSignals();
        return lifted();
      case 'signals-flap': {
        // Drops every few seconds while the token endpoint is down: the reconnect must still come within 30 s.
        await control.addFaults([
          { kind: 'status', status: 503, retryAfterSeconds: 2, forMs: duration, path: '/oapi/v1/voice/auth_token' },
        ]);
        let lastDrop = Date.now();
        for (let elapsed = 0; elapsed < duration; elapsed += 3_000) {
          lastDrop = Date.now();
          await control.dropSignals();
          await sleep(3_000);
        }
        this.measureTokens(run, start, Date.now());
        run.liftAt = lastDrop;
        return lastDrop;
      }
      case 'signals-garbage': {
        await control.malformedFrames(3);
        run.phantomCallIds.push(...this.publishPhantomCreate(fault.id));
        return lifted();
      }
      case 'token-expiry': {
        await control.expireTokens();
        await sleep(1_000);
        await control.dropSignals();
        return lifted();
      }
      case 'api-500':
      case 'api-503':
      case 'api-hang':
      case 'api-malformed': {
        await control.addFaults([this.apiRule(fault.kind, duration)]);
        // The outage matters when the app needs the API: with its token expired, a dropped socket needs a new one.
        await control.expireTokens();
        await control.dropSignals();
        await sleep(duration);
        this.measureTokens(run, start, Date.now());
        lifted();
        return start;
      }
      case 'kamailio-restart':
        await control.restartKamailio();
        return lifted();
      case 'kamailio-freeze':
        await control.freezeKamailio();
        try {
          await sleep(duration);
        } finally {
          await control.unfreezeKamailio();
        }
        return lifted();
      case 'suspend': {
        // The lid closes: Electron tells the app first, then the machine (and the page) stops, offline.
        host.power.suspend();
        this.machine.asleep = true;
        await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
        await context.setOffline(true);
        await sleep(duration);
        await context.setOffline(false);
        await cdp.send('Page.setWebLifecycleState', { state: 'active' });
        this.machine.asleep = false;
        host.power.resume();
        lifted();
        return start;
      }
      case 'network-offline': {
        // Both processes lose the network: the page (Chromium offline) and the host (no socket, no API).
        await context.setOffline(true);
        await control.stopSignals();
        await control.addFaults([{ kind: 'reset', forMs: duration, path: '/oapi' }]);
        await sleep(duration);
        await control.startSignals();
        await context.setOffline(false);
        lifted();
        return start;
      }
    }
  }

  private apiRule(kind: 'api-500' | 'api-503' | 'api-hang' | 'api-malformed', forMs: number): FaultRuleBody {
    const path = '/oapi';
    if (kind === 'api-500') return { kind: 'status', status: 500, forMs, path };
    if (kind === 'api-503') return { kind: 'status', status: 503, retryAfterSeconds: 3, forMs, path };
    if (kind === 'api-hang') return { kind: 'hang', forMs, path };
    this.malformedTurn++;
    return { kind: 'malformed', variant: this.malformedTurn % 2 === 0 ? 'wrong_shape' : 'invalid_json', forMs, path };
  }

  /**
   * A CHANNEL_CREATE for a leg to this agent's phone whose caller number is an object: the frame
   * the issue saw pop an "unknown caller" card. Published straight into the signals server, as
   * the platform would send it; no real call follows.
   */
  private publishPhantomCreate(faultId: string): string[] {
    const { sandbox, me } = this.stack;
    const legId = `phantom-${faultId}-${Date.now()}`;
    sandbox.signals.server.publish({
      name: 'CHANNEL_CREATE',
      callId: legId,
      data: {
        call_id: legId,
        other_leg_call_id: `${legId}-a`,
        call_direction: 'outbound',
        caller_id_name: 'Phantom',
        caller_id_number: { number: '0900000000' },
        callee_id_name: me.name,
        callee_id_number: me.extensions[0] ?? me.sipUser,
        request: `${me.sipUser}@${sandbox.domain}`,
        to: `${me.sipUser}@${sandbox.domain}`,
        from: `0900000000@${sandbox.domain}`,
        presence_id: `${me.sipUser}@${sandbox.domain}`,
        timestamp: Math.floor(Date.now() / 1000) + 62_167_219_200,
        event_name: 'CHANNEL_CREATE',
        event_category: 'call_event',
        channel_call_state: 'RINGING',
        custom_channel_vars: {
          account_id: sandbox.accountId,
          owner_id: me.id,
          username: me.sipUser,
          bridge_id: `${legId}-a`,
        },
      },
    });
    return [legId, `${legId}-a`];
  }

  /** Voice-token requests during an outage: over all of it, and after its first seconds. */
  private measureTokens(run: FaultRun, fromMs: number, toMs: number): void {
    const times = this.stack.sandbox.requestLog
      .filter((e) => e.path === '/oapi/v1/voice/auth_token' && e.time >= fromMs && e.time <= toMs)
      .map((e) => e.time);
    const rate = (count: number, ms: number): number => Math.round((count / Math.max(1, ms / 1000)) * 100) / 100;
    run.tokenRequestsPerSecond = rate(times.length, toMs - fromMs);
    run.tokenRequestOffsets = times.map((t) => t - fromMs);
    run.tokenWindowMs = toMs - fromMs;
    const settledFrom = fromMs + FIRST_FAILURES_MS;
    if (toMs - settledFrom >= MIN_SUSTAINED_MS)
      run.tokenRequestsSustained = rate(times.filter((t) => t >= settledFrom).length, toMs - settledFrom);
  }

  private async watchRecovery(run: FaultRun, disconnectAt: number): Promise<void> {
    const { probe, sandbox, tap, me } = this.stack;
    const deadline = run.liftAt + WATCH_MS;
    while (Date.now() < deadline) {
      if (await this.whole(run, disconnectAt)) {
        run.recoveryMs = Math.max(0, Date.now() - run.liftAt);
        break;
      }
      await sleep(POLL_MS);
    }
    if (run.recoveryMs === undefined) {
      run.notes.push(
        `not whole after ${WATCH_MS / 1000} s: signals ${probe.signalState ?? '?'} (${sandbox.signals.connections} socket(s), ` +
          `${sandbox.signals.server.frozenConnections} frozen), SIP ${probe.sipState ?? '?'}, ` +
          `Kamailio contact ${String(await sandbox.kamailio?.isRegistered(me.sipUser).catch(() => 'unknown'))}`,
      );
    }
    if (run.needs.signals === 'steady' && tap.upgradeSince(run.startedAt) !== undefined)
      run.notes.push('the app reconnected although the connection was never broken');
    // When the app itself saw the fault: its badge left "live" (signals) or "registered" (SIP).
    const leftSignals = run.needs.signals && probe.signals.find((c) => c.at >= run.startedAt && c.state !== 'live');
    const leftSip = run.needs.sip && probe.sip.find((c) => c.at >= run.startedAt && c.state !== 'registered');
    const left = [leftSignals, leftSip].flatMap((change) => (change ? [change.at] : []));
    if (left.length > 0) run.noticedMs = Math.min(...left) - run.startedAt;
  }

  /** Signals live on a socket opened after the break (and not frozen), and the phone registered. */
  private async whole(run: FaultRun, disconnectAt: number): Promise<boolean> {
    const { probe, sandbox, tap, me } = this.stack;
    if (run.needs.signals) {
      const unfrozen = sandbox.signals.connections - sandbox.signals.server.frozenConnections;
      if (probe.signalState !== 'live' || unfrozen < 1) return false;
      if (run.needs.signals === 'reconnect' && tap.upgradeSince(disconnectAt) === undefined) return false;
    }
    if (run.needs.sip) {
      if (probe.sipState !== 'registered') return false;
      if (!(await sandbox.kamailio?.isRegistered(me.sipUser).catch(() => false))) return false;
    }
    return true;
  }
}

function needsOf(kind: FaultKind): FaultRun['needs'] {
  switch (laneOf(kind)) {
    case 'sip':
      return { sip: true };
    case 'both':
      return { signals: 'reconnect', sip: true };
    case 'signals':
      return { signals: kind === 'signals-garbage' ? 'steady' : 'reconnect' };
  }
}
