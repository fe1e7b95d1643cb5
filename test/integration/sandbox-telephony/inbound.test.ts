import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import type { CallRecord, SandboxAgent } from '../../../sandbox/state';
import type { NodePhone } from '../../../sandbox/telephony/node-phone';
import type { SignalClient } from '../sandbox-signals/helpers';
import {
  agentAt,
  control,
  devicePhone,
  eventOf,
  legTimeline,
  platformCall,
  platformCalls,
  signalsListener,
} from './harness';

/**
 * Test calls (`POST /calls`) to an agent whose device is registered ring that device over SIP
 * through the platform phone, and signals and history follow what the device does. An agent
 * whose device is not registered keeps the scripted call.
 */

let sandbox: RunningSandbox;
let registered: SandboxAgent;
let offline: SandboxAgent;
let device: NodePhone;
let signals: SignalClient;

beforeAll(async () => {
  sandbox = await startSandbox({ calls: 0, kamailio: true });
  registered = agentAt(sandbox, 0);
  offline = agentAt(sandbox, 1);
  device = await devicePhone(sandbox, registered.sipUser, { toneHz: 440 });
  signals = await signalsListener(sandbox);
}, 60_000);

afterAll(async () => {
  signals?.close();
  await device?.stop();
  await sandbox?.close();
});

async function placeCall(spec: Record<string, unknown>): Promise<{ callId: string; legs: { callId: string }[] }> {
  const answer = await control(sandbox, 'POST', '/calls', spec);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as { callId: string; legs: { callId: string }[] };
}

async function recordOf(callId: string): Promise<CallRecord> {
  await expect.poll(() => sandbox.state.history.findByCallId(callId), { timeout: 20_000 }).toBeDefined();
  const record = sandbox.state.history.findByCallId(callId);
  if (!record) throw new Error('no record');
  await signals.flush();
  return record;
}

describe('inbound calls ring the registered device over SIP', () => {
  it('shows the customer; the device declines: 603 to the platform, a missed call with CALL_REJECTED', async () => {
    const ringing = device.waitForIncoming();
    const { callId, legs } = await placeCall({ direction: 'inbound', from: '0987654321', to: registered.sipUser });
    const incoming = await ringing;
    expect(incoming.fromUser).toBe('0987654321');
    incoming.decline(603);

    const record = await recordOf(callId);
    expect(record).toMatchObject({
      direction: 'to_ab',
      status_detail: 'IVR',
      billing_seconds: 0,
      callee: { number: registered.sipUser, type: 'user' },
      caller: { number: '0987654321', type: 'realnumber' },
      did_number: sandbox.state.dids[0],
    });
    expect(await platformCall(sandbox, incoming.sipCallId)).toMatchObject({
      purpose: 'inbound',
      endStatus: 603,
      answered: false,
      signalsCallId: callId,
    });
    expect(legTimeline(signals, callId)).toEqual([
      'A CHANNEL_CREATE',
      'B1 CHANNEL_CREATE',
      'B1 CHANNEL_DESTROY',
      'A CHANNEL_DESTROY',
    ]);
    expect(eventOf(signals, legs[1]?.callId ?? '', 'CHANNEL_DESTROY')).toMatchObject({
      hangup_cause: 'CALL_REJECTED',
      hangup_code: 'sip:603',
      custom_channel_vars: { owner_id: registered.id },
    });
  }, 40_000);

  it('rings out after ringMs: the platform cancels, NO_ANSWER', async () => {
    const ringing = device.waitForIncoming();
    const { callId, legs } = await placeCall({
      direction: 'inbound',
      from: '0987000111',
      to: registered.sipUser,
      ringMs: 1500,
    });
    const incoming = await ringing;
    expect(await incoming.ended).toMatchObject({ originator: 'remote', cause: 'Canceled', answered: false });
    expect(await recordOf(callId)).toMatchObject({ status_detail: 'IVR', billing_seconds: 0 });
    expect(eventOf(signals, legs[1]?.callId ?? '', 'CHANNEL_DESTROY')).toMatchObject({
      hangup_cause: 'NO_ANSWER',
      hangup_code: 'sip:480',
    });
  }, 40_000);

  it('outcome cancelled: the caller gives up at ringMs while the device still rings', async () => {
    const ringing = device.waitForIncoming();
    const { callId } = await placeCall({
      direction: 'inbound',
      from: '0987000222',
      to: registered.sipUser,
      ringMs: 800,
      outcome: 'cancelled',
    });
    const incoming = await ringing;
    expect(await incoming.ended).toMatchObject({ originator: 'remote', cause: 'Canceled' });
    expect(await recordOf(callId)).toMatchObject({ status_detail: 'CANCELLED', billing_seconds: 0 });
    expect(legTimeline(signals, callId).slice(-2)).toEqual(['A CHANNEL_DESTROY', 'B1 CHANNEL_DESTROY']);
    expect(eventOf(signals, callId, 'CHANNEL_DESTROY')).toMatchObject({ hangup_cause: 'ORIGINATOR_CANCEL' });
  }, 40_000);

  it('answered: audio both ways until the customer hangs up after talkMs', async () => {
    const ringing = device.waitForIncoming();
    const { callId } = await placeCall({
      direction: 'inbound',
      from: '0911222333',
      to: registered.sipUser,
      talkMs: 3000,
    });
    const incoming = await ringing;
    incoming.answer();
    await expect.poll(() => incoming.receivedLevel().rms, { timeout: 20_000 }).toBeGreaterThan(0.05);
    await expect
      .poll(async () => (await platformCall(sandbox, incoming.sipCallId))?.bytesReceived ?? 0, { timeout: 20_000 })
      .toBeGreaterThan(0);
    expect(await incoming.ended).toMatchObject({ originator: 'remote', answered: true, cause: 'Terminated' });

    const record = await recordOf(callId);
    expect(record).toMatchObject({ status_detail: 'SUCCESS', direction: 'to_ab' });
    expect(record.billing_seconds).toBeGreaterThan(0);
    expect(legTimeline(signals, callId)).toEqual([
      'A CHANNEL_CREATE',
      'B1 CHANNEL_CREATE',
      'B1 CHANNEL_ANSWER',
      'A CHANNEL_ANSWER',
      'A CHANNEL_BRIDGE',
      'A CHANNEL_DESTROY',
      'B1 CHANNEL_DESTROY',
    ]);
  }, 40_000);

  it('a queue rings agents in turn: the registered device declines, the next (offline, scripted) agent answers', async () => {
    const queue = sandbox.state.queues[0];
    if (!queue) throw new Error('no queue');
    const ringing = device.waitForIncoming();
    const { callId } = await placeCall({
      direction: 'inbound',
      from: '0933444555',
      queue: queue.id,
      ringAgents: [registered.sipUser, { agent: offline.sipUser, ringMs: 300 }],
      talkMs: 300,
    });
    (await ringing).decline(603);
    const record = await recordOf(callId);
    expect(record).toMatchObject({ status_detail: 'SUCCESS', callee: { number: offline.sipUser } });
    expect(record.queue_stat[0]).toMatchObject({
      agent_id: offline.id,
      status: 'processed',
      misses: [{ agent_id: registered.id, miss_reason: 'declined' }],
    });
    expect(legTimeline(signals, callId)).toEqual([
      'A CHANNEL_CREATE',
      'A CHANNEL_ANSWER',
      'B1 CHANNEL_CREATE',
      'B1 CHANNEL_DESTROY',
      'B2 CHANNEL_CREATE',
      'B2 CHANNEL_ANSWER',
      'A CHANNEL_BRIDGE',
      'A CHANNEL_DESTROY',
      'B2 CHANNEL_DESTROY',
    ]);
  }, 40_000);

  it('an internal call shows the calling colleague’s extension; the device answers and hangs up', async () => {
    const ringing = device.waitForIncoming();
    const { callId } = await placeCall({ direction: 'internal', from: offline.sipUser, to: registered.extensions[0] });
    const incoming = await ringing;
    expect(incoming.fromUser).toBe(offline.extensions[0]);
    incoming.answer();
    await incoming.answeredPromise;
    incoming.hangup();
    expect(await recordOf(callId)).toMatchObject({
      class: 'one_one',
      direction: 'from_ab',
      status_detail: 'SUCCESS',
      caller: { number: offline.sipUser },
      callee: { number: registered.sipUser },
    });
  }, 40_000);

  it('an agent whose device is not registered still gets the scripted call', async () => {
    const before = (await platformCalls(sandbox)).length;
    const { callId, legs } = await placeCall({
      direction: 'inbound',
      from: '0977888999',
      to: offline.sipUser,
      ringMs: 100,
      talkMs: 100,
      hangupBy: 'callee',
    });
    expect(legs).toHaveLength(2);
    expect((await control(sandbox, 'GET', '/calls')).body).toMatchObject({ calls: [{ callId }] });
    expect(await recordOf(callId)).toMatchObject({ status_detail: 'SUCCESS', callee: { number: offline.sipUser } });
    expect((await platformCalls(sandbox)).length).toBe(before);
  }, 40_000);
});
