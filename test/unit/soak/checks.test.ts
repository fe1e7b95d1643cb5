import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../sandbox/state';
import { checkCalls, type CallsInput } from '../../soak/checks/calls';
import { checkMemory } from '../../soak/checks/memory';
import { tokenStorms } from '../../soak/checks/tokens';
import type { PopSighting } from '../../soak/harness/page-probe';
import type { Sample } from '../../soak/harness/samplers';
import type { TappedEvent } from '../../soak/harness/signal-tap';

/**
 * The soak's verdicts are only worth something if they fail when they should: each rule is
 * shown failing on a small made-up day, and passing on the same day done right.
 */

const ME = 'agent-me';
const T0 = 1_000_000;

function event(at: number, name: string, delivered: number, ownerId?: string, legId = 'A'): TappedEvent {
  return { at: T0 + at, name, legId, ownerId, callerNumber: '0912345678', delivered };
}

/** An inbound call that rang this agent: A and B (this agent's leg) created, then destroyed. */
function call(delivered: number): TappedEvent[] {
  return [
    event(0, 'CHANNEL_CREATE', delivered),
    event(10, 'CHANNEL_CREATE', delivered, ME, 'B'),
    event(5_000, 'CHANNEL_DESTROY', delivered, ME, 'B'),
    event(5_010, 'CHANNEL_DESTROY', delivered),
  ];
}

const record = (status: string): CallRecord =>
  ({ direction: 'to_ab', class: 'trunking', status_detail: status }) as unknown as CallRecord;

const pop = (callId: string, at: number, goneAt: number | undefined, number = '0912 345 678'): PopSighting => ({
  callId,
  number,
  name: '',
  appearedAt: T0 + at,
  goneAt: goneAt === undefined ? undefined : T0 + goneAt,
});

/** The app hears events all along, unless a test says when it heard again. */
const always = (at: number): number => at;

function input(overrides: Partial<CallsInput>): CallsInput {
  return {
    myAgentId: ME,
    calls: new Map(),
    history: () => record('SUCCESS'),
    pops: [],
    heardAgainAt: always,
    missedCallIds: new Set(),
    phantomIds: new Set(),
    runEndedAt: T0 + 60_000,
    ...overrides,
  };
}

describe('the calls verdict', () => {
  it('passes a heard call popped once with its caller, closing with the call', () => {
    const report = checkCalls(input({ calls: new Map([['c1', call(1)]]), pops: [pop('c1', 20, 6_000)] }));
    expect(report.verdicts).toMatchObject([{ callId: 'c1', heard: 'ringing', pops: 1, problems: [] }]);
    expect(report.problems).toEqual([]);
  });

  it('fails a heard call that popped twice, or with the wrong caller', () => {
    const twice = checkCalls(
      input({ calls: new Map([['c1', call(1)]]), pops: [pop('c1', 20, 100), pop('c1', 200, 6_000)] }),
    );
    expect(twice.verdicts[0]?.problems).toEqual(['rang while the app listened but popped 2 times']);
    const wrong = checkCalls(
      input({ calls: new Map([['c1', call(1)]]), pops: [pop('c1', 20, 6_000, '0900 000 000')] }),
    );
    expect(wrong.verdicts[0]?.problems).toEqual(['popped with caller "0900 000 000", expected "0912 345 678"']);
  });

  it('fails a call that rang during a gap, unanswered, when it is not listed as missed', () => {
    const calls = new Map([['c1', call(0)]]);
    const unlisted = checkCalls(input({ calls, history: () => record('CANCELLED') }));
    expect(unlisted.verdicts[0]?.problems).toEqual(['rang during a gap, unanswered, and is not listed as missed']);
    const listed = checkCalls(input({ calls, history: () => record('CANCELLED'), missedCallIds: new Set(['c1']) }));
    expect(listed.verdicts[0]?.problems).toEqual([]);
    // Answered by the agent during the gap: nothing was missed.
    expect(checkCalls(input({ calls })).verdicts[0]?.problems).toEqual([]);
  });

  it('fails a pop that outlives its call by more than 30 s', () => {
    const calls = new Map([['c1', call(1)]]);
    const stuck = checkCalls(input({ calls, pops: [pop('c1', 20, undefined)] }));
    expect(stuck.verdicts[0]?.problems).toEqual([
      'its pop stayed 55 s after the call ended (still on screen at the end)',
    ]);
    // The end fell in a gap (the socket heard nothing from 4 s to 20 s): the pop may stay until
    // 30 s after the app hears again, not longer.
    const gap = (at: number): number => (at >= T0 + 4_000 && at < T0 + 20_000 ? T0 + 20_000 : at);
    const reconciled = checkCalls(input({ calls, pops: [pop('c1', 20, 45_000)], heardAgainAt: gap }));
    expect(reconciled.verdicts[0]?.problems).toEqual([]);
    const late = checkCalls(input({ calls, pops: [pop('c1', 20, 52_000)], heardAgainAt: gap }));
    expect(late.verdicts[0]?.problems).toEqual([
      'its pop stayed 47 s after the call ended (32 s after the app heard again)',
    ]);
  });

  it('fails a pop for a malformed frame or for a call that never rang this agent', () => {
    const phantom = checkCalls(input({ pops: [pop('phantom-1', 0, 10)], phantomIds: new Set(['phantom-1']) }));
    expect(phantom.problems).toEqual([
      'a malformed CHANNEL_CREATE (caller number not a string) popped a card "0912 345 678" (phantom-1)',
    ]);
    const elsewhere = new Map([['c2', call(1).filter((e) => e.ownerId === undefined)]]);
    const stray = checkCalls(input({ calls: elsewhere, pops: [pop('c2', 20, 100)] }));
    expect(stray.problems).toEqual(['a card popped for c2 ("0912 345 678"), a call that never rang this agent']);
  });

  it('gives a call heard only in part until the 5-minute follow-up has had time, then fails it', () => {
    const partial = call(0).map((e, i) => (i === 3 ? { ...e, delivered: 1 } : e));
    const calls = new Map([['c1', partial]]);
    const soon = checkCalls(input({ calls, history: () => record('CANCELLED') }));
    expect(soon.verdicts[0]).toMatchObject({ heard: 'partial', pendingFollowUp: true, problems: [] });
    const later = checkCalls(input({ calls, history: () => record('CANCELLED'), runEndedAt: T0 + 6 * 60_000 }));
    expect(later.verdicts[0]?.problems).toEqual([
      'rang across a reconnect, unanswered, neither popped nor listed as missed',
    ]);
  });
});

function samples(heap: (period: number) => number, sockets = (_period: number) => 40): Sample[] {
  return Array.from({ length: 40 }, (_, i) => {
    const period = Math.floor(i / 10);
    return {
      atMs: i * 1_000,
      hostHeapMb: heap(period),
      hostRssMb: 300,
      hostSockets: sockets(period),
      rendererHeapMb: 8,
      pageWebSockets: 2,
      pagePeerConnections: 0,
      chromiumSockets: 100,
    };
  });
}

describe('the memory verdict', () => {
  it('passes flat measures and fails a heap or sockets that keep growing', () => {
    expect(
      checkMemory(
        samples(() => 70),
        10_000,
        4,
      ).problems,
    ).toEqual([]);
    expect(
      checkMemory(
        samples((p) => 70 + p * 12),
        10_000,
        4,
      ).problems,
    ).toEqual(['host heap grew from 82 MB (period 2) to 106 MB (last period); allowed 100.4']);
    expect(
      checkMemory(
        samples(
          () => 70,
          (p) => 40 + p * 8,
        ),
        10_000,
        4,
      ).problems,
    ).toEqual(['host sockets grew from 48 (period 2) to 64 (last period); allowed 59.2']);
  });

  it('fails a peer connection left open at the end', () => {
    const leaked = samples(() => 70);
    const last = leaked.at(-1);
    if (last) leaked[leaked.length - 1] = { ...last, pagePeerConnections: 1 };
    expect(checkMemory(leaked, 10_000, 4).problems).toEqual([
      'the page still holds 1 RTCPeerConnection(s) with no call',
    ]);
  });
});

describe('the token-storm verdict', () => {
  const outage = (offsets: number[], windowMs = 15_000) => ({
    id: 'f1',
    kind: 'api-503' as const,
    tokenRequestOffsets: offsets,
    tokenWindowMs: windowMs,
  });

  it("passes a pace that honours a 3 s Retry-After, and fails the issue's 2.5 a second", () => {
    expect(tokenStorms([outage([330, 3_333, 6_337, 9_364, 12_400])])).toEqual([]);
    const storm = Array.from({ length: 37 }, (_, i) => i * 400);
    expect(tokenStorms([outage(storm)])).toEqual([
      "f1 api-503: 24 voice-token requests in the 10 s after the outage's first 5 s (2.47 a second over all of it)",
    ]);
  });

  it('lets the first failures retry fast, and does not judge an outage too short to tell', () => {
    expect(tokenStorms([outage([0, 200, 250, 600, 1_000, 2_000, 4_900, 9_000])])).toEqual([]);
    expect(tokenStorms([outage([5_000, 5_100, 5_200, 5_300], 8_000)])).toEqual([]);
  });
});
