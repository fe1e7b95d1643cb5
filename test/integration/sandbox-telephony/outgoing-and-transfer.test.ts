import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import type { CallRecord, SandboxAgent } from '../../../sandbox/state';
import type { NodePhone, PhoneCall } from '../../../sandbox/telephony/node-phone';
import type { SignalClient } from '../sandbox-signals/helpers';
import { agentAt, control, devicePhone, legTimeline, platformCall, setPlatform, signalsListener } from './harness';

/**
 * The device's own calls and transfers: a call to an outside number reaches the platform
 * phone, which answers as the customer; hold and resume reach it as re-INVITEs; a blind
 * transfer (REFER) and an attended one (REFER with Replaces) move the customer to a colleague's
 * phone (a third Node phone).
 */

let sandbox: RunningSandbox;
let agent: SandboxAgent;
let colleague: SandboxAgent;
let device: NodePhone;
let third: NodePhone;
let signals: SignalClient;
let domain: string;

beforeAll(async () => {
  sandbox = await startSandbox({ calls: 0, kamailio: true });
  agent = agentAt(sandbox, 0);
  colleague = agentAt(sandbox, 2);
  domain = sandbox.sipDomain ?? '';
  device = await devicePhone(sandbox, agent.sipUser, { toneHz: 440 });
  third = await devicePhone(sandbox, colleague.sipUser, { toneHz: 880 });
  signals = await signalsListener(sandbox);
  await setPlatform(sandbox, { answerDelayMs: 300 });
}, 60_000);

afterAll(async () => {
  signals?.close();
  await Promise.all([device?.stop(), third?.stop()]);
  await sandbox?.close();
});

async function recordOf(callId: string): Promise<CallRecord> {
  await expect.poll(() => sandbox.state.history.findByCallId(callId), { timeout: 20_000 }).toBeDefined();
  const record = sandbox.state.history.findByCallId(callId);
  if (!record) throw new Error('no record');
  await signals.flush();
  return record;
}

/** An inbound call from `customer` that the device answered. */
async function customerOnTheLine(customer: string): Promise<{ callId: string; call: PhoneCall }> {
  const ringing = device.waitForIncoming();
  const answer = await control(sandbox, 'POST', '/calls', { direction: 'inbound', from: customer, to: agent.sipUser });
  expect(answer.status).toBe(200);
  const call = await ringing;
  call.answer();
  await call.answeredPromise;
  return { callId: (answer.body as { callId: string }).callId, call };
}

describe('the device calls out, holds, transfers', () => {
  it('calls an outside number: the platform answers as the customer with audio; hold and resume are counted and signalled', async () => {
    const number = '0909123456';
    const out = device.call(number);
    await out.answeredPromise;
    await expect.poll(() => out.receivedLevel().rms, { timeout: 20_000 }).toBeGreaterThan(0.05);
    await expect
      .poll(async () => (await platformCall(sandbox, out.sipCallId))?.receivedLevel.rms ?? 0, { timeout: 20_000 })
      .toBeGreaterThan(0.05);
    const seen = await platformCall(sandbox, out.sipCallId);
    expect(seen).toMatchObject({ direction: 'from-device', purpose: 'outgoing', number, sipUser: agent.sipUser });

    expect(await out.hold()).toBe(true);
    await expect.poll(async () => (await platformCall(sandbox, out.sipCallId))?.holds, { timeout: 10_000 }).toBe(1);
    // On hold the platform stops sending: the device hears silence.
    await expect.poll(() => out.receivedLevel().peak, { timeout: 10_000 }).toBeLessThan(0.01);
    expect(await out.unhold()).toBe(true);
    await expect.poll(async () => (await platformCall(sandbox, out.sipCallId))?.unholds, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => out.receivedLevel().rms, { timeout: 10_000 }).toBeGreaterThan(0.05);

    out.hangup();
    const callId = seen?.signalsCallId ?? '';
    const record = await recordOf(callId);
    expect(record).toMatchObject({
      direction: 'from_ab',
      status_detail: 'SUCCESS',
      caller: { number: agent.sipUser, type: 'user' },
      callee: { number, type: 'realnumber' },
    });
    expect(legTimeline(signals, callId)).toEqual([
      'A CHANNEL_CREATE',
      'B1 CHANNEL_CREATE',
      'B1 CHANNEL_ANSWER',
      'A CHANNEL_ANSWER',
      'A CHANNEL_BRIDGE',
      'A CHANNEL_HOLD',
      'A CHANNEL_UNHOLD',
      'A CHANNEL_DESTROY',
      'B1 CHANNEL_DESTROY',
    ]);
  }, 60_000);

  it('the customer hangs up (control): the device’s call ends from the far end', async () => {
    const out = device.call('0909123457');
    await out.answeredPromise;
    const answer = await control(sandbox, 'POST', `/platform/calls/${encodeURIComponent(out.sipCallId)}/hangup`);
    expect(answer).toEqual({ status: 200, body: { hungUp: out.sipCallId } });
    expect(await out.ended).toMatchObject({ originator: 'remote', answered: true });
    const seen = await platformCall(sandbox, out.sipCallId);
    expect(seen).toMatchObject({ state: 'ended', endedBy: 'local' });
    expect(await recordOf(seen?.signalsCallId ?? '')).toMatchObject({ status_detail: 'SUCCESS' });
    expect((await control(sandbox, 'POST', `/platform/calls/${encodeURIComponent(out.sipCallId)}/hangup`)).status).toBe(
      404,
    );
  }, 30_000);

  it('blind transfer to a colleague’s extension: their phone rings with the customer’s number and takes the call', async () => {
    const customer = '0911000222';
    const { callId, call } = await customerOnTheLine(customer);
    const ringing = third.waitForIncoming();
    const transfer = call.refer(`sip:${colleague.extensions[0] ?? colleague.sipUser}@${domain}`);
    const taken = await ringing;
    expect(taken.fromUser).toBe(customer);
    taken.answer();
    expect(await transfer).toEqual({ kind: 'accepted' });
    call.hangup();
    await expect.poll(() => taken.receivedLevel().rms, { timeout: 20_000 }).toBeGreaterThan(0.05);

    // The transferor's BYE reaches the platform.
    await expect
      .poll(async () => (await platformCall(sandbox, call.sipCallId))?.endedBy, { timeout: 10_000 })
      .toBe('remote');
    expect(await platformCall(sandbox, call.sipCallId)).toMatchObject({ referTo: colleague.extensions[0] });
    expect(await platformCall(sandbox, taken.sipCallId)).toMatchObject({
      purpose: 'transfer',
      sipUser: colleague.sipUser,
      number: customer,
      signalsCallId: callId,
      state: 'active',
    });

    taken.hangup();
    const record = await recordOf(callId);
    expect(record).toMatchObject({ status_detail: 'SUCCESS', callee: { number: colleague.sipUser, type: 'user' } });
    expect(legTimeline(signals, callId)).toEqual([
      'A CHANNEL_CREATE',
      'B1 CHANNEL_CREATE',
      'B1 CHANNEL_ANSWER',
      'A CHANNEL_ANSWER',
      'A CHANNEL_BRIDGE',
      'B2 CHANNEL_CREATE',
      'B2 CHANNEL_ANSWER',
      'A CHANNEL_BRIDGE',
      'B1 CHANNEL_DESTROY',
      'B2 CHANNEL_DESTROY',
      'A CHANNEL_DESTROY',
    ]);
  }, 60_000);

  it('attended transfer: hold, consult the colleague directly, REFER with Replaces: the platform joins them, the consult call ends', async () => {
    const customer = '0911000333';
    const { callId, call } = await customerOnTheLine(customer);
    expect(await call.hold()).toBe(true);

    const consulting = third.waitForIncoming();
    const consult = device.call(colleague.sipUser);
    const consulted = await consulting;
    expect(consulted.fromUser).toBe(agent.sipUser);
    consulted.answer();
    await consult.answeredPromise;

    const joined = new Promise<PhoneCall>((resolve) =>
      third.onCall((c) => {
        if (c.origin?.kind === 'replaces') resolve(c);
      }),
    );
    const transfer = call.refer(`sip:${colleague.sipUser}@${domain}`, { replaces: consult });
    const replacing = await joined;
    expect(replacing.origin?.call).toBe(consulted);
    expect(replacing.fromUser).toBe(customer);
    expect(await transfer).toEqual({ kind: 'accepted' });
    // The colleague's phone swapped the consult call for the platform's: both ends of it are gone.
    expect(await consult.ended).toMatchObject({ originator: 'remote', answered: true });
    expect(await consulted.ended).toMatchObject({ originator: 'local', answered: true });
    call.hangup();
    await expect.poll(() => replacing.receivedLevel().rms, { timeout: 20_000 }).toBeGreaterThan(0.05);
    await expect
      .poll(async () => (await platformCall(sandbox, replacing.sipCallId))?.bytesReceived ?? 0, { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(async () => (await platformCall(sandbox, call.sipCallId))?.endedBy, { timeout: 10_000 })
      .toBe('remote');
    expect(await platformCall(sandbox, call.sipCallId)).toMatchObject({ holds: 1, referTo: colleague.sipUser });

    replacing.hangup();
    expect(await recordOf(callId)).toMatchObject({
      status_detail: 'SUCCESS',
      callee: { number: colleague.sipUser, type: 'user' },
    });
    const timeline = legTimeline(signals, callId);
    expect(timeline.slice(0, 6)).toEqual([
      'A CHANNEL_CREATE',
      'B1 CHANNEL_CREATE',
      'B1 CHANNEL_ANSWER',
      'A CHANNEL_ANSWER',
      'A CHANNEL_BRIDGE',
      'B1 CHANNEL_HOLD',
    ]);
    expect(timeline.slice(6)).toEqual([
      'B2 CHANNEL_CREATE',
      'B2 CHANNEL_ANSWER',
      'A CHANNEL_BRIDGE',
      'B1 CHANNEL_DESTROY',
      'B2 CHANNEL_DESTROY',
      'A CHANNEL_DESTROY',
    ]);
  }, 60_000);
});
