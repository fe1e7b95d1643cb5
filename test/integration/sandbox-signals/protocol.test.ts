import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningSandbox } from '../../../sandbox/index';
import { SignalClient, control, isObject, issueToken, startTestSandbox } from './helpers';

let sandbox: RunningSandbox;
const clients: SignalClient[] = [];

async function connect(path = '/'): Promise<SignalClient> {
  const client = await SignalClient.connect(sandbox.signalsUrl.replace(/\/$/, path));
  clients.push(client);
  return client;
}

function errorsOf(reply: Record<string, unknown>): unknown {
  expect(reply['status']).toBe('error');
  const data = reply['data'];
  return isObject(data) ? data['errors'] : undefined;
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  for (const client of clients) client.close();
  await sandbox.close();
});

describe('start line', () => {
  it('advertises the signals url and the account id', () => {
    const line = sandbox.startLine();
    expect(line.signalsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/);
    expect(line.signalsUrl).toBe(`${sandbox.apiUrl.replace('http://', 'ws://')}/`);
    expect(line.accountId).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('authentication', () => {
  it('requires a token on the first message and keeps the socket open after the error', async () => {
    const client = await connect();
    const reply = await client.request('subscribe', { account_id: sandbox.accountId, binding: 'call.*.*' });
    expect(errorsOf(reply)).toEqual(['authentication token required']);
    const token = await issueToken(sandbox);
    const ok = await client.subscribe(sandbox.accountId, 'call.*.*', token);
    expect(ok).toMatchObject({ action: 'reply', status: 'success', data: { subscribed: ['call.*.*'] } });
  });

  it('refuses an unknown token, echoing it', async () => {
    const client = await connect();
    const reply = await client.request('ping', {}, 'not-a-real-token');
    expect(errorsOf(reply)).toEqual(['failed to authenticate token not-a-real-token']);
    // Still unauthenticated: a later message without a token is refused too.
    expect(errorsOf(await client.request('ping'))).toEqual(['authentication token required']);
  });

  it('keeps an authenticated socket when its token expires, but refuses the token on a new socket', async () => {
    const token = await issueToken(sandbox);
    const client = await connect();
    expect((await client.subscribe(sandbox.accountId, 'call.CHANNEL_CREATE.*', token))['status']).toBe('success');
    const expired = await control(sandbox, 'POST', '/tokens/expire');
    expect(expired.status).toBe(200);

    expect(await client.request('ping')).toMatchObject({ status: 'success', data: { response: 'pong' } });
    expect((await client.subscribe(sandbox.accountId, 'call.CHANNEL_DESTROY.*'))['status']).toBe('success');
    // Sending the now-expired token again is checked again, and fails (the socket stays).
    expect(errorsOf(await client.request('ping', {}, token))).toEqual([`failed to authenticate token ${token}`]);

    const fresh = await connect();
    expect(errorsOf(await fresh.subscribe(sandbox.accountId, 'call.*.*', token))).toEqual([
      `failed to authenticate token ${token}`,
    ]);
    const newToken = await issueToken(sandbox);
    expect((await fresh.subscribe(sandbox.accountId, 'call.*.*', newToken))['status']).toBe('success');
  });
});

describe('subscribe and unsubscribe', () => {
  let client: SignalClient;
  beforeAll(async () => {
    client = await connect('/any/path/works');
    expect((await client.request('ping', {}, await issueToken(sandbox)))['status']).toBe('success');
  });

  it('lists the session bindings, without duplicates', async () => {
    expect(await client.subscribe(sandbox.accountId, 'call.CHANNEL_CREATE.*')).toMatchObject({
      status: 'success',
      data: { subscribed: ['call.CHANNEL_CREATE.*'] },
    });
    expect(await client.subscribe(sandbox.accountId, 'call.*.abc-123')).toMatchObject({
      data: { subscribed: ['call.CHANNEL_CREATE.*', 'call.*.abc-123'] },
    });
    expect(await client.subscribe(sandbox.accountId, 'call.CHANNEL_CREATE.*')).toMatchObject({
      data: { subscribed: ['call.CHANNEL_CREATE.*', 'call.*.abc-123'] },
    });
    const reply = await client.request('unsubscribe', { account_id: sandbox.accountId, binding: 'call.*.abc-123' });
    expect(reply).toMatchObject({
      status: 'success',
      data: { unsubscribed: ['call.*.abc-123'], subscribed: ['call.CHANNEL_CREATE.*'] },
    });
  });

  it('answers Blackhole errors and keeps the socket open', async () => {
    expect(errorsOf(await client.request('subscribe', { account_id: sandbox.accountId }))).toEqual([
      'missing required keys : binding',
    ]);
    expect(errorsOf(await client.request('subscribe', { binding: 'call.*.*' }))).toEqual([
      'missing required keys : account_id',
    ]);
    expect(errorsOf(await client.request('subscribe', {}))).toEqual(['missing required keys in data object']);
    expect(errorsOf(await client.subscribe('0123456789abcdef0123456789abcdef', 'call.*.*'))).toEqual([
      'unauthorized account id',
    ]);
    expect(errorsOf(await client.subscribe(sandbox.accountId, 'acdc_stats.status.*'))).toEqual([
      'no available subscriptions to requested binding',
    ]);
    expect(errorsOf(await client.subscribe(sandbox.accountId, 'call.CHANNEL_EXPLODE.*'))).toEqual([
      'event CHANNEL_EXPLODE not supported',
    ]);
    expect(errorsOf(await client.subscribe(sandbox.accountId, 'call.*'))).toEqual([
      'invalid format for call subscription : *',
    ]);
    expect(await client.request('ping')).toMatchObject({ status: 'success' });
    expect(client.ws.readyState).toBe(client.ws.OPEN);
  });
});

describe('keepalive and transport', () => {
  it('answers the ping action and ws-level pings', async () => {
    const client = await connect();
    const reply = await client.request('ping', {}, await issueToken(sandbox));
    expect(reply).toEqual({ action: 'reply', request_id: 'req-1', status: 'success', data: { response: 'pong' } });
    const pong = new Promise<string>((resolve) => client.ws.once('pong', (data) => resolve(data.toString())));
    client.ws.ping('are-you-there');
    expect(await pong).toBe('are-you-there');
  });

  it('ignores frames it cannot decode, and keeps the socket', async () => {
    const client = await connect();
    client.ws.send('this is { not json');
    client.ws.send(Buffer.from([1, 2, 3]));
    client.ws.send('[1,2]');
    expect(await client.request('ping', {}, await issueToken(sandbox))).toMatchObject({ status: 'success' });
    expect(client.frames).toHaveLength(1);
  });

  it('leaves the REST and control paths alone and refuses subprotocols like Blackhole', async () => {
    const base = sandbox.signalsUrl.replace(/\/$/, '');
    expect(await SignalClient.refusal(`${base}/oapi/v1/voice/auth_token`)).toBe(404);
    expect(await SignalClient.refusal(`${base}/__sandbox`)).toBe(404);
    const withProtocol = await new Promise<number>((resolve) => {
      const ws = new WebSocket(sandbox.signalsUrl, ['blackhole']);
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.once('error', () => undefined);
    });
    expect(withProtocol).toBe(400);
  });
});

describe('idle timeout', () => {
  let idle: RunningSandbox;
  afterAll(async () => {
    await idle.close();
  });

  it('closes a socket that sends nothing', async () => {
    idle = await startTestSandbox({ signals: { idleTimeoutMs: 150 } });
    const client = await SignalClient.connect(idle.signalsUrl);
    clients.push(client);
    expect(await client.request('ping', {}, await issueToken(idle))).toMatchObject({ status: 'success' });
    const closed = await client.closed;
    expect(closed.code).toBe(1000);
    expect(idle.signals.connections).toBe(0);
  });
});
