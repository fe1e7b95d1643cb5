import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import type { NodePhone } from '../../../sandbox/telephony/node-phone';
import { agentAt, control, devicePhone, platformCall, setPlatform } from './harness';

/** Kamailio test controls: restart (registrations lost, phones come back) and freeze/unfreeze. */

let sandbox: RunningSandbox;
let device: NodePhone;

beforeAll(async () => {
  sandbox = await startSandbox({ calls: 0, kamailio: true });
  device = await devicePhone(sandbox, agentAt(sandbox, 0).sipUser);
  await setPlatform(sandbox, { answerDelayMs: 100 });
}, 60_000);

afterAll(async () => {
  await device?.stop();
  await sandbox?.close();
});

/** A one-shot REGISTER over a raw WebSocket: a phone that never registers again by itself. */
async function registerOnce(wsUrl: string, user: string, domain: string): Promise<WebSocket> {
  const socket = new WebSocket(wsUrl, 'sip');
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const tag = randomBytes(4).toString('hex');
  const reply = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
  socket.send(
    [
      `REGISTER sip:${domain} SIP/2.0`,
      `Via: SIP/2.0/WS ${tag}.invalid;branch=z9hG4bK${randomBytes(6).toString('hex')}`,
      'Max-Forwards: 70',
      `To: <sip:${user}@${domain}>`,
      `From: <sip:${user}@${domain}>;tag=${tag}`,
      `Call-ID: ${randomBytes(8).toString('hex')}`,
      'CSeq: 1 REGISTER',
      `Contact: <sip:${tag}@${tag}.invalid;transport=ws>;expires=600`,
      'Expires: 600',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n'),
  );
  expect((await reply).split('\r\n')[0]).toBe('SIP/2.0 200 OK');
  socket.on('error', () => undefined);
  return socket;
}

/** States (R, S, T...) of every process in Kamailio's process group, from /proc. */
function groupStates(pgid: number): string[] {
  const states: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp ...: comm may hold spaces, so split after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) states.push(fields[0] ?? '?');
    } catch {
      // The process ended while we looked.
    }
  }
  return states;
}

describe('Kamailio controls', () => {
  it('restart: same address, registrations are lost, the platform and the device register again and calls work', async () => {
    const kamailio = sandbox.kamailio;
    if (!kamailio) throw new Error('no Kamailio');
    const oneShot = await registerOnce(kamailio.wsUrl, agentAt(sandbox, 5).sipUser, kamailio.sipDomain);
    expect(await kamailio.isRegistered(agentAt(sandbox, 5).sipUser)).toBe(true);
    const before = kamailio.pid;

    const answer = await control(sandbox, 'POST', '/kamailio/restart');
    expect(answer).toMatchObject({ status: 200, body: { restarted: true } });
    expect((answer.body as { pid: number }).pid).not.toBe(before);
    expect(() => process.kill(before, 0)).toThrow();
    expect(await kamailio.isRegistered(agentAt(sandbox, 5).sipUser)).toBe(false);
    oneShot.terminate();

    await expect.poll(() => kamailio.isRegistered('platform'), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => kamailio.isRegistered(device.user), { timeout: 20_000 }).toBe(true);
    await expect
      .poll(async () => (await control(sandbox, 'GET', '/platform')).body, { timeout: 10_000 })
      .toMatchObject({ running: true, registered: true });

    const out = device.call('0909000111');
    await out.answeredPromise;
    expect(await platformCall(sandbox, out.sipCallId)).toMatchObject({ purpose: 'outgoing', state: 'active' });
    out.hangup();
    await out.ended;
  }, 60_000);

  it('freeze stops every Kamailio process until unfreeze; a call placed meanwhile goes through afterwards', async () => {
    const kamailio = sandbox.kamailio;
    if (!kamailio) throw new Error('no Kamailio');
    expect(await control(sandbox, 'POST', '/kamailio/freeze')).toEqual({ status: 200, body: { frozen: true } });
    // fork=yes: the main process and its workers, all stopped (a signal lands a moment after kill()).
    expect(groupStates(kamailio.pid).length).toBeGreaterThan(1);
    await expect.poll(() => groupStates(kamailio.pid).every((state) => state === 'T'), { timeout: 5000 }).toBe(true);
    expect((await control(sandbox, 'GET', '/kamailio')).body).toMatchObject({ frozen: true });

    const out = device.call('0909000222');
    expect(await control(sandbox, 'POST', '/kamailio/unfreeze')).toEqual({ status: 200, body: { frozen: false } });
    await expect.poll(() => groupStates(kamailio.pid).includes('T'), { timeout: 5000 }).toBe(false);
    await out.answeredPromise;
    out.hangup();
    expect(await out.ended).toMatchObject({ answered: true });
  }, 60_000);

  it('a frozen Kamailio still stops with the sandbox', async () => {
    const other = await startSandbox({ calls: 0, kamailio: true, platform: false });
    const pid = other.kamailio?.pid ?? -1;
    other.kamailio?.freeze();
    expect(other.kamailio?.frozen).toBe(true);
    await other.close();
    expect(() => process.kill(pid, 0)).toThrow();
    expect(groupStates(pid)).toEqual([]);
  }, 30_000);

  it('answers 409 for SIP controls when the sandbox runs without Kamailio', async () => {
    const plain = await startSandbox({ calls: 0 });
    try {
      expect((await control(plain, 'POST', '/kamailio/restart')).status).toBe(409);
      expect((await control(plain, 'GET', '/platform')).body).toMatchObject({ running: false });
      expect((await control(plain, 'POST', '/platform/settings', { answerDelayMs: 1 })).status).toBe(409);
    } finally {
      await plain.close();
    }
  });
});
