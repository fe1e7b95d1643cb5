import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../sandbox/index';
import { MALFORMED_FRAMES } from '../../../sandbox/signals/index';
import { SignalClient, control, isObject, issueToken, startTestSandbox } from './helpers';

let sandbox: RunningSandbox;
const clients: SignalClient[] = [];

async function authenticated(): Promise<SignalClient> {
  const client = await SignalClient.connect(sandbox.signalsUrl);
  clients.push(client);
  expect((await client.subscribe(sandbox.accountId, 'call.*.*', await issueToken(sandbox)))['status']).toBe('success');
  return client;
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  for (const client of clients) client.close();
  await sandbox.close();
});

describe('dropping sockets', () => {
  it('terminates every socket without a close frame', async () => {
    const first = await authenticated();
    const second = await authenticated();
    expect(sandbox.signals.connections).toBe(2);
    const res = await control(sandbox, 'POST', '/signals/drop');
    expect(res).toEqual({ status: 200, body: { dropped: 2 } });
    // 1006: the connection closed without a close frame.
    expect(await first.closed).toEqual({ code: 1006 });
    expect(await second.closed).toEqual({ code: 1006 });
    expect(sandbox.signals.connections).toBe(0);
    // New connections are still welcome.
    const again = await authenticated();
    expect(await again.request('ping')).toMatchObject({ status: 'success' });
    again.close();
    await again.closed;
  });
});

describe('stopping and starting the signals server', () => {
  it('drops sockets and refuses new ones until started again', async () => {
    const client = await authenticated();
    const stopped = await control(sandbox, 'POST', '/signals/stop');
    expect(stopped).toEqual({ status: 200, body: { dropped: 1, accepting: false } });
    expect(await client.closed).toEqual({ code: 1006 });
    expect(await SignalClient.refusal(sandbox.signalsUrl)).toBe(503);
    expect(await control(sandbox, 'GET', '/signals')).toMatchObject({
      status: 200,
      body: { accepting: false, connections: 0 },
    });
    // The REST side keeps working meanwhile.
    expect(await issueToken(sandbox)).toMatch(/^[0-9a-f]+$/);

    expect(await control(sandbox, 'POST', '/signals/start')).toEqual({ status: 200, body: { accepting: true } });
    const back = await authenticated();
    expect(await back.request('ping')).toMatchObject({ status: 'success', data: { response: 'pong' } });
    back.close();
    await back.closed;
  });

  it('offers the same operations in-process', async () => {
    const client = await authenticated();
    expect(sandbox.signals.stop()).toBe(1);
    expect(sandbox.signals.accepting).toBe(false);
    await client.closed;
    expect(await SignalClient.refusal(sandbox.signalsUrl)).toBe(503);
    sandbox.signals.start();
    const back = await authenticated();
    expect(sandbox.signals.connections).toBe(1);
    expect(sandbox.signals.dropAll()).toBe(1);
    expect(await back.closed).toEqual({ code: 1006 });
  });
});

describe('malformed frames', () => {
  it('sends every advertised kind to every socket, which stays open', async () => {
    const client = await authenticated();
    const unauthenticated = await SignalClient.connect(sandbox.signalsUrl);
    clients.push(unauthenticated);
    const before = client.frames.length;
    const res = await control(sandbox, 'POST', '/signals/malformed', { count: 2 });
    const kinds = MALFORMED_FRAMES.map((f) => f.kind);
    expect(res).toEqual({ status: 200, body: { sent: 2 * 2 * kinds.length, kinds } });

    await client.flush();
    // Everything after the subscribe reply and before the ping's reply.
    const received = client.frames.slice(before, -1);
    expect(received).toHaveLength(2 * kinds.length);
    const once = received.slice(0, kinds.length);
    expect(once[0]).toMatchObject({ binary: false, json: undefined });
    expect(Array.isArray(once[1]?.json)).toBe(true);
    expect(once[2]?.json).toMatchObject({ action: 'surprise' });
    expect(once[3]?.json).toMatchObject({ action: 'event', name: 'CHANNEL_CREATE' });
    expect(isObject(once[3]?.json) && 'data' in once[3].json).toBe(false);
    expect(once[4]?.json).toMatchObject({ action: 'event', data: '31' });
    expect(once[5]?.binary).toBe(true);
    expect(received.slice(kinds.length).map((f) => f.binary)).toEqual(once.map((f) => f.binary));

    await unauthenticated.waitFor((f) => f.binary);
    expect(unauthenticated.frames).toHaveLength(2 * kinds.length);
    expect(await client.request('ping')).toMatchObject({ status: 'success' });
  });

  it('rejects a bad count', async () => {
    expect(await control(sandbox, 'POST', '/signals/malformed', { count: 0 })).toMatchObject({ status: 400 });
  });
});

describe('freezing sockets', () => {
  async function eventually(check: () => boolean): Promise<void> {
    while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  it('silences the open sockets without closing them until unfrozen; new sockets are not frozen', async () => {
    const frozen = await authenticated();
    let pongs = 0;
    frozen.ws.on('pong', () => pongs++);
    const open = sandbox.signals.connections;
    expect(await control(sandbox, 'POST', '/signals/freeze')).toEqual({ status: 200, body: { frozen: open } });
    expect(sandbox.signals.server.frozenConnections).toBe(open);

    const ignored = sandbox.signals.server.ignoredWhileFrozen;
    frozen.ws.ping();
    frozen.ws.send(JSON.stringify({ action: 'ping', request_id: 'while-frozen' }));
    // Both reached the server, which ignored them.
    await eventually(() => sandbox.signals.server.ignoredWhileFrozen >= ignored + 2);
    const [from, to] = sandbox.state.agents;
    if (!from || !to) throw new Error('two agents expected');
    const call = sandbox.signals.startCall({ direction: 'internal', from: from.id, to: to.id, ringMs: 5, talkMs: 5 });
    await call.ended;

    // A socket opened now is not frozen.
    const fresh = await authenticated();
    expect(await fresh.request('ping')).toMatchObject({ status: 'success', data: { response: 'pong' } });
    expect(frozen.ws.readyState).toBe(frozen.ws.OPEN);

    expect(await control(sandbox, 'GET', '/signals')).toMatchObject({ status: 200, body: { frozen: open } });
    expect(sandbox.signals.unfreeze()).toBe(open);
    // A round trip: everything the server sent this socket before the reply has arrived.
    expect(await frozen.request('ping')).toMatchObject({ status: 'success' });
    expect(pongs).toBe(0);
    expect(frozen.frames.some((f) => isObject(f.json) && f.json['request_id'] === 'while-frozen')).toBe(false);
    expect(frozen.events().some((e) => isObject(e['data']) && e['data']['call_id'] === call.callId)).toBe(false);
    // ws pings are answered again.
    await new Promise<void>((resolve) => {
      frozen.ws.once('pong', () => resolve());
      frozen.ws.ping();
    });
    expect(pongs).toBe(1);
    expect(await control(sandbox, 'POST', '/signals/unfreeze')).toEqual({ status: 200, body: { unfrozen: 0 } });
  });
});
