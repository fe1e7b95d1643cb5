/**
 * When the phone may pick up by itself, which opens the agent's microphone without their say.
 * Only two kinds of call ever do:
 * - the callback of this app's own click-to-call: the platform rings the agent's device first
 *   and only then dials the customer, so answering that first leg by hand would be a pointless
 *   click. It is recognised by time alone (AntBuddy documents no marker for it): the first call
 *   that rings within CALLBACK_WINDOW_MS of a click-to-call request, one call per request;
 * - with the separate `autoAnswerIntercom` setting (off by default, lockable by IT), a call
 *   whose INVITE asks to be answered by itself (intercom, paging).
 * Never while another call rings or is live. A marker alone, from a colleague on the same PBX
 * or an outside caller whose headers the PBX passes on, only ever rings.
 */

/** How long after the agent's click-to-call request its callback is expected. */
export const CALLBACK_WINDOW_MS = 30_000;

export interface AnswerItselfHeaders {
  /** Every `Call-Info` header value of the INVITE. */
  readonly callInfo: readonly string[];
  /** Every `Alert-Info` header value of the INVITE. */
  readonly alertInfo: readonly string[];
}

/** `answer-after=0`, `answer-after = 5`: any delay counts, the phone answers at once. */
const ANSWER_AFTER = /(?:^|[;,\s])answer-after\s*=\s*\d+/i;
const ALERT_AUTO_ANSWER = /auto[-_]answer|intercom/i;

/** Whether the INVITE asks to be answered by itself, the way intercom and paging calls do (Kazoo, Asterisk, FreeSWITCH). */
export function asksToAnswerItself(headers: AnswerItselfHeaders): boolean {
  if (headers.callInfo.some((value) => ANSWER_AFTER.test(value))) return true;
  return headers.alertInfo.some((value) => ALERT_AUTO_ANSWER.test(value) || ANSWER_AFTER.test(value));
}

/** The click-to-call requests this app placed whose callback has not rung yet. */
export class PendingCallbacks {
  private readonly deadlines = new Map<number, number>();
  private nextTicket = 1;

  /** A request is about to be sent at `now`; the ticket cancels it if the request fails. */
  expect(now: number): number {
    const ticket = this.nextTicket++;
    this.deadlines.set(ticket, now + CALLBACK_WINDOW_MS);
    return ticket;
  }

  cancel(ticket: number): void {
    this.deadlines.delete(ticket);
  }

  /** Claims the oldest request still waiting at `now` for the call ringing now; false when none is. */
  claim(now: number): boolean {
    for (const [ticket, deadline] of this.deadlines) {
      this.deadlines.delete(ticket);
      if (now <= deadline) return true;
    }
    return false;
  }

  clear(): void {
    this.deadlines.clear();
  }
}

export interface IncomingCallFacts {
  /** Another call already rings or is live on this phone. */
  readonly busy: boolean;
  /**
   * The phone could take this call as a waiting call: exactly one other call, answered (not
   * ringing), and call waiting switched on. It then rings, quietly, and never answers itself.
   */
  readonly waitingAllowed: boolean;
  readonly dnd: boolean;
  /** This call rings within the window of one of this app's click-to-call requests. */
  readonly isOwnCallback: boolean;
  readonly asksToAnswerItself: boolean;
  readonly autoAnswerClickToCall: boolean;
  readonly autoAnswerIntercom: boolean;
}

export type IncomingCallDecision =
  | { readonly kind: 'refuse-busy' }
  | { readonly kind: 'ring'; readonly autoAnswer: false }
  | { readonly kind: 'ring'; readonly autoAnswer: true; readonly because: 'own-callback' | 'intercom' };

export function decideIncomingCall(facts: IncomingCallFacts): IncomingCallDecision {
  // Never answers by itself here: the agent is talking to someone else.
  if (facts.busy)
    return facts.waitingAllowed && !facts.dnd ? { kind: 'ring', autoAnswer: false } : { kind: 'refuse-busy' };
  // The agent's own callback gets through do-not-disturb: they just asked for this call.
  if (facts.isOwnCallback)
    return facts.autoAnswerClickToCall
      ? { kind: 'ring', autoAnswer: true, because: 'own-callback' }
      : { kind: 'ring', autoAnswer: false };
  if (facts.dnd) return { kind: 'refuse-busy' };
  if (facts.asksToAnswerItself && facts.autoAnswerIntercom)
    return { kind: 'ring', autoAnswer: true, because: 'intercom' };
  return { kind: 'ring', autoAnswer: false };
}
