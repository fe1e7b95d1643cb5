import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { authHeaders, getJson } from './client';

/** A SIP phone in a few lines: REGISTER over a WebSocket with the `sip` subprotocol. */
async function registerOverWebSocket(
  wsUrl: string,
  sipUser: string,
  domain: string,
): Promise<{ status: string; socket: WebSocket }> {
  const socket = new WebSocket(wsUrl, 'sip');
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const branch = `z9hG4bK${randomBytes(6).toString('hex')}`;
  const message = [
    `REGISTER sip:${domain} SIP/2.0`,
    `Via: SIP/2.0/WS ${randomBytes(4).toString('hex')}.invalid;branch=${branch}`,
    'Max-Forwards: 70',
    `To: <sip:${sipUser}@${domain}>`,
    `From: <sip:${sipUser}@${domain}>;tag=${randomBytes(4).toString('hex')}`,
    `Call-ID: ${randomBytes(8).toString('hex')}`,
    'CSeq: 1 REGISTER',
    `Contact: <sip:${randomBytes(4).toString('hex')}@${randomBytes(4).toString('hex')}.invalid;transport=ws>;expires=600`,
    'Expires: 600',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  const reply = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
  socket.send(message);
  const status = (await reply).split('\r\n')[0] ?? '';
  return { status, socket };
}

let sb: RunningSandbox;

beforeAll(async () => {
  sb = await startSandbox({ calls: 20, kamailio: true });
});
afterAll(async () => {
  await sb?.close();
});

describe('SIP through a real Kamailio', () => {
  it('publishes the SIP WebSocket URL and domain in the start line', () => {
    expect(sb.startLine()).toMatchObject({
      sipWsUrl: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+$/),
      sipDomain: sb.domain,
    });
  });

  it('click-to-call answers 200 for a registered device and 400 for an unregistered one', async () => {
    const [registered, unregistered] = sb.state.agents;
    if (!registered || !unregistered) throw new Error('seed has no agents');
    const call = (agent: typeof registered) =>
      getJson(`${sb.apiUrl}/oapi/v1/call/click-to-call/0912345678`, {
        method: 'POST',
        headers: authHeaders(sb),
        body: JSON.stringify({ sipUser: agent.sipUser, sipPassword: agent.sipPassword }),
      });

    expect((await call(registered)).status).toBe(400);
    const phone = await registerOverWebSocket(sb.sipWsUrl ?? '', registered.sipUser, sb.sipDomain ?? '');
    try {
      expect(phone.status).toBe('SIP/2.0 200 OK');
      expect(await sb.state.devices.isRegistered(registered.sipUser)).toBe(true);
      expect((await call(registered)).status).toBe(200);
      expect(await call(unregistered)).toMatchObject({
        status: 400,
        body: { message: `Device offline: ${unregistered.sipUser} is not registered` },
      });
      // Kamailio does not check passwords here: the sandbox still does.
      const wrong = await getJson(`${sb.apiUrl}/oapi/v1/call/click-to-call/0912345678`, {
        method: 'POST',
        headers: authHeaders(sb),
        body: JSON.stringify({ sipUser: registered.sipUser, sipPassword: 'not-it' }),
      });
      expect(wrong.status).toBe(400);
    } finally {
      phone.socket.close();
    }
  });

  it('stops Kamailio by its pid on close', async () => {
    const other = await startSandbox({ calls: 0, kamailio: true });
    const pid = other.kamailio?.pid ?? -1;
    expect(pid).toBeGreaterThan(0);
    expect(() => process.kill(pid, 0)).not.toThrow();
    await other.close();
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('fails with a clear error when Kamailio is not installed', async () => {
    await expect(startSandbox({ calls: 0, kamailio: { binary: '/nonexistent/kamailio' } })).rejects.toThrow(
      /Kamailio is not available: \/nonexistent\/kamailio not found/,
    );
  });
});
