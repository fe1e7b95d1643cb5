import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import type { SandboxAgent } from '../../../sandbox/state';
import type { NodePhone, PhoneCall } from '../../../sandbox/telephony/node-phone';
import { toneForDigit } from '../../../sandbox/telephony/platform-settings';
import { authHeaders } from '../sandbox/client';
import type { SignalClient } from '../sandbox-signals/helpers';
import { agentAt, devicePhone, eventOf, legTimeline, platformCall, setPlatform, signalsListener } from './harness';

/**
 * Click-to-call over the sandbox's platform phone, judged from the far end: a Node phone is
 * the agent's device; the platform rings it with the dialled number as caller id, then
 * connects "the customer" (a tone that answers DTMF) once the device answers.
 */

let sandbox: RunningSandbox;
let agent: SandboxAgent;
let device: NodePhone;
let signals: SignalClient;

beforeAll(async () => {
  sandbox = await startSandbox({ calls: 0, kamailio: true });
  agent = agentAt(sandbox, 0);
  device = await devicePhone(sandbox, agent.sipUser, { toneHz: 440 });
  signals = await signalsListener(sandbox);
}, 60_000);

afterAll(async () => {
  signals?.close();
  await device?.stop();
  await sandbox?.close();
});

async function clickToCall(number: string): Promise<number> {
  const response = await fetch(`${sandbox.apiUrl}/oapi/v1/call/click-to-call/${number}`, {
    method: 'POST',
    headers: authHeaders(sandbox),
    body: JSON.stringify({ sipUser: agent.sipUser, sipPassword: agent.sipPassword }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Rings the device by click-to-call and returns its incoming call (checked: the dialled number shows). */
async function ringDevice(number: string): Promise<PhoneCall> {
  const ringing = device.waitForIncoming();
  expect(await clickToCall(number)).toBe(200);
  const incoming = await ringing;
  expect(incoming.fromUser).toBe(number);
  return incoming;
}

describe('click-to-call through the platform phone', () => {
  it('rings the device as the dialled number; answered: the customer is heard, DTMF is echoed and recorded; the hangup ends signals and history', async () => {
    expect(sandbox.platform, sandbox.platformProblem).toBeDefined();
    await setPlatform(sandbox, { clickToCallMarker: 'call-info', answerDelayMs: 200, toneHz: 523 });
    const number = '0912345678';
    const incoming = await ringDevice(number);
    expect(incoming.remoteDisplayName).toBe(number);
    expect(incoming.header('Call-Info')).toEqual(['<sip:platform>;answer-after=0']);

    incoming.answer();
    // The customer's tone arrives once the platform connected them; the device's tone reaches the platform.
    await expect.poll(() => incoming.receivedLevel().rms, { timeout: 20_000 }).toBeGreaterThan(0.05);
    await expect
      .poll(async () => (await platformCall(sandbox, incoming.sipCallId))?.bytesReceived ?? 0, { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(async () => (await platformCall(sandbox, incoming.sipCallId))?.receivedLevel.rms ?? 0, {
        timeout: 20_000,
      })
      .toBeGreaterThan(0.05);

    incoming.sendDtmf('19#');
    await expect
      .poll(async () => (await platformCall(sandbox, incoming.sipCallId))?.dtmf, { timeout: 15_000 })
      .toBe('19#');
    // The IVR echo: the customer's tone follows the last digit.
    expect((await platformCall(sandbox, incoming.sipCallId))?.toneHz).toBe(toneForDigit('#'));
    // Talk for a while (audio keeps flowing) so the call bills at least a second.
    const heard = incoming.stats().bytesReceived;
    await expect.poll(() => incoming.stats().bytesReceived, { timeout: 20_000 }).toBeGreaterThan(heard + 6000);

    incoming.hangup();
    await expect
      .poll(async () => (await platformCall(sandbox, incoming.sipCallId))?.state, { timeout: 15_000 })
      .toBe('ended');
    const seen = await platformCall(sandbox, incoming.sipCallId);
    expect(seen).toMatchObject({
      direction: 'to-device',
      purpose: 'click-to-call',
      number,
      sipUser: agent.sipUser,
      answered: true,
      dtmf: '19#',
      holds: 0,
      endCause: 'Terminated',
      endedBy: 'remote',
      markerHeaders: ['Call-Info: <sip:platform>;answer-after=0'],
    });
    expect(seen?.bytesSent).toBeGreaterThan(0);
    expect(seen?.bytesReceived).toBeGreaterThan(0);

    const callId = seen?.signalsCallId ?? '';
    await expect.poll(() => sandbox.state.history.findByCallId(callId), { timeout: 10_000 }).toBeDefined();
    const record = sandbox.state.history.findByCallId(callId);
    expect(record).toMatchObject({
      call_id: callId,
      direction: 'from_ab',
      status_detail: 'SUCCESS',
      class: 'trunking',
      caller: { number: agent.sipUser, type: 'user', username: agent.username },
      callee: { number, type: 'realnumber' },
    });
    expect(record?.billing_seconds).toBeGreaterThan(0);

    // Signals: the agent's leg (A) rings and answers first, then the customer's (B) is dialled.
    await signals.flush();
    expect(legTimeline(signals, callId)).toEqual([
      'A CHANNEL_CREATE',
      'A CHANNEL_ANSWER',
      'B1 CHANNEL_CREATE',
      'B1 CHANNEL_ANSWER',
      'A CHANNEL_BRIDGE',
      'A CHANNEL_DESTROY',
      'B1 CHANNEL_DESTROY',
    ]);
    expect(eventOf(signals, callId, 'CHANNEL_CREATE')).toMatchObject({
      call_direction: 'inbound',
      callee_id_number: number,
      custom_channel_vars: { owner_id: agent.id, username: agent.sipUser },
    });
    expect(eventOf(signals, callId, 'CHANNEL_DESTROY')).toMatchObject({ hangup_cause: 'NORMAL_CLEARING' });
  }, 60_000);

  it('marks the INVITE for auto-answer as the setting says, and a declined click-to-call is recorded unsuccessful', async () => {
    const cases = [
      { marker: 'none', header: undefined },
      { marker: 'alert-info', header: 'Alert-Info: <http://127.0.0.1/>;info=alert-autoanswer' },
      { marker: 'x-antbuddy', header: 'X-AntBuddy-ClickToCall: 1' },
    ] as const;
    for (const { marker, header } of cases) {
      await setPlatform(sandbox, { clickToCallMarker: marker });
      const incoming = await ringDevice('0281234567');
      const markers = ['Call-Info', 'Alert-Info', 'X-AntBuddy-ClickToCall'].flatMap((name) =>
        incoming.header(name).map((value) => `${name}: ${value}`),
      );
      expect(markers, marker).toEqual(header === undefined ? [] : [header]);
      incoming.decline(603);
      await expect
        .poll(async () => (await platformCall(sandbox, incoming.sipCallId))?.endStatus, { timeout: 15_000 })
        .toBe(603);
      const seen = await platformCall(sandbox, incoming.sipCallId);
      expect(seen).toMatchObject({ answered: false, endCause: 'Rejected', markerHeaders: markers });
      const callId = seen?.signalsCallId ?? '';
      await expect
        .poll(() => sandbox.state.history.findByCallId(callId), { timeout: 10_000 })
        .toMatchObject({
          direction: 'from_ab',
          status_detail: 'UNSUCCESS',
          billing_seconds: 0,
        });
    }
  }, 60_000);
});
