import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox, type SandboxAgent } from '../../../sandbox/index';
import { createAntBuddyClient } from '../../../src/main/services/api';
import {
  createAgentDirectory,
  createScreenPopService,
  systemTimers,
  tapAgentLegs,
  type ScreenPopService,
} from '../../../src/main/services/screenpop';
import { createBlackholeAdapter } from '../../../src/main/services/signals';
import type { ScreenPopState } from '../../../src/shared/contract';
import { control, placeCall, sandboxSources, sleep, startProbe, until, type Probe } from './support';

/**
 * Issue 11: a pop outlived its call when the call ended while the app could not hear call
 * signals (its CHANNEL_DESTROY never arrives). Over real sockets against the sandbox: the
 * agent answers, the signals server goes away, the call ends, the server comes back: the
 * reconnect's look at the gap's history closes the pop.
 */

let sb: RunningSandbox;
let agent: SandboxAgent;
const probes: Probe[] = [];
const pops: ScreenPopService[] = [];

beforeAll(async () => {
  sb = await startSandbox({ calls: 20 });
  const first = sb.state.agents[0];
  if (!first) throw new Error('sandbox has no agents');
  agent = first;
});

afterEach(() => {
  for (const p of probes.splice(0)) p.service.stop();
  for (const p of pops.splice(0)) p.dispose();
});

afterAll(async () => {
  await sb.close();
});

/** The agent's app as the main process wires it: signals → leg tap → screen-pop. */
async function agentApp(): Promise<{ probe: Probe; pop: ScreenPopService; states: (id: string) => ScreenPopState[] }> {
  const api = createAntBuddyClient({
    baseUrl: sb.apiUrl,
    appId: sb.appId,
    appSecret: sb.appSecret,
    domain: sb.domain,
    email: sb.email,
  });
  const directory = createAgentDirectory({ source: api, timers: systemTimers });
  await directory.refresh();
  const pop = createScreenPopService({
    settings: () => ({ sipUser: agent.sipUser, crmUrlTemplate: '', crmOpenOn: 'never' }),
    directory,
  });
  directory.dispose();
  pops.push(pop);
  const seen: { callId: string; state: ScreenPopState }[] = [];
  pop.onChange((list) => {
    for (const p of list) if (seen.findLast((s) => s.callId === p.callId)?.state !== p.state) seen.push(p);
  });
  const probe = startProbe(
    sb,
    { sipUser: agent.sipUser, extension: agent.extensions, ownerId: agent.id, username: agent.username },
    {
      adapter: tapAgentLegs(
        createBlackholeAdapter(),
        () => pop.agent(),
        (ids) => pop.handleAgentLegRinging(ids),
        (ids) => pop.handleAgentLegAnswered(ids),
      ),
    },
  );
  probes.push(probe);
  probe.service.onCallEvent((event) => pop.handleCallEvent(event));
  await until(() => probe.service.state().kind === 'live');
  return { probe, pop, states: (id) => seen.filter((s) => s.callId === id).map((s) => s.state) };
}

/** Waits until the sandbox has filed the call in its history (it does so when the call ends). */
async function filed(callId: string): Promise<void> {
  const { history } = sandboxSources(sb);
  for (;;) {
    const range = await history.fetchRange(new Date(Date.now() - 600_000), new Date(Date.now() + 60_000));
    if (range.ok && range.value.some((r) => r.call_id === callId)) return;
    await sleep(20);
  }
}

describe('a pop whose call ends during a gap in the call signals', () => {
  it('closes once the connection is back, from the gap history; a pop of a call that goes on stays', async () => {
    const { probe, pop, states } = await agentApp();
    const ends = await placeCall(sb, {
      direction: 'inbound',
      from: '0911222333',
      to: agent.sipUser,
      ringMs: 50,
      talkMs: 1_500,
    });
    const goesOn = await placeCall(sb, {
      direction: 'inbound',
      from: '0944555666',
      to: agent.sipUser,
      ringMs: 50,
      talkMs: 60_000,
    });
    await until(() =>
      [ends, goesOn].every((c) => pop.list().find((p) => p.callId === c.callId)?.state === 'answered-here'),
    );

    // The signals server goes away (sockets dropped, new ones refused); the first call ends meanwhile.
    await control(sb, '/signals/stop');
    await until(() => probe.service.state().kind === 'reconnecting');
    await filed(ends.callId);
    expect(probe.eventsFor(ends.callId).map((e) => e.type)).toEqual(['ringing', 'answered']);
    expect(pop.list().find((p) => p.callId === ends.callId)?.state).toBe('answered-here');

    await control(sb, '/signals/start');
    await until(() => probe.service.state().kind === 'live');
    await until(() => !pop.list().some((p) => p.callId === ends.callId));
    expect(states(ends.callId)).toEqual(['ringing', 'answered-here', 'ended']);
    expect(probe.eventsFor(ends.callId).map((e) => e.type)).toEqual(['ringing', 'answered', 'ended']);
    expect(pop.list().find((p) => p.callId === goesOn.callId)?.state).toBe('answered-here');
    expect(probe.missed.map((m) => m.callId)).not.toContain(ends.callId);
  });
});
