import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox, type SandboxAgent } from '../../../sandbox/index';
import type { SignalConnectionState } from '../../../src/shared/domain';
import { control, placeCall, startProbe, until, type Probe } from './support';

/**
 * A connection that dies without closing (a NAT entry dropped, a peer gone): the socket stays
 * open but nothing comes back, not even pongs. Only the keepalive watchdog can notice. The
 * sandbox's freeze makes its open sockets behave so, over real sockets; the service's timing
 * is shortened (ping every 200 ms, dead after 1 s of silence) to keep the test quick.
 */

let sb: RunningSandbox;
let agent: SandboxAgent;
let colleague: SandboxAgent;
const probes: Probe[] = [];

const FAST_WATCHDOG = { keepaliveMs: 200, deadAfterMs: 1_000 };

beforeAll(async () => {
  sb = await startSandbox({ calls: 5 });
  const [first, second] = sb.state.agents;
  if (!first || !second) throw new Error('sandbox has no agents');
  agent = first;
  colleague = second;
});

afterEach(() => {
  for (const p of probes.splice(0)) p.service.stop();
});

afterAll(async () => {
  await sb.close();
});

describe('a call-signal connection that goes silent without closing', () => {
  it('is declared dead by the watchdog, replaced by a fresh socket, and events resume', async () => {
    const p = startProbe(
      sb,
      { sipUser: agent.sipUser, extension: agent.extensions, ownerId: agent.id, username: agent.username },
      { timing: FAST_WATCHDOG },
    );
    probes.push(p);
    await until(() => p.service.state().kind === 'live');
    const socketsBefore = p.sockets.length;
    const statesBefore = p.states.length;

    expect(await control(sb, '/signals/freeze')).toEqual({ frozen: 1 });

    const reconnecting = await until(() =>
      p.states
        .slice(statesBefore)
        .find((s): s is Extract<SignalConnectionState, { kind: 'reconnecting' }> => s.kind === 'reconnecting'),
    );
    // Noticed through silence, not through a close (a dropped socket reports its close code).
    expect(reconnecting.lastError).toMatch(/No sign of life/);

    await until(() => p.sockets.length > socketsBefore && p.service.state().kind === 'live');
    // The fresh socket subscribed again and works while the old one is still frozen.
    const resubscribed = (p.sockets.at(-1)?.sent ?? []).filter(
      (s) => (JSON.parse(s) as { action: string }).action === 'subscribe',
    );
    expect(resubscribed.length).toBeGreaterThan(0);

    const call = await placeCall(sb, {
      direction: 'internal',
      from: colleague.sipUser,
      to: agent.sipUser,
      ringMs: 30,
      talkMs: 30,
    });
    await until(() => p.eventsFor(call.callId).some((e) => e.type === 'ended'));
    expect(p.eventsFor(call.callId).map((e) => e.type)).toEqual(['ringing', 'answered', 'ended']);
    expect(await control(sb, '/signals/unfreeze')).toMatchObject({ unfrozen: expect.any(Number) });
  });
});
