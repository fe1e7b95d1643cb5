import type { Locator, Page } from '@playwright/test';
import { formatForDisplay } from '../../../src/shared/phone';
import type { DeskCall, DeskPlan } from '../scenario/scenario';
import type { CallSpecBody } from './sandbox-control';
import type { SoakStack } from './stack';

/**
 * The agent at the desk: plays the scenario's desk calls one after another through the app's
 * own screens (Answer, Decline, Hang up, Transfer, Resume, the dialer), as a person would.
 * Each call is started at the platform (a customer or a colleague calls, over real SIP), or by
 * the agent dialing a callback. Whatever the faults do to the phone, the desk never waits
 * forever: every step has a deadline, and what could not be done is noted, not thrown.
 */

export interface DeskOutcome {
  readonly id: string;
  readonly kind: DeskCall['kind'];
  /** When the call was really started, and when the desk was free again (ms since the epoch). */
  readonly startedAt: number;
  endedAt: number;
  /** Leg A ids of the calls this desk call made (a waiting pair makes two). */
  readonly callIds: string[];
  /** False when the sandbox could not reach the phone over SIP and scripted the call instead. */
  live: boolean;
  /** Whether the phone rang in the app for each call. */
  readonly rang: boolean[];
  readonly notes: string[];
}

const RING_WAIT_MS = 8_000;
/**
 * A desk call the sandbox cannot ring over SIP (Kamailio frozen, the phone unregistered) is
 * scripted instead; nobody can answer it, so it plays faster than life to free the desk.
 * Real SIP calls ignore this: they take the time they take.
 */
const SCRIPTED_TIME_SCALE = 0.3;
const STEP_MS = 8_000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Vietnamese labels of the app's buttons (LANG=vi: the product's first language). */
const LABEL = {
  answer: 'Trả lời',
  decline: 'Từ chối',
  hangup: 'Kết thúc',
  transfer: 'Chuyển',
  transferTo: 'Chuyển tới',
  blindTransfer: 'Chuyển ngay',
  resume: 'Tiếp tục',
  dialField: 'Số điện thoại',
  call: 'Gọi',
} as const;

export class Desk {
  constructor(
    private readonly stack: SoakStack,
    /** True while the machine is asleep: nobody can click anything. */
    private readonly asleep: () => boolean,
  ) {}

  private get page(): Page {
    return this.stack.page;
  }

  async play(call: DeskCall): Promise<DeskOutcome> {
    const outcome: DeskOutcome = {
      id: call.id,
      kind: call.kind,
      startedAt: Date.now(),
      endedAt: Date.now(),
      callIds: [],
      live: true,
      rang: [],
      notes: [],
    };
    try {
      if (call.kind === 'callback') await this.callback(call, outcome);
      else if (call.kind === 'waiting') await this.waiting(call, outcome);
      else await this.incoming(call, outcome);
    } catch (error) {
      outcome.notes.push(`desk: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    await this.ensureIdle(outcome);
    outcome.endedAt = Date.now();
    return outcome;
  }

  /** Waits until the phone shows no call, hanging up what is left (noted). */
  async ensureIdle(outcome?: DeskOutcome): Promise<void> {
    const deadline = Date.now() + 6_000;
    while (Date.now() < deadline) {
      if (!this.asleep() && (await this.count('active-call')) === 0 && this.stack.probe.ringingNow.size === 0) return;
      await sleep(250);
    }
    if (this.asleep()) return;
    for (let left = await this.count('active-call'); left > 0; left--) {
      const number = await this.page
        .getByTestId('active-call')
        .first()
        .getByTestId('call-number')
        .textContent()
        .catch(() => '?');
      const farEnd = (await this.stack.control.platformCalls().catch(() => []))
        .filter((c) => formatForDisplay(c.number) === number && c.sipUser === this.stack.me.sipUser)
        .map((c) => c.state)
        .join(',');
      outcome?.notes.push(
        `desk: the call with ${number ?? '?'} was still up afterwards (far end: ${farEnd || 'unknown'}); hung up`,
      );
      await this.click(
        this.page.getByTestId('active-call').first().getByRole('button', { name: LABEL.hangup }),
        'hang up',
      );
      await sleep(500);
    }
    for (const number of this.stack.probe.ringingNow) {
      outcome?.notes.push('desk: a call still rang afterwards; declined');
      await this.click(this.incomingCard(number, number).getByRole('button', { name: LABEL.decline }), 'decline');
    }
  }

  private async incoming(call: DeskCall & { kind: 'customer' | 'colleague' }, outcome: DeskOutcome): Promise<void> {
    const { me, dids, queueIds, colleague } = this.stack;
    const caller =
      call.kind === 'customer'
        ? call.from
        : (this.stack.sandbox.state.agentBySipUser(call.from)?.extensions[0] ?? call.from);
    const plan = call.plan;
    const common = { callId: call.id, timeScale: SCRIPTED_TIME_SCALE, ...specForPlan(plan) };
    let spec: CallSpecBody;
    let ringDelay = 0;
    if (call.kind === 'colleague') {
      spec = { direction: 'internal', from: call.from, to: me.sipUser, ringMs: call.ringMs, ...common };
    } else if (call.queue !== undefined) {
      const first = call.ringFirst ?? [];
      ringDelay = first.reduce((sum, r) => sum + r.ringMs, 0);
      spec = {
        direction: 'inbound',
        from: call.from,
        ...(call.callerName === undefined ? {} : { callerName: call.callerName }),
        did: dids[call.did] ?? '',
        queue: queueIds[call.queue] ?? '',
        ringAgents: [
          ...first.map((r) => ({ agent: r.agent, ringMs: r.ringMs })),
          { agent: me.sipUser, ringMs: call.ringMs },
          ...(call.ringAfter === undefined ? [] : [{ agent: call.ringAfter, ringMs: 2_000 }]),
        ],
        ...common,
        // Taken by the next agent after this one let it ring: their (scripted) talk is short.
        ...(call.ringAfter === undefined ? {} : { outcome: 'answered' as const, talkMs: 2_000 }),
      };
    } else {
      spec = {
        direction: 'inbound',
        from: call.from,
        ...(call.callerName === undefined ? {} : { callerName: call.callerName }),
        did: dids[call.did] ?? '',
        to: me.sipUser,
        ringMs: call.ringMs,
        ...common,
      };
    }
    await this.start(spec, outcome);
    if (!outcome.live) {
      await this.waitForRecord(call.id, ringDelay + call.ringMs + 25_000, outcome);
      return;
    }
    const rang = await this.waitForRing(caller, ringDelay + RING_WAIT_MS);
    outcome.rang.push(rang);
    if (rang) await this.follow(plan, caller, colleague.extensions[0] ?? colleague.sipUser, outcome);
    await this.waitForRecord(call.id, ringDelay + call.ringMs + 25_000, outcome);
  }

  /** Does what the plan says with the call ringing from `caller`. */
  private async follow(plan: DeskPlan, caller: string, transferTarget: string, outcome: DeskOutcome): Promise<void> {
    const card = this.incomingCard(caller);
    if (plan.do === 'ignore' || plan.do === 'abandon') return;
    await sleep(plan.afterMs);
    if (plan.do === 'decline') {
      await this.click(card.getByRole('button', { name: LABEL.decline }), 'decline', outcome);
      return;
    }
    await this.click(card.getByRole('button', { name: LABEL.answer }), 'answer', outcome);
    const active = this.activeCard(caller);
    if (!(await this.visible(active.getByRole('timer'), 'the call connects', outcome))) return;
    await sleep(plan.talkMs);
    if (plan.do === 'transfer') {
      await this.click(active.getByRole('button', { name: LABEL.transfer, exact: true }), 'open transfer', outcome);
      await this.fill(active.getByRole('combobox', { name: LABEL.transferTo }), transferTarget, outcome);
      await this.click(active.getByRole('button', { name: LABEL.blindTransfer }), 'blind transfer', outcome);
      // The app lets go once the platform reports the transfer accepted.
      if (!(await this.gone(active, 12_000))) {
        outcome.notes.push('desk: the transfer did not go through; hung up');
        await this.click(active.getByRole('button', { name: LABEL.hangup }), 'hang up', outcome);
      }
      return;
    }
    if (plan.hangup === 'agent')
      await this.click(active.getByRole('button', { name: LABEL.hangup }), 'hang up', outcome);
  }

  private async callback(call: DeskCall & { kind: 'callback' }, outcome: DeskOutcome): Promise<void> {
    if (this.asleep()) {
      outcome.notes.push('desk: asleep, no callback dialled');
      outcome.live = false;
      return;
    }
    await this.fill(this.page.getByLabel(LABEL.dialField), call.number, outcome);
    await this.click(this.page.getByRole('button', { name: LABEL.call, exact: true }), 'dial', outcome);
    const active = this.activeCard(call.number);
    // Nobody clicks Answer: the callback of the agent's own click-to-call answers itself.
    const connected = await this.visible(active.getByRole('timer'), 'the callback connects', outcome, 15_000);
    const made = (await this.stack.control.platformCalls()).find(
      (c) => c.purpose === 'click-to-call' && c.number === call.number,
    );
    if (made?.signalsCallId) outcome.callIds.push(made.signalsCallId);
    else {
      outcome.live = false;
      const error = await this.page
        .getByTestId('dial-error')
        .textContent({ timeout: 1_000 })
        .catch(() => null);
      outcome.notes.push(`desk: the callback was not placed${error ? ` (the app said: ${error})` : ''}`);
      return;
    }
    outcome.rang.push(connected);
    if (connected) {
      await sleep(call.talkMs);
      await this.click(active.getByRole('button', { name: LABEL.hangup }), 'hang up', outcome);
    }
    await this.waitForRecord(made.signalsCallId, 40_000, outcome);
  }

  private async waiting(call: DeskCall & { kind: 'waiting' }, outcome: DeskOutcome): Promise<void> {
    const { me, dids } = this.stack;
    const firstId = `${call.id}a`;
    const secondId = `${call.id}b`;
    const inbound = (from: string, callId: string, talkMs: number): CallSpecBody => ({
      direction: 'inbound',
      from,
      did: dids[0] ?? '',
      to: me.sipUser,
      ringMs: 9_000,
      talkMs,
      outcome: 'answered',
      callId,
      timeScale: SCRIPTED_TIME_SCALE,
    });
    // The first caller stays until the agent hangs up (the long talk is only a safety net).
    await this.start(inbound(call.first.from, firstId, 40_000), outcome);
    if (!outcome.live) {
      await this.waitForRecord(firstId, 60_000, outcome);
      return;
    }
    const firstRang = await this.waitForRing(call.first.from, RING_WAIT_MS);
    outcome.rang.push(firstRang);
    if (!firstRang) {
      await this.waitForRecord(firstId, 60_000, outcome);
      return;
    }
    await sleep(call.first.afterMs);
    await this.click(this.incomingCard(call.first.from).getByRole('button', { name: LABEL.answer }), 'answer', outcome);
    const first = this.activeCard(call.first.from);
    await this.visible(first.getByRole('timer'), 'the first call connects', outcome);

    await sleep(call.second.startAfterMs);
    await this.start(inbound(call.second.from, secondId, call.second.talkMs), outcome);
    const secondRang = await this.waitForRing(call.second.from, RING_WAIT_MS);
    outcome.rang.push(secondRang);
    if (secondRang) {
      await sleep(call.second.afterMs);
      // Answering the waiting call holds the first.
      await this.click(
        this.incomingCard(call.second.from).getByRole('button', { name: LABEL.answer }),
        'answer',
        outcome,
      );
      await this.waitForRecord(secondId, call.second.talkMs + 20_000, outcome);
      const held = this.page.locator('[data-testid="active-call"][data-held="true"]');
      await this.click(held.getByRole('button', { name: LABEL.resume }), 'resume', outcome);
    }
    await sleep(call.resumeTalkMs);
    await this.click(first.getByRole('button', { name: LABEL.hangup }), 'hang up', outcome);
    await this.waitForRecord(firstId, 20_000, outcome);
    if (!secondRang) await this.waitForRecord(secondId, 30_000, outcome);
  }

  /** Starts a call at the platform; notes whether it rings the phone over SIP or is scripted. */
  private async start(spec: CallSpecBody, outcome: DeskOutcome): Promise<void> {
    const callId = await this.stack.control.startCall(spec);
    outcome.callIds.push(callId);
    // The sandbox scripts a call when no device it rings is registered in Kamailio.
    if ((await this.stack.control.scriptedCallIds()).has(callId)) outcome.live = false;
  }

  private waitForRing(number: string, timeoutMs: number): Promise<boolean> {
    const shown = formatForDisplay(number);
    return this.stack.probe.until(() => this.stack.probe.ringingNow.has(shown), timeoutMs);
  }

  private async waitForRecord(callId: string, timeoutMs: number, outcome: DeskOutcome): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.stack.sandbox.state.history.findByCallId(callId)) return;
      await sleep(250);
    }
    outcome.notes.push(`desk: call ${callId} had not ended after ${Math.round(timeoutMs / 1000)} s`);
  }

  /** The ringing card of the call from `number`, or already shown as `number` (`shown`). */
  private incomingCard(number: string, shown = formatForDisplay(number)): Locator {
    return this.page
      .getByTestId('incoming-call')
      .filter({ has: this.page.getByTestId('call-number').filter({ hasText: shown }) });
  }

  private activeCard(number: string): Locator {
    return this.page
      .getByTestId('active-call')
      .filter({ has: this.page.getByTestId('call-number').filter({ hasText: formatForDisplay(number) }) });
  }

  private async count(testId: string): Promise<number> {
    return this.page
      .getByTestId(testId)
      .count()
      .catch(() => 0);
  }

  private async click(target: Locator, what: string, outcome?: DeskOutcome): Promise<boolean> {
    if (this.asleep()) {
      outcome?.notes.push(`desk: asleep, could not ${what}`);
      return false;
    }
    try {
      await target.first().click({ timeout: STEP_MS });
      return true;
    } catch {
      outcome?.notes.push(`desk: could not ${what}`);
      return false;
    }
  }

  private async fill(target: Locator, value: string, outcome: DeskOutcome): Promise<void> {
    try {
      await target.first().fill(value, { timeout: STEP_MS });
    } catch {
      outcome.notes.push('desk: could not type');
    }
  }

  private async visible(target: Locator, what: string, outcome: DeskOutcome, timeout = STEP_MS): Promise<boolean> {
    try {
      await target.first().waitFor({ state: 'visible', timeout });
      return true;
    } catch {
      outcome.notes.push(`desk: ${what}: not seen`);
      return false;
    }
  }

  private async gone(target: Locator, timeout: number): Promise<boolean> {
    try {
      await target.first().waitFor({ state: 'detached', timeout });
      return true;
    } catch {
      return false;
    }
  }
}

/** The spec fields that decide what happens if the phone cannot be reached and the call is scripted. */
function specForPlan(plan: DeskPlan): Pick<CallSpecBody, 'outcome' | 'talkMs'> {
  switch (plan.do) {
    case 'answer':
      // The caller hangs up after talkMs; when the agent hangs up, that is only a safety net.
      return { outcome: 'answered', talkMs: plan.hangup === 'caller' ? plan.talkMs : plan.talkMs + 10_000 };
    case 'transfer':
      return { outcome: 'answered', talkMs: plan.talkMs + 15_000 };
    case 'decline':
    case 'ignore':
      return { outcome: 'missed' };
    case 'abandon':
      return { outcome: 'cancelled' };
  }
}
