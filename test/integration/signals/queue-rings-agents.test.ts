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
import type { CallEvent } from '../../../src/shared/domain';
import { placeCall, startProbe, until, type Probe } from './support';

/**
 * A queue call that rings one agent, then another (Kazoo ACDc: a new B leg per agent tried),
 * played by the sandbox and heard by each agent's app over real sockets.
 */

let sb: RunningSandbox;
let first: SandboxAgent;
let second: SandboxAgent;
let queueId: string;
const probes: Probe[] = [];
const pops: ScreenPopService[] = [];

const identity = (a: SandboxAgent) => ({
  sipUser: a.sipUser,
  extension: a.extensions,
  ownerId: a.id,
  username: a.username,
});
const types = (events: CallEvent[]): string[] => events.map((e) => e.type);

interface AgentApp {
  readonly probe: Probe;
  readonly pop: ScreenPopService;
  /** Every state this app's pop of `callId` went through, in order. */
  popStates(callId: string): ScreenPopState[];
}

/** One agent's app wired as the main process wires it: signals → leg tap → screen-pop. */
async function agentApp(agent: SandboxAgent): Promise<AgentApp> {
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
  pops.push(pop);
  const seen: { callId: string; state: ScreenPopState }[] = [];
  pop.onChange((list) => {
    for (const p of list) if (seen.findLast((s) => s.callId === p.callId)?.state !== p.state) seen.push(p);
  });
  const probe = startProbe(sb, identity(agent), {
    adapter: tapAgentLegs(
      createBlackholeAdapter(),
      () => pop.agent(),
      (ids) => pop.handleAgentLegRinging(ids),
      (ids) => pop.handleAgentLegAnswered(ids),
    ),
  });
  probes.push(probe);
  probe.service.onCallEvent((event) => pop.handleCallEvent(event));
  await until(() => probe.service.state().kind === 'live');
  return { probe, pop, popStates: (callId) => seen.filter((s) => s.callId === callId).map((s) => s.state) };
}

async function callEnded(p: Probe, callId: string): Promise<CallEvent[]> {
  await until(() => p.eventsFor(callId).some((e) => e.type === 'ended'));
  return p.eventsFor(callId);
}

beforeAll(async () => {
  sb = await startSandbox({ calls: 10 });
  const [a, b] = sb.state.agents;
  const queue = sb.state.queues[0];
  if (!a || !b || !queue) throw new Error('the sandbox needs two agents and a queue');
  first = a;
  second = b;
  queueId = queue.id;
});

afterEach(() => {
  for (const p of probes.splice(0)) p.service.stop();
  for (const p of pops.splice(0)) p.dispose();
});

afterAll(async () => {
  await sb.close();
});

describe('a queue call ringing agents in turn', () => {
  it('is one call answered by the agent who took it: the first agent pop closes, the second stays', async () => {
    const firstApp = await agentApp(first);
    const secondApp = await agentApp(second);
    const call = await placeCall(sb, {
      direction: 'inbound',
      from: '0912345678',
      queue: queueId,
      ringAgents: [first.sipUser, { agent: second.extensions[0] ?? second.sipUser, ringMs: 40 }],
      ringMs: 80,
      talkMs: 150,
      hangupBy: 'caller',
    });
    const [legA, legB1, legB2] = call.legs;
    expect(call.legs).toHaveLength(3);
    expect(legA?.callId).toBe(call.callId);

    for (const app of [firstApp, secondApp]) {
      const events = await callEnded(app.probe, call.callId);
      expect(types(events)).toEqual(['ringing', 'answered', 'ended']);
      // The agent who answered, not the first one rung.
      expect(events[1]?.to.number).toBe(second.extensions[0]);
      // One call: nothing under either agent leg's id.
      expect(app.probe.events.filter((e) => e.callId === legB1?.callId || e.callId === legB2?.callId)).toEqual([]);
    }
    // (It lingers briefly, so whether it was still there to show 'ended' depends on the machine.)
    expect(firstApp.popStates(call.callId).slice(0, 2)).toEqual(['ringing', 'answered-elsewhere']);
    expect(secondApp.popStates(call.callId)).toEqual(['ringing', 'answered-here', 'ended']);

    const record = await until(() => sb.state.history.findByCallId(call.callId));
    expect(record).toMatchObject({ status_detail: 'SUCCESS', callee: { number: second.sipUser } });
    expect(record.queue_stat[0]).toMatchObject({ status: 'processed', agent_id: second.id });
    expect(record.queue_stat[0]?.misses.map((m) => m.agent_id)).toEqual([first.id]);
  });

  it('rings then ends once when every agent misses it, and lists every agent as a miss', async () => {
    const app = await agentApp(first);
    const call = await placeCall(sb, {
      direction: 'inbound',
      from: '0987654321',
      queue: queueId,
      ringAgents: [first.sipUser, second.sipUser],
      ringMs: 40,
      outcome: 'missed',
    });
    expect(call.legs).toHaveLength(3);
    const events = await callEnded(app.probe, call.callId);
    expect(types(events)).toEqual(['ringing', 'ended']);
    expect(app.popStates(call.callId)).toEqual(['ringing', 'ended']);

    const record = await until(() => sb.state.history.findByCallId(call.callId));
    expect(record).toMatchObject({ status_detail: 'IVR', billing_seconds: 0 });
    expect(record.queue_stat[0]).toMatchObject({ status: 'abandoned', agent_id: null });
    expect(record.queue_stat[0]?.misses.map((m) => m.agent_id)).toEqual([first.id, second.id]);
  });
});
