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
