import type { CallRecord } from '../../../sandbox/state';
import { formatForDisplay } from '../../../src/shared/phone';
import type { PopSighting } from '../harness/page-probe';
import type { TappedEvent } from '../harness/signal-tap';

/**
 * Nothing missed, nothing twice: for every call that rang this agent's phone (a leg to its
 * device was created), what the app could hear decides what it owes.
 *
 * - heard ringing (the leg's CHANNEL_CREATE reached the app's socket): exactly one pop, showing
 *   the caller the platform sent, and not listed as missed;
 * - heard nothing (every frame of the call went out while the app could not listen): no pop
 *   (it cannot know), and, unless someone answered it, listed as missed after the gap;
 * - heard only part (it rang across a reconnect): at most one pop; unanswered and not popped, it
 *   must be listed as missed once the app's 5-minute follow-up lookup has had time to run.
 *
 * Every pop must close within 30 s of its call ending, or of the app hearing again when the end
 * fell in a gap; and no pop may appear for a call that did not ring this agent (a malformed
 * frame, another agent's call). Calls listed as missed must have rung this agent unanswered.
 */

export type Heard = 'ringing' | 'partial' | 'none';

export interface CallVerdict {
  readonly callId: string;
  readonly heard: Heard;
  readonly answered: boolean;
  readonly pops: number;
  readonly missedListed: boolean;
  readonly problems: string[];
  /** Unanswered, heard in part, not yet listed: the app's 5-minute follow-up had no time to run. */
  readonly pendingFollowUp: boolean;
  /** Popped, and its end fell in a gap (no CHANNEL_DESTROY reached the app): the pop had to be reconciled. */
  readonly endedInGap: boolean;
  /** How long its pop stayed after the call ended, or after the app heard again when the end fell in a gap. */
  readonly popStayedMs: number | undefined;
  /** When it rang and ended (the last CHANNEL_DESTROY published), ms since the epoch: to find its log lines. */
  readonly startedAt: number;
  readonly endedAt: number | undefined;
}

export interface CallsInput {
  readonly myAgentId: string;
  readonly calls: ReadonlyMap<string, readonly TappedEvent[]>;
  readonly history: (callId: string) => CallRecord | undefined;
  readonly pops: readonly PopSighting[];
  /**
   * The first moment at or after `at` when the app's socket really received call events (the
   * signals server's own count): a frozen socket looks live to the app but hears nothing.
   */
  readonly heardAgainAt: (at: number) => number | undefined;
  readonly missedCallIds: ReadonlySet<string>;
  /** Leg ids of the phantom CHANNEL_CREATE frames the faults published. */
  readonly phantomIds: ReadonlySet<string>;
  readonly runEndedAt: number;
}

export interface CallsReport {
  readonly verdicts: CallVerdict[];
  /** Problems not tied to one call that rang this agent (phantom pops, stray missed entries). */
  readonly problems: string[];
  readonly counts: {
    readonly rangMe: number;
    readonly heardRinging: number;
    readonly heardNothing: number;
    readonly heardPart: number;
    readonly popped: number;
    readonly expectedMissed: number;
    readonly listedMissed: number;
    readonly pendingFollowUp: number;
    /** Popped calls whose end fell in a gap (the pop closed by reconciliation, not by an event). */
    readonly poppedEndedInGap: number;
  };
}

/** A pop may stay this long after its call ended (or after the app hears again): the promise checked. */
const POP_GRACE_MS = 30_000;
/** The app looks a gap up again five minutes later, for calls still ringing when it returned. */
const FOLLOW_UP_MS = 5 * 60_000 + 30_000;

function rangMe(events: readonly TappedEvent[], me: string): boolean {
  return events.some((e) => e.name === 'CHANNEL_CREATE' && e.ownerId === me);
}

export function checkCalls(input: CallsInput): CallsReport {
  const verdicts: CallVerdict[] = [];
  const problems: string[] = [];
  const claimedPops = new Set<PopSighting>();

  for (const [callId, events] of input.calls) {
    if (input.phantomIds.has(callId) || !rangMe(events, input.myAgentId)) continue;
    const record = input.history(callId);
    // This agent's own outbound calls (click-to-call callbacks) ring its phone but are not pops.
    const outbound = record?.direction === 'from_ab' && record.class !== 'one_one';
    const legIds = new Set([callId, ...events.map((e) => e.legId)]);
    const pops = input.pops.filter((p) => legIds.has(p.callId));
    for (const pop of pops) claimedPops.add(pop);
    if (outbound) {
      if (pops.length > 0) problems.push(`${callId}: the agent's own outbound call popped a card`);
      continue;
    }
    const mine = events.filter((e) => e.name === 'CHANNEL_CREATE' && e.ownerId === input.myAgentId);
    const heard: Heard = mine.some((e) => e.delivered > 0)
      ? 'ringing'
      : events.some((e) => e.delivered > 0)
        ? 'partial'
        : 'none';
    const answered = record?.status_detail === 'SUCCESS';
    const missedListed = input.missedCallIds.has(callId);
    const callProblems: string[] = [];
    let pendingFollowUp = false;

    if (heard === 'ringing') {
      if (pops.length !== 1) callProblems.push(`rang while the app listened but popped ${pops.length} times`);
      const expected = mine.find((e) => e.delivered > 0)?.callerNumber;
      const first = pops[0];
      if (first && expected !== undefined && first.number !== formatForDisplay(expected))
        callProblems.push(`popped with caller "${first.number}", expected "${formatForDisplay(expected)}"`);
      if (missedListed) callProblems.push('popped live and listed as missed too');
    } else if (heard === 'none') {
      if (pops.length > 0) callProblems.push(`the app heard nothing of it but popped ${pops.length} times`);
      if (!answered && !missedListed) callProblems.push('rang during a gap, unanswered, and is not listed as missed');
    } else {
      if (pops.length > 1) callProblems.push(`rang across a reconnect and popped ${pops.length} times`);
      if (!answered && pops.length === 0 && !missedListed) {
        const lastEvent = events.at(-1)?.at ?? 0;
        if (input.runEndedAt - lastEvent >= FOLLOW_UP_MS)
          callProblems.push('rang across a reconnect, unanswered, neither popped nor listed as missed');
        else pendingFollowUp = true;
      }
    }
    if (answered && missedListed) callProblems.push('answered, yet listed as missed');

    // A pop closes with its call: within the grace after the end, or after the app hears again.
    const destroys = events.filter((e) => e.name === 'CHANNEL_DESTROY');
    const endedAt = destroys.at(-1)?.at;
    let popStayedMs: number | undefined;
    for (const pop of pops) {
      if (endedAt === undefined) continue;
      const back = input.heardAgainAt(endedAt) ?? input.runEndedAt;
      const gone = pop.goneAt ?? input.runEndedAt;
      popStayedMs = Math.max(popStayedMs ?? 0, gone - Math.max(endedAt, back));
      if (gone - Math.max(endedAt, back) > POP_GRACE_MS)
        callProblems.push(
          `its pop stayed ${Math.round((gone - endedAt) / 1000)} s after the call ended` +
            (back > endedAt ? ` (${Math.round((gone - back) / 1000)} s after the app heard again)` : '') +
            (pop.goneAt === undefined ? ' (still on screen at the end)' : ''),
        );
    }
    verdicts.push({
      callId,
      heard,
      answered,
      pops: pops.length,
      missedListed,
      problems: callProblems,
      pendingFollowUp,
      endedInGap: pops.length > 0 && destroys.length > 0 && destroys.every((e) => e.delivered === 0),
      popStayedMs,
      startedAt: events[0]?.at ?? 0,
      endedAt,
    });
  }

  for (const pop of input.pops) {
    if (claimedPops.has(pop)) continue;
    const phantom = input.phantomIds.has(pop.callId);
    problems.push(
      phantom
        ? `a malformed CHANNEL_CREATE (caller number not a string) popped a card "${pop.number}" (${pop.callId})`
        : `a card popped for ${pop.callId} ("${pop.number}"), a call that never rang this agent`,
    );
  }
  const rang = new Set(verdicts.map((v) => v.callId));
  for (const callId of input.missedCallIds)
    if (!rang.has(callId)) problems.push(`${callId} is listed as missed but never rang this agent here`);

  const count = (test: (v: CallVerdict) => boolean): number => verdicts.filter(test).length;
  return {
    verdicts,
    problems,
    counts: {
      rangMe: verdicts.length,
      heardRinging: count((v) => v.heard === 'ringing'),
      heardNothing: count((v) => v.heard === 'none'),
      heardPart: count((v) => v.heard === 'partial'),
      popped: count((v) => v.pops > 0),
      expectedMissed: count((v) => v.heard === 'none' && !v.answered),
      listedMissed: count((v) => v.missedListed),
      pendingFollowUp: count((v) => v.pendingFollowUp),
      poppedEndedInGap: count((v) => v.endedInGap),
    },
  };
}
