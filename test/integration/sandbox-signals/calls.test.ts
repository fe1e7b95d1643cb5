import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../sandbox/index';
import {
  SignalClient,
  control,
  eventData,
  isObject,
  issueToken,
  num,
  startTestSandbox,
  type JsonObject,
} from './helpers';

const GREGORIAN_OFFSET = 62_167_219_200;

let sandbox: RunningSandbox;
let client: SignalClient;
const clients: SignalClient[] = [];

async function subscribed(...bindings: string[]): Promise<SignalClient> {
  const c = await SignalClient.connect(sandbox.signalsUrl);
  clients.push(c);
  const token = await issueToken(sandbox);
  for (const [i, binding] of bindings.entries()) {
    const reply = await c.subscribe(sandbox.accountId, binding, i === 0 ? token : undefined);
    expect(reply['status']).toBe('success');
  }
  return c;
}

/** Events of one call (both legs), in arrival order, as [name, leg] pairs. */
function timeline(events: JsonObject[], legA: string, legB: string): string[] {
  return events
    .map((e) => ({ name: String(e['name']), callId: eventData(e)['call_id'] }))
    .filter((e) => e.callId === legA || e.callId === legB)
    .map((e) => `${e.callId === legA ? 'A' : 'B'} ${e.name}`);
}

function eventOf(events: JsonObject[], callId: string, name: string): JsonObject {
  const found = events.find((e) => e['name'] === name && eventData(e)['call_id'] === callId);
  if (!found) throw new Error(`no ${name} for ${callId}`);
  return eventData(found);
}

async function waitForDestroys(c: SignalClient, legs: readonly string[]): Promise<void> {
  for (const leg of legs) {
    await c.waitFor(
      (f) =>
        isObject(f.json) &&
        f.json['name'] === 'CHANNEL_DESTROY' &&
        isObject(f.json['data']) &&
        f.json['data']['call_id'] === leg,
    );
  }
  await c.flush();
}

interface StartedCall {
  callId: string;
  legs: { callId: string; role: string; callDirection: string; otherLegCallId: string; ownerId: string | null }[];
}

async function startCall(body: unknown): Promise<StartedCall> {
  const res = await control(sandbox, 'POST', '/calls', body);
  expect(res.status).toBe(200);
  return res.body as StartedCall;
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  client = await subscribed('call.*.*');
});

afterAll(async () => {
  for (const c of [client, ...clients]) c.close();
  await sandbox.close();
});

describe('an inbound call through a queue', () => {
  it('signals every leg in order and appends one history record with leg A call id', async () => {
    const queue = sandbox.state.queues[0];
    if (!queue) throw new Error('no queue');
    const agent = sandbox.state.agentById(queue.agentIds[0] ?? '');
    if (!agent) throw new Error('no agent');
    const did = sandbox.state.dids[1] ?? '';
    const appended: string[] = [];
    const stop = sandbox.state.history.onAppend((r) => appended.push(r.call_id));
    const before = Date.now();

    const call = await startCall({
      direction: 'inbound',
      from: '0912345678',
      callerName: 'Nguyễn Văn B',
      did,
      queue: queue.name,
      ringMs: 5000,
      talkMs: 30000,
      holdMs: 4000,
      outcome: 'answered',
      hangupBy: 'caller',
      timeScale: 0.01,
    });
    const [a, b] = call.legs;
    if (!a || !b) throw new Error('two legs expected');
    expect(call.callId).toBe(a.callId);
    expect(b.otherLegCallId).toBe(a.callId);
    expect(b.ownerId).toBe(agent.id);
    await waitForDestroys(client, [a.callId, b.callId]);
    stop();

    const events = client.events();
    expect(timeline(events, a.callId, b.callId)).toEqual([
      'A CHANNEL_CREATE',
      'A CHANNEL_ANSWER',
      'B CHANNEL_CREATE',
      'B CHANNEL_ANSWER',
      'A CHANNEL_BRIDGE',
      'B CHANNEL_HOLD',
      'B CHANNEL_UNHOLD',
      'A CHANNEL_DESTROY',
      'B CHANNEL_DESTROY',
    ]);
    const first = events.find((e) => eventData(e)['call_id'] === a.callId);
    expect(first).toMatchObject({
      action: 'event',
      subscribed_key: 'call.*.*',
      name: 'CHANNEL_CREATE',
      subscription_key: `call.${sandbox.accountId}.CHANNEL_CREATE.*`,
      routing_key: `call.${sandbox.accountId}.CHANNEL_CREATE.${a.callId}`,
    });

    const createA = eventOf(events, a.callId, 'CHANNEL_CREATE');
    expect(createA).toMatchObject({
      call_direction: 'inbound',
      caller_id_number: '0912345678',
      caller_id_name: 'Nguyễn Văn B',
      callee_id_number: did,
      request: `${did}@${sandbox.domain}`,
      event_name: 'CHANNEL_CREATE',
      custom_channel_vars: { account_id: sandbox.accountId, queue_id: queue.id },
    });
    const unix = num(createA['timestamp']) - GREGORIAN_OFFSET;
    expect(unix * 1000).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(unix * 1000).toBeLessThanOrEqual(Date.now());

    const createB = eventOf(events, b.callId, 'CHANNEL_CREATE');
    expect(createB).toMatchObject({
      call_direction: 'outbound',
      other_leg_call_id: a.callId,
      callee_id_number: agent.extensions[0],
      custom_channel_vars: {
        account_id: sandbox.accountId,
        owner_id: agent.id,
        username: agent.sipUser,
        authorizing_type: 'device',
        queue_id: queue.id,
      },
    });
    expect(eventOf(events, a.callId, 'CHANNEL_BRIDGE')['other_leg_call_id']).toBe(b.callId);

    const destroyA = eventOf(events, a.callId, 'CHANNEL_DESTROY');
    expect(destroyA).toMatchObject({ hangup_cause: 'NORMAL_CLEARING', hangup_code: 'sip:200' });
    expect(num(destroyA['duration_seconds'])).toBe(39);
    const destroyB = eventOf(events, b.callId, 'CHANNEL_DESTROY');
    expect(num(destroyB['duration_seconds'])).toBe(39);
    expect(num(destroyB['billing_seconds'])).toBe(34);
    expect(num(destroyB['ringing_seconds'])).toBe(5);

    expect(appended).toEqual([a.callId]);
    const record = sandbox.state.history.findByCallId(a.callId);
    expect(record).toMatchObject({
      call_id: a.callId,
      direction: 'to_ab',
      class: 'trunking',
      did_number: did,
      status_detail: 'SUCCESS',
      caller: { number: '0912345678', type: 'realnumber' },
      callee: { number: agent.sipUser, type: 'user', username: agent.username },
      duration_seconds: 39,
      billing_seconds: 34,
    });
    expect(record?.recording).toMatch(/^call_recording_[0-9a-z]+\.wav$/);
    expect(record?.queue_stat).toHaveLength(1);
    expect(record?.queue_stat[0]).toMatchObject({
      queue_id: queue.id,
      status: 'processed',
      agent_id: agent.id,
      wait_time: 5,
      talk_time: 34,
      hung_up_by: 'member',
    });
    expect(record?.unix_timestamp).toBe(unix);
  });

  it('is found through the signed histories endpoint', async () => {
    const call = await startCall({ direction: 'inbound', from: '0281234567', to: 'agent8002', ringMs: 20, talkMs: 20 });
    const legB = call.legs[1]?.callId ?? '';
    await waitForDestroys(client, [call.callId, legB]);
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const hash = createHash('sha256')
      .update(from + to + '100' + '1' + sandbox.appId + sandbox.appSecret)
      .digest('hex');
    const query = new URLSearchParams({
      appId: sandbox.appId,
      created_from: from,
      created_to: to,
      limit: '100',
      page: '1',
      hash,
    });
    const res = await fetch(`${sandbox.apiUrl}/oapi/v1/call/histories?${query.toString()}`);
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain(call.callId);
  });

  it('a missed queue call ends as IVR with an abandoned queue statistic', async () => {
    const queue = sandbox.state.queues[1];
    if (!queue) throw new Error('no queue');
    const call = await startCall({
      direction: 'inbound',
      from: '0987654321',
      queue: queue.id,
      ringMs: 50,
      outcome: 'no-answer',
    });
    const [a, b] = call.legs;
    if (!a || !b) throw new Error('two legs expected');
    await waitForDestroys(client, [a.callId, b.callId]);
    const events = client.events();
    expect(timeline(events, a.callId, b.callId)).toEqual([
      'A CHANNEL_CREATE',
      'A CHANNEL_ANSWER',
      'B CHANNEL_CREATE',
      'B CHANNEL_DESTROY',
      'A CHANNEL_DESTROY',
    ]);
    expect(eventOf(events, b.callId, 'CHANNEL_DESTROY')).toMatchObject({
      hangup_cause: 'NO_ANSWER',
      hangup_code: 'sip:480',
    });
    const record = sandbox.state.history.findByCallId(a.callId);
    expect(record).toMatchObject({ status_detail: 'IVR', billing_seconds: 0, recording: '' });
    expect(record?.queue_stat[0]).toMatchObject({
      status: 'abandoned',
      end_call_reason: 'member_timeout',
      agent_id: null,
    });
  });

  it('a call the caller abandons while ringing ends as CANCELLED', async () => {
    const call = await startCall({
      direction: 'inbound',
      from: '0911111111',
      to: '8003',
      ringMs: 40,
      outcome: 'cancelled',
    });
    const [a, b] = call.legs;
    if (!a || !b) throw new Error('two legs expected');
    await waitForDestroys(client, [a.callId, b.callId]);
    expect(timeline(client.events(), a.callId, b.callId)).toEqual([
      'A CHANNEL_CREATE',
      'B CHANNEL_CREATE',
      'A CHANNEL_DESTROY',
      'B CHANNEL_DESTROY',
    ]);
    expect(eventOf(client.events(), b.callId, 'CHANNEL_DESTROY')).toMatchObject({
      hangup_cause: 'ORIGINATOR_CANCEL',
      hangup_code: 'sip:487',
    });
    expect(sandbox.state.history.findByCallId(a.callId)).toMatchObject({
      status_detail: 'CANCELLED',
      billing_seconds: 0,
      queue_stat: [],
    });
  });
});

describe('internal and outbound calls', () => {
  it('an internal call signals both agents devices and is recorded one_one', async () => {
    const [from, to] = sandbox.state.agents;
    if (!from || !to) throw new Error('agents');
    const handle = sandbox.signals.startCall({
      direction: 'internal',
      from: from.username,
      to: to.extensions[0] ?? '',
      ringMs: 30,
      talkMs: 60,
      hangupBy: 'callee',
    });
    const [a, b] = handle.legs;
    if (!a || !b) throw new Error('two legs expected');
    const end = await handle.ended;
    await waitForDestroys(client, [a.callId, b.callId]);
    expect(timeline(client.events(), a.callId, b.callId)).toEqual([
      'A CHANNEL_CREATE',
      'B CHANNEL_CREATE',
      'B CHANNEL_ANSWER',
      'A CHANNEL_ANSWER',
      'A CHANNEL_BRIDGE',
      'B CHANNEL_DESTROY',
      'A CHANNEL_DESTROY',
    ]);
    expect(eventOf(client.events(), a.callId, 'CHANNEL_CREATE')).toMatchObject({
      call_direction: 'inbound',
      caller_id_number: from.extensions[0],
      callee_id_number: to.extensions[0],
      custom_channel_vars: { owner_id: from.id, username: from.sipUser },
    });
    expect(eventOf(client.events(), b.callId, 'CHANNEL_CREATE')).toMatchObject({
      call_direction: 'outbound',
      custom_channel_vars: { owner_id: to.id },
    });
    expect(end.status).toBe('completed');
    expect(end.status === 'completed' ? end.record : undefined).toMatchObject({
      call_id: a.callId,
      class: 'one_one',
      direction: 'from_ab',
      did_number: null,
      status_detail: 'SUCCESS',
      caller: { type: 'user', username: from.username },
      callee: { type: 'user', username: to.username },
    });
  });

  it('a busy outbound call ends as BUSY', async () => {
    const agent = sandbox.state.agents[2];
    if (!agent) throw new Error('agent');
    const call = await startCall({
      direction: 'outbound',
      from: agent.sipUser,
      to: '0909123456',
      ringMs: 100,
      outcome: 'busy',
    });
    const [a, b] = call.legs;
    if (!a || !b) throw new Error('two legs expected');
    expect(a.ownerId).toBe(agent.id);
    await waitForDestroys(client, [a.callId, b.callId]);
    expect(timeline(client.events(), a.callId, b.callId)).toEqual([
      'A CHANNEL_CREATE',
      'B CHANNEL_CREATE',
      'B CHANNEL_DESTROY',
      'A CHANNEL_DESTROY',
    ]);
    expect(eventOf(client.events(), b.callId, 'CHANNEL_CREATE')).toMatchObject({
      call_direction: 'outbound',
      callee_id_number: '0909123456',
      other_leg_call_id: a.callId,
    });
    expect(eventOf(client.events(), a.callId, 'CHANNEL_DESTROY')).toMatchObject({
      hangup_cause: 'USER_BUSY',
      hangup_code: 'sip:486',
    });
    expect(sandbox.state.history.findByCallId(a.callId)).toMatchObject({
      class: 'trunking',
      direction: 'from_ab',
      did_number: null,
      status_detail: 'BUSY',
      callee: { number: '0909123456', type: 'realnumber' },
    });
  });

  it('lists running calls', async () => {
    const handle = sandbox.signals.startCall({
      direction: 'outbound',
      from: '8004',
      to: '0911222333',
      ringMs: 100_000,
      talkMs: 1000,
    });
    const listed = await control(sandbox, 'GET', '/calls');
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).toContain(handle.callId);
    expect(sandbox.signals.simulator.abort(handle.callId)).toBe(true);
    expect(sandbox.signals.activeCalls.some((c) => c.callId === handle.callId)).toBe(false);
    expect(await handle.ended).toEqual({ status: 'aborted' });
  });
});

describe('click-to-call', () => {
  it('plays out the placed call from the agent to the number', async () => {
    const agent = sandbox.state.agents[3];
    if (!agent) throw new Error('agent');
    const hash = createHash('sha256')
      .update(sandbox.appId + sandbox.appSecret)
      .digest('hex');
    const res = await fetch(`${sandbox.apiUrl}/oapi/v1/call/click-to-call/0903111222`, {
      method: 'POST',
      headers: { 'x-auth-app-id': sandbox.appId, 'x-auth-app-hash': hash, 'content-type': 'application/json' },
      body: JSON.stringify({ sipUser: agent.sipUser, sipPassword: agent.sipPassword }),
    });
    expect(res.status).toBe(200);
    const created = await client.waitFor(
      (f) => isObject(f.json) && isObject(f.json['data']) && f.json['data']['callee_id_number'] === '0903111222',
    );
    expect(created.json).toMatchObject({
      name: 'CHANNEL_CREATE',
      data: { call_direction: 'inbound', custom_channel_vars: { owner_id: agent.id } },
    });
    const callId = String(
      isObject(created.json) && isObject(created.json['data']) ? created.json['data']['call_id'] : '',
    );
    expect(sandbox.signals.simulator.abort(callId)).toBe(true);
  });
});

describe('bindings', () => {
  it('delivers only matching events, once per matching binding', async () => {
    const creates = await subscribed('call.CHANNEL_CREATE.*', 'call.*.*');
    const call = await startCall({ direction: 'inbound', from: '0977000111', to: '8005', ringMs: 10, talkMs: 10 });
    const [a, b] = call.legs;
    if (!a || !b) throw new Error('two legs expected');
    await waitForDestroys(creates, [a.callId, b.callId]);
    const mine = creates.events().filter((e) => eventData(e)['call_id'] === a.callId);
    const createFrames = mine.filter((e) => e['name'] === 'CHANNEL_CREATE');
    expect(createFrames.map((e) => e['subscribed_key']).sort()).toEqual(['call.*.*', 'call.CHANNEL_CREATE.*']);
    expect(createFrames.map((e) => e['subscription_key'])).toEqual([
      `call.${sandbox.accountId}.CHANNEL_CREATE.*`,
      `call.${sandbox.accountId}.CHANNEL_CREATE.*`,
    ]);
    expect(mine.filter((e) => e['name'] !== 'CHANNEL_CREATE').every((e) => e['subscribed_key'] === 'call.*.*')).toBe(
      true,
    );
  });

  it('a call-id binding receives that leg only', async () => {
    const callId = `sandbox-test-${Date.now()}`;
    const one = await subscribed(`call.*.${callId}`);
    const destroys = await subscribed('call.CHANNEL_DESTROY.*');
    const handle = sandbox.signals.startCall({
      callId,
      direction: 'inbound',
      from: '0977000222',
      to: '8006',
      ringMs: 20,
      talkMs: 10,
      hangupBy: 'callee',
    });
    const [a, b] = handle.legs;
    if (!a || !b) throw new Error('two legs expected');
    expect(a.callId).toBe(callId);
    await handle.ended;
    await waitForDestroys(destroys, [a.callId, b.callId]);
    await one.flush();
    const names = one.events().map((e) => `${String(eventData(e)['call_id'])} ${String(e['name'])}`);
    expect(names).toEqual([
      `${a.callId} CHANNEL_CREATE`,
      `${a.callId} CHANNEL_ANSWER`,
      `${a.callId} CHANNEL_BRIDGE`,
      `${a.callId} CHANNEL_DESTROY`,
    ]);
    expect(one.events()[1]?.['subscription_key']).toBe(`call.${sandbox.accountId}.CHANNEL_ANSWER.${a.callId}`);
    expect(destroys.events().every((e) => e['name'] === 'CHANNEL_DESTROY')).toBe(true);
    const reused = await control(sandbox, 'POST', '/calls', {
      callId,
      direction: 'inbound',
      from: '0977000222',
      to: '8006',
    });
    expect(reused).toMatchObject({ status: 400, body: { message: `Call id already used: ${callId}` } });
  });
});

describe('a queue ringing agents in turn', () => {
  it('opens a B leg per agent, times out all but the last, and records the misses', async () => {
    const queue = sandbox.state.queues[0];
    const [first, second, third] = sandbox.state.agents;
    if (!queue || !first || !second || !third) throw new Error('a queue and three agents expected');
    const call = await startCall({
      direction: 'inbound',
      from: '0912000111',
      queue: queue.id,
      ringAgents: [first.sipUser, { agent: second.id, ringMs: 3000 }, third.extensions[0]],
      ringMs: 5000,
      talkMs: 20000,
      hangupBy: 'callee',
      timeScale: 0.01,
    });
    const [a, b1, b2, b3] = call.legs;
    if (!a || !b1 || !b2 || !b3) throw new Error('four legs expected');
    expect(call.legs.map((l) => l.ownerId)).toEqual([null, first.id, second.id, third.id]);
    expect(call.legs.slice(1).every((l) => l.role === 'callee' && l.otherLegCallId === a.callId)).toBe(true);
    await waitForDestroys(client, [a.callId, b1.callId, b2.callId, b3.callId]);

    const events = client.events();
    const legName = new Map([
      [a.callId, 'A'],
      [b1.callId, 'B1'],
      [b2.callId, 'B2'],
      [b3.callId, 'B3'],
    ]);
    const order = events
      .map((e) => ({ leg: legName.get(String(eventData(e)['call_id'])), name: String(e['name']) }))
      .filter((e) => e.leg !== undefined)
      .map((e) => `${e.leg} ${e.name}`);
    expect(order).toEqual([
      'A CHANNEL_CREATE',
      'A CHANNEL_ANSWER',
      'B1 CHANNEL_CREATE',
      'B1 CHANNEL_DESTROY',
      'B2 CHANNEL_CREATE',
      'B2 CHANNEL_DESTROY',
      'B3 CHANNEL_CREATE',
      'B3 CHANNEL_ANSWER',
      'A CHANNEL_BRIDGE',
      'B3 CHANNEL_DESTROY',
      'A CHANNEL_DESTROY',
    ]);
    for (const [leg, ringing] of [
      [b1, 5],
      [b2, 3],
    ] as const) {
      const destroy = eventOf(events, leg.callId, 'CHANNEL_DESTROY');
      expect(destroy).toMatchObject({ hangup_cause: 'NO_ANSWER', hangup_code: 'sip:480', disposition: 'NO_ANSWER' });
      expect(num(destroy['ringing_seconds'])).toBe(ringing);
      expect(num(destroy['billing_seconds'])).toBe(0);
    }
    expect(eventOf(events, b2.callId, 'CHANNEL_CREATE')).toMatchObject({
      other_leg_call_id: a.callId,
      callee_id_number: second.extensions[0],
      custom_channel_vars: { owner_id: second.id, queue_id: queue.id },
    });
    expect(eventOf(events, a.callId, 'CHANNEL_BRIDGE')['other_leg_call_id']).toBe(b3.callId);
    expect(num(eventOf(events, b3.callId, 'CHANNEL_DESTROY')['billing_seconds'])).toBe(20);

    const record = sandbox.state.history.findByCallId(a.callId);
    if (!record) throw new Error('no history record');
    expect(record).toMatchObject({
      status_detail: 'SUCCESS',
      callee: { number: third.sipUser, type: 'user', username: third.username },
      duration_seconds: 33,
      billing_seconds: 20,
    });
    expect(record.queue_stat[0]).toMatchObject({ status: 'processed', agent_id: third.id, wait_time: 13 });
    expect(record.queue_stat[0]?.misses).toEqual([
      { agent_id: first.id, miss_reason: 'no_answer', miss_timestamp: record.unix_timestamp + 5 },
      { agent_id: second.id, miss_reason: 'no_answer', miss_timestamp: record.unix_timestamp + 8 },
    ]);
  });

  it('refuses ringAgents without a queue, with "to", or for a busy call', async () => {
    const base = { direction: 'inbound', from: '0912000222', ringAgents: ['8001', '8002'] };
    const queue = sandbox.state.queues[0]?.id;
    expect(await control(sandbox, 'POST', '/calls', base)).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('"queue"') },
    });
    expect(await control(sandbox, 'POST', '/calls', { ...base, queue, to: '8001' })).toMatchObject({
      status: 400,
      body: { message: 'Give "to" or "ringAgents", not both' },
    });
    expect(await control(sandbox, 'POST', '/calls', { ...base, queue, outcome: 'busy' })).toMatchObject({
      status: 400,
    });
    expect(await control(sandbox, 'POST', '/calls', { ...base, queue, ringAgents: [] })).toMatchObject({
      status: 400,
    });
    expect(await control(sandbox, 'POST', '/calls', { ...base, queue, ringAgents: ['8001', 'nobody'] })).toMatchObject({
      status: 400,
      body: { message: 'Unknown agent: nobody' },
    });
  });
});

describe('the call control endpoint', () => {
  it('answers 400 with a message for a bad body', async () => {
    const bad = await control(sandbox, 'POST', '/calls', { direction: 'sideways', from: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ message: expect.stringContaining('direction') });
    const unknown = await control(sandbox, 'POST', '/calls', { direction: 'internal', from: 'nobody', to: '8001' });
    expect(unknown).toMatchObject({ status: 400, body: { message: 'Unknown agent: nobody' } });
    const notJson = await control(sandbox, 'POST', '/calls', '{nope');
    expect(notJson.status).toBe(400);
  });
});
