import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox, type SandboxAgent } from '../../../sandbox/index';
import type { CallEvent } from '../../../src/shared/domain';
import { control, placeCall, sandboxSources, sleep, startProbe, until, type Probe } from './support';

let sb: RunningSandbox;
let agent: SandboxAgent;
let colleague: SandboxAgent;
let queue: { id: string; agentIds: readonly string[] };
const probes: Probe[] = [];

const identity = (a: SandboxAgent) => ({
  sipUser: a.sipUser,
  extension: a.extensions,
  ownerId: a.id,
  username: a.username,
});

function probe(): Probe {
  const p = startProbe(sb, identity(agent));
  probes.push(p);
  return p;
}

const types = (events: CallEvent[]): string[] => events.map((e) => e.type);

async function live(p: Probe): Promise<void> {
  await until(() => p.service.state().kind === 'live');
}

async function callEnded(p: Probe, callId: string): Promise<CallEvent[]> {
  await until(() => p.eventsFor(callId).some((e) => e.type === 'ended'));
  return p.eventsFor(callId);
}

beforeAll(async () => {
  sb = await startSandbox({ calls: 30 });
  const first = sb.state.agents[0];
  const second = sb.state.agents[1];
  if (!first || !second) throw new Error('sandbox has no agents');
  agent = first;
  colleague = second;
  const q = sb.state.queues.find((x) => x.agentIds.includes(agent.id));
  if (!q) throw new Error('agent is in no queue');
  queue = q;
});

afterEach(() => {
  for (const p of probes.splice(0)) p.service.stop();
});

afterAll(async () => {
  await sb.close();
});

describe('call signals against the sandbox', () => {
  it('subscribes every binding, one per message, with the token, and goes live', async () => {
    const p = probe();
    await live(p);
    const sent =
      p.sockets[0]?.sent.map(
        (s) => JSON.parse(s) as { action: string; auth_token?: string; data: { binding?: string } },
      ) ?? [];
    const subs = sent.filter((m) => m.action === 'subscribe');
    expect(subs.map((m) => m.data.binding)).toHaveLength(6);
    expect(subs.every((m) => m.auth_token === p.tokensIssued[0])).toBe(true);
    expect(p.errors).toEqual([]);
  });

  it('tells one story per call, in order, for every call shape', async () => {
    const p = probe();
    await live(p);
    const viaQueue = await placeCall(sb, {
      direction: 'inbound',
      from: '0912345678',
      queue: queue.id,
      to: agent.sipUser,
      ringMs: 50,
      talkMs: 150,
      holdMs: 40,
    });
    const outbound = await placeCall(sb, {
      direction: 'outbound',
      from: agent.sipUser,
      to: '0987654321',
      ringMs: 50,
      talkMs: 80,
    });
    const internal = await placeCall(sb, {
      direction: 'internal',
      from: agent.sipUser,
      to: colleague.sipUser,
      ringMs: 50,
      talkMs: 80,
    });
    const missed = await placeCall(sb, {
      direction: 'inbound',
      from: '0977777777',
      to: agent.sipUser,
      ringMs: 80,
      outcome: 'missed',
    });

    const q = await callEnded(p, viaQueue.callId);
    expect(types(q)).toEqual(['ringing', 'answered', 'held', 'resumed', 'ended']);
    expect(q.every((e) => e.direction === 'inbound' && e.from.number === '0912345678' && e.queue === queue.id)).toBe(
      true,
    );
    expect(q[0]?.did).toBeTruthy();
    // Answered when the agent picked up (the queue answering the caller is not it).
    expect(q[1]?.to.number).toBe(agent.extensions[0]);
    expect(q.at(-1)).toMatchObject({ type: 'ended', cause: 'NORMAL_CLEARING' });

    const o = await callEnded(p, outbound.callId);
    expect(types(o)).toEqual(['ringing', 'answered', 'ended']);
    expect(o.every((e) => e.direction === 'outbound' && e.to.number === '0987654321')).toBe(true);
    expect(o[0]?.from.number).toBe(agent.extensions[0]);

    const i = await callEnded(p, internal.callId);
    expect(types(i)).toEqual(['ringing', 'answered', 'ended']);
    expect(i.every((e) => e.direction === 'internal')).toBe(true);

    const m = await callEnded(p, missed.callId);
    expect(types(m)).toEqual(['ringing', 'ended']);
    expect(m[0]?.direction).toBe('inbound');

    // One call per multi-leg call: nothing is ever reported under a B leg's id.
    const bLegs = [viaQueue, outbound, internal, missed].flatMap((c) =>
      c.legs.map((l) => l.callId).filter((id) => id !== c.callId),
    );
    expect(p.events.filter((e) => bLegs.includes(e.callId))).toEqual([]);
  });

  it('reconnects with the token at hand, and replaces it once when the server has expired it', async () => {
    const p = probe();
    await live(p);
    const firstToken = p.tokensIssued.at(-1);
    const issuedBefore = p.tokensIssued.length;
    await control(sb, '/tokens/expire');
    const dropped = p.sockets.length;
    await control(sb, '/signals/drop');
    await until(() => p.sockets.length > dropped && p.service.state().kind === 'live');
    const subs = (p.sockets.at(-1)?.sent ?? [])
      .map((s) => JSON.parse(s) as { action: string; auth_token?: string; data: { binding?: string } })
      .filter((m) => m.action === 'subscribe');
    // The reconnect did not wait for the API: it offered the token it held (still within its
    // lifetime by the client's reckoning)...
    expect(subs[0]?.auth_token).toBe(firstToken);
    // ...and the server's six refusals cost one new token, with which every binding was subscribed.
    expect(p.tokensIssued).toHaveLength(issuedBefore + 1);
    const renewed = subs.filter((m) => m.auth_token === p.tokensIssued.at(-1));
    expect(new Set(renewed.map((m) => m.data.binding)).size).toBe(6);
    expect(p.states.some((s) => s.kind === 'reconnecting')).toBe(true);
    const call = await placeCall(sb, {
      direction: 'internal',
      from: colleague.sipUser,
      to: agent.sipUser,
      ringMs: 30,
      talkMs: 30,
    });
    expect(types(await callEnded(p, call.callId))).toEqual(['ringing', 'answered', 'ended']);
  });

  it('survives a server restart: calls made while down come back as missed, and events resume', async () => {
    const p = probe();
    await live(p);
    await control(sb, '/signals/stop');
    await until(() => p.service.state().kind === 'reconnecting');
    const missedWhileDown = await placeCall(sb, {
      direction: 'inbound',
      from: '0966666666',
      to: agent.sipUser,
      ringMs: 60,
      outcome: 'missed',
    });
    const answeredWhileDown = await placeCall(sb, {
      direction: 'inbound',
      from: '0955555555',
      to: agent.sipUser,
      ringMs: 20,
      talkMs: 20,
    });
    const notMine = await placeCall(sb, {
      direction: 'inbound',
      from: '0944444444',
      to: colleague.sipUser,
      ringMs: 20,
      outcome: 'missed',
    });
    // Wait until the simulator has written them to the history.
    const { history } = sandboxSources(sb);
    for (;;) {
      const range = await history.fetchRange(new Date(Date.now() - 600_000), new Date(Date.now() + 60_000));
      const ids = range.ok ? range.value.map((r) => r.call_id) : [];
      if ([missedWhileDown, answeredWhileDown, notMine].every((c) => ids.includes(c.callId))) break;
      await sleep(20);
    }
    expect(p.eventsFor(missedWhileDown.callId)).toEqual([]);
    await control(sb, '/signals/start');
    await live(p);
    const reported = await until(() => p.missed.find((m) => m.callId === missedWhileDown.callId));
    expect(reported).toMatchObject({ from: { number: '0966666666' }, to: { number: agent.sipUser } });
    expect(p.missed.map((m) => m.callId)).not.toContain(answeredWhileDown.callId);
    expect(p.missed.map((m) => m.callId)).not.toContain(notMine.callId);
    const after = await placeCall(sb, {
      direction: 'outbound',
      from: agent.sipUser,
      to: '0933333333',
      ringMs: 20,
      talkMs: 20,
    });
    expect(types(await callEnded(p, after.callId))).toEqual(['ringing', 'answered', 'ended']);
  });

  it('loses no valid event among thousands of malformed frames from the server', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const p = probe();
      await live(p);
      const liveStates = p.states.length;
      let sent = 0;
      const calls: { callId: string }[] = [];
      for (let round = 0; round < 60; round++) {
        if (round % 4 === 0) {
          calls.push(
            await placeCall(sb, {
              direction: 'inbound',
              from: `09${String(10_000_000 + round)}`,
              to: agent.sipUser,
              ringMs: 20,
              talkMs: 20,
            }),
          );
        }
        const result = (await control(sb, '/signals/malformed', { count: 100 })) as { sent: number };
        sent += result.sent;
      }
      expect(sent).toBeGreaterThanOrEqual(5_000);
      for (const call of calls)
        expect(types(await callEnded(p, call.callId))).toEqual(['ringing', 'answered', 'ended']);
      expect(p.service.state().kind).toBe('live');
      expect(p.states.length).toBe(liveStates); // never reconnected
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
