import { TimerSet } from './timer-set';
import type { RunningKamailio } from '../kamailio';
import type { ClickToCallRequest, SandboxAgent, SandboxState } from '../state';
import {
  findAgent,
  type CallHandle,
  type CallSpec,
  type LegSide,
  type LiveCall,
  type LiveCallLedger,
  type LiveCallRouter,
  type Parties,
  type Party,
} from '../signals/index';
import { Conversation, notAnsweredReason } from './conversation';
import { InboundCall, type InboundCallContext } from './inbound-call';
import { NodePhone, type PhoneCall, type ReferDecision, type ReferRequest } from './node-phone';
import { PlatformCallLog, type PlatformCallView } from './platform-calls';
import {
  DEFAULT_SETTINGS,
  markerHeaders,
  type PlatformSettings,
  type PlatformSettingsPatch,
} from './platform-settings';
import { PLATFORM_HEADER_LINE, PLATFORM_SIP_USER } from './platform-user';
import { loadWebRtc } from './webrtc';

/**
 * The sandbox's telephone platform: a real WebRTC SIP endpoint registered in the sandbox's
 * Kamailio that plays the outside world and the switch. It rings the agent's device for a
 * click-to-call (the dialled number as caller id) and connects "the customer" once the device
 * answers; rings devices for inbound, queue and internal test calls; answers calls a device
 * makes to any outside number; and carries out transfers (REFER, with Replaces for attended
 * ones). Signals and history follow the real calls through the live call ledger.
 */

export interface PlatformContext {
  readonly state: SandboxState;
  readonly kamailio: RunningKamailio;
  readonly ledger: LiveCallLedger;
}

export type PlatformStart =
  { readonly ok: true; readonly platform: SandboxPlatform } | { readonly ok: false; readonly message: string };

export interface PlatformSnapshot {
  readonly running: true;
  readonly sipUser: string;
  readonly registered: boolean;
  readonly settings: PlatformSettings;
}

const agentParty = (agent: SandboxAgent): Party => ({ kind: 'agent', agent });

/** Loads WebRTC and registers the platform phone; a missing wrtc or a failed registration is a message. */
export async function startPlatform(ctx: PlatformContext): Promise<PlatformStart> {
  const loaded = await loadWebRtc();
  if (!loaded.ok) return loaded;
  // The REFER hook needs the platform, which needs the registered phone: bound once both exist.
  const bound: { platform?: SandboxPlatform } = {};
  const started = await NodePhone.start({
    runtime: loaded.runtime,
    wsUrl: ctx.kamailio.wsUrl,
    domain: ctx.kamailio.sipDomain,
    user: PLATFORM_SIP_USER,
    displayName: 'AntBuddy',
    toneHz: DEFAULT_SETTINGS.toneHz,
    incoming: { kind: 'manual' },
    // A test may let the "customer" ring for minutes (answerDelayMs).
    noAnswerTimeoutSeconds: 900,
    onRefer: (call, refer) => bound.platform?.referDecision(call, refer) ?? { accept: true },
  });
  if (!started.ok) return { ok: false, message: `the platform phone could not register: ${started.message}` };
  bound.platform = new SandboxPlatform(ctx, started.phone);
  return { ok: true, platform: bound.platform };
}

export class SandboxPlatform implements LiveCallRouter {
  readonly log = new PlatformCallLog();
  private settings: PlatformSettings = DEFAULT_SETTINGS;
  private readonly conversations = new WeakMap<PhoneCall, Conversation>();
  private readonly inbound = new Set<InboundCall>();
  private readonly timers = new TimerSet();
  private closed = false;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly ctx: PlatformContext,
    readonly phone: NodePhone,
  ) {
    phone.onIncoming((call) => this.deviceCalls(call));
  }

  snapshot(): PlatformSnapshot {
    return { running: true, sipUser: PLATFORM_SIP_USER, registered: this.phone.registered, settings: this.settings };
  }

  updateSettings(patch: PlatformSettingsPatch): PlatformSettings {
    this.settings = { ...this.settings, ...patch };
    return this.settings;
  }

  /** What the platform saw on each call, newest first. */
  calls(): PlatformCallView[] {
    return this.log.list();
  }

  /** The platform's side hangs up the call with this SIP Call-ID (the customer hangs up). */
  hangup(sipCallId: string): boolean {
    const call = this.log.find(sipCallId);
    if (!call || call.state.kind === 'ended') return false;
    const conversation = this.conversations.get(call);
    if (conversation) conversation.hangup();
    else call.hangup();
    return true;
  }

  isCallIdInUse(callId: string): boolean {
    return this.ctx.ledger.activeCallIds.includes(callId) || this.ctx.state.history.findByCallId(callId) !== undefined;
  }

  async place(spec: CallSpec, parties: Parties): Promise<CallHandle | undefined> {
    if (this.closed || parties.direction === 'outbound') return undefined;
    const rung =
      parties.direction === 'internal'
        ? parties.callee.kind === 'agent'
          ? [{ agent: parties.callee.agent, ringMs: undefined }]
          : []
        : parties.attempts;
    const registered = await Promise.all(rung.map((attempt) => this.deviceRegistered(attempt.agent.sipUser)));
    if (this.closed || !registered.some(Boolean)) return undefined;
    const call = new InboundCall(
      this.inboundContext(),
      spec,
      parties,
      rung.map((attempt, index) => ({ ...attempt, registered: registered[index] ?? false })),
    );
    this.inbound.add(call);
    void call.handle.ended.then(() => this.inbound.delete(call));
    return call.handle;
  }

  async clickToCall(request: ClickToCallRequest): Promise<boolean> {
    const { state, ledger } = this.ctx;
    const { agent, number } = request;
    // A colleague's extension: the platform cannot bridge two devices; the call is simulated.
    if (this.closed || findAgent(state, number)) return false;
    if (!(await this.deviceRegistered(agent.sipUser)) || this.closed) return false;
    const settings = this.settings;
    const live = ledger.begin({
      direction: 'outbound',
      caller: agentParty(agent),
      callee: { kind: 'number', number, name: number },
      deviceSide: 'caller',
    });
    const call = this.phone.call(agent.sipUser, {
      fromUserName: number,
      fromDisplayName: number,
      extraHeaders: [PLATFORM_HEADER_LINE, ...markerHeaders(settings.clickToCallMarker)],
      // Silence until the customer is connected.
      toneHz: 0,
    });
    this.log.add(call, {
      number,
      sipUser: agent.sipUser,
      purpose: 'click-to-call',
      signalsCallId: live.callId,
      startedAtMs: state.now(),
    });
    let timedOut = false;
    const ringTimer = this.timers.start(() => {
      timedOut = true;
      call.hangup();
    }, settings.deviceRingMs);
    const stop = call.onEvent((event) => {
      if (event.kind === 'answered') {
        stop();
        this.timers.stop(ringTimer);
        // The agent's leg is up; now the customer's phone rings, and picks up after answerDelayMs.
        live.callerAnswered();
        live.ringing();
        const conversation = this.converse(live, 'caller', { number, name: number }, call);
        this.timers.start(() => conversation.connectCustomer(), this.settings.answerDelayMs);
      } else if (event.kind === 'ended') {
        stop();
        this.timers.stop(ringTimer);
        live.ended({ by: 'caller', cause: timedOut ? 'no-answer' : notAnsweredReason(event.end) });
      }
    });
    return true;
  }

  /** REFER on one of the platform's calls: call the target as the customer, marked as the platform's own. */
  referDecision(call: PhoneCall, _refer: ReferRequest): ReferDecision {
    const conversation = this.conversations.get(call);
    const customer = conversation?.customer;
    const unsubscribe = call.onEvent((event) => {
      if (event.kind !== 'refer') return;
      unsubscribe();
      conversation?.referred(call, event.refer, event.call);
    });
    return {
      accept: true,
      options: {
        ...(customer ? { fromUserName: customer.number, fromDisplayName: customer.name } : {}),
        extraHeaders: [PLATFORM_HEADER_LINE],
        toneHz: call.toneHzNow || this.settings.toneHz,
      },
    };
  }

  /** Hangs up every call, unregisters and closes the socket. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.closed = true;
      this.timers.stopAll();
      for (const call of [...this.inbound]) call.abort();
      await this.phone.stop();
    })();
    return this.stopping;
  }

  private inboundContext(): InboundCallContext {
    return {
      phone: this.phone,
      ledger: this.ctx.ledger,
      log: this.log,
      now: this.ctx.state.now,
      conversation: this.conversationOptions(),
    };
  }

  private conversationOptions(): InboundCallContext['conversation'] {
    return {
      settings: () => this.settings,
      log: this.log,
      now: this.ctx.state.now,
      agentFor: (user) => findAgent(this.ctx.state, user),
      joined: (call, conversation) => this.conversations.set(call, conversation),
    };
  }

  private converse(
    live: LiveCall | undefined,
    deviceSide: LegSide,
    customer: { number: string; name: string },
    call: PhoneCall,
  ): Conversation {
    return new Conversation({ ...this.conversationOptions(), live, deviceSide, customer }, call);
  }

  /** A device calls out: Kamailio brings here every call to a user nobody registered as. */
  private deviceCalls(call: PhoneCall): void {
    const { state, ledger } = this.ctx;
    const caller = state.agentBySipUser(call.fromUser);
    const dialled = call.dialledUser;
    const colleague = findAgent(state, dialled);
    if (colleague) {
      // A colleague's extension reaches the platform only when that device is offline.
      const live = caller
        ? ledger.begin({ direction: 'internal', caller: agentParty(caller), callee: agentParty(colleague) })
        : undefined;
      this.log.add(call, {
        number: dialled,
        sipUser: call.fromUser,
        purpose: 'internal',
        signalsCallId: live?.callId ?? null,
        startedAtMs: state.now(),
      });
      live?.ringing(colleague);
      call.decline(480);
      live?.ended({ by: 'callee', cause: 'failed' });
      return;
    }
    const live = caller
      ? ledger.begin({
          direction: 'outbound',
          caller: agentParty(caller),
          callee: { kind: 'number', number: dialled, name: dialled },
          deviceSide: 'caller',
        })
      : undefined;
    live?.ringing();
    this.log.add(call, {
      number: dialled,
      sipUser: call.fromUser,
      purpose: 'outgoing',
      signalsCallId: live?.callId ?? null,
      startedAtMs: state.now(),
    });
    const answerTimer = this.timers.start(
      () => call.answer({ toneHz: this.settings.toneHz }),
      this.settings.answerDelayMs,
    );
    const stop = call.onEvent((event) => {
      if (event.kind === 'answered') {
        stop();
        this.converse(live, 'caller', { number: dialled, name: dialled }, call).connectCustomer();
      } else if (event.kind === 'ended') {
        stop();
        this.timers.stop(answerTimer);
        live?.ended({ by: 'caller', cause: 'cancelled' });
      }
    });
  }

  /** Kamailio's view; a frozen or restarting Kamailio counts as "not registered". */
  private async deviceRegistered(sipUser: string): Promise<boolean> {
    try {
      return await this.ctx.kamailio.isRegistered(sipUser);
    } catch {
      return false;
    }
  }
}
