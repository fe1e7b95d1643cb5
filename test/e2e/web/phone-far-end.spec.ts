import type { Locator, Page } from '@playwright/test';
import { expect, test as base } from './fixtures';
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import type { SandboxAgent } from '../../../sandbox/state';
import type { NodePhone, PhoneCall } from '../../../sandbox/telephony/node-phone';
import { formatForDisplay } from '../../../src/shared/phone';
import { legTimeline, signalsListener } from '../../integration/sandbox-telephony/harness';
import type { SignalClient } from '../../integration/sandbox-signals/helpers';
import { sipAppEnvFor } from '../../support/sip-env';
import { startAgentPhone } from './far-end/agent-phone';
import { installDtmfProbe, readDtmfProbe } from './far-end/dtmf-probe';
import { SandboxControl, type PlatformCall } from './far-end/sandbox-control';

/**
 * The in-app phone judged from the far end. The app (web host + Chromium, fake microphone)
 * registers in the sandbox's real Kamailio as agent A; the sandbox's platform phone (JsSIP and
 * libwebrtc under Node) plays the customers and the switch, and reports what it saw on every
 * SIP call (GET /platform/calls): answers, audio bytes and level, re-INVITEs, DTMF, REFERs,
 * final statuses. A third phone (a Node phone registered as agent C) takes transfers.
 */

interface Fixtures {
  /** Wrap RTCDTMFSender in the page before the app loads (RFC 2833 is only visible at the sender). */
  dtmfProbe: boolean;
}

const test = base.extend<Fixtures>({
  dtmfProbe: [false, { option: true }],
  page: async ({ page, dtmfProbe }, use) => {
    if (dtmfProbe) await installDtmfProbe(page);
    await use(page);
  },
});

let sandbox: RunningSandbox;
let control: SandboxControl;
let agentA: SandboxAgent;
let agentC: SandboxAgent;
let signals: SignalClient;

// Registration, ICE and DTLS for two or three phones on two cores: room beyond the default minute.
test.describe.configure({ timeout: 90_000 });

test.beforeAll(async () => {
  sandbox = await startSandbox({ kamailio: true, calls: 20, days: 2 });
  if (!sandbox.platform) throw new Error(`the platform phone does not run: ${sandbox.platformProblem ?? ''}`);
  control = new SandboxControl(sandbox.controlUrl);
  const [first, , third] = sandbox.state.agents;
  if (!first || !third) throw new Error('the sandbox needs three agents');
  agentA = first;
  agentC = third;
  // The customer picks up quickly: the tests wait for audio, not for a simulated ring.
  await control.setPlatform({ answerDelayMs: 300 });
  signals = await signalsListener(sandbox);
});

test.afterAll(async () => {
  signals?.close();
  await sandbox?.close();
});

test.use({
  // eslint-disable-next-line no-empty-pattern
  hostEnv: async ({}, use) => {
    await use(sipAppEnvFor(sandbox, agentA));
  },
});

// ——— the app's side ———

/** The header says registered, and Kamailio has the app's contact. */
async function waitUntilRegistered(app: Page): Promise<void> {
  await expect(app.getByTestId('sip-status')).toHaveAttribute('data-state', 'registered', { timeout: 30_000 });
  await expect.poll(() => sandbox.kamailio?.isRegistered(agentA.sipUser), { timeout: 15_000 }).toBe(true);
}

async function saveSettings(app: Page, patch: Record<string, unknown>): Promise<void> {
  expect(await app.evaluate((p) => window.antring.saveSettings(p), patch)).toMatchObject({ ok: true });
}

function activeCards(app: Page): Locator {
  return app.getByTestId('active-call');
}

/** Hangs up every call card, oldest first (each hang-up turns its card into a note). */
async function hangUpAll(app: Page): Promise<void> {
  const cards = activeCards(app);
  for (let open = await cards.count(); open > 0; open--) {
    await cards.first().getByRole('button', { name: 'Kết thúc' }).click();
    await expect(cards).toHaveCount(open - 1, { timeout: 10_000 });
  }
}

// ——— the far end ———

/** The platform's SIP call to agent A's device for leg A `signalsCallId`, once it exists. */
async function platformCallFor(signalsCallId: string, sipUser = agentA.sipUser): Promise<PlatformCall> {
  await expect
    .poll(async () => (await control.callOf(signalsCallId, sipUser)) !== undefined, {
      timeout: 20_000,
      message: `the platform rings ${sipUser} for call ${signalsCallId}`,
    })
    .toBe(true);
  const call = await control.callOf(signalsCallId, sipUser);
  if (!call) throw new Error('the platform call vanished');
  return call;
}

/** What the platform sees now on the SIP call with this Call-ID. */
async function seen(sipCallId: string): Promise<PlatformCall> {
  const call = await control.findCall((c) => c.callId === sipCallId);
  if (!call) throw new Error(`the platform has no call ${sipCallId}`);
  return call;
}

/** A customer calls agent A: the app rings with the number shown. */
async function customerCalls(app: Page, from: string): Promise<{ signalsCallId: string; incoming: Locator }> {
  const signalsCallId = await control.startCall({ direction: 'inbound', from, to: agentA.sipUser });
  const incoming = app.getByTestId('incoming-call');
  await expect(incoming).toBeVisible({ timeout: 20_000 });
  await expect(incoming.getByTestId('call-number')).toHaveText(formatForDisplay(from));
  return { signalsCallId, incoming };
}

/** A customer calls agent A and the agent answers from the UI; the platform sees the call up. */
async function answeredCallFrom(app: Page, from: string): Promise<PlatformCall> {
  const { signalsCallId, incoming } = await customerCalls(app, from);
  await incoming.getByRole('button', { name: 'Trả lời' }).click();
  await expect(activeCards(app).last().getByRole('timer')).toBeVisible({ timeout: 20_000 });
  const call = await platformCallFor(signalsCallId);
  await expect
    .poll(async () => (await seen(call.callId)).state, { timeout: 15_000, message: 'the platform sees the call up' })
    .toBe('active');
  return seen(call.callId);
}

/** Audio flows both ways on the platform's side of the call (bytes both ways, and growing). */
async function expectAudioBothWays(sipCallId: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const call = await seen(sipCallId);
        return Math.min(call.bytesSent, call.bytesReceived);
      },
      { timeout: 20_000, message: 'audio bytes both ways at the far end' },
    )
    .toBeGreaterThan(0);
  const before = await seen(sipCallId);
  await expect
    .poll(
      async () => {
        const now = await seen(sipCallId);
        return now.bytesSent > before.bytesSent && now.bytesReceived > before.bytesReceived;
      },
      { timeout: 20_000, message: 'the audio keeps flowing both ways' },
    )
    .toBe(true);
}

/** The peak level the platform hears from the app, over the last second. */
async function heardPeak(sipCallId: string): Promise<number> {
  return (await seen(sipCallId)).receivedLevel.peak;
}

/** The third phone's call from the platform that matches, once it exists. */
async function callOnThirdPhone(third: NodePhone, match: (call: PhoneCall) => boolean): Promise<PhoneCall> {
  await expect
    .poll(() => third.calls.some(match), { timeout: 20_000, message: 'the third phone gets the call' })
    .toBe(true);
  const call = third.calls.find(match);
  if (!call) throw new Error('the third phone lost the call');
  return call;
}

/** The third phone talks with the platform: its call is up, and audio arrives both ways. */
async function expectThirdPhoneTalking(call: PhoneCall): Promise<void> {
  await expect.poll(() => call.state.kind, { timeout: 20_000 }).toBe('active');
  await expect
    .poll(() => Math.min(call.stats().bytesSent, call.stats().bytesReceived), {
      timeout: 20_000,
      message: 'the third phone hears the customer and is heard',
    })
    .toBeGreaterThan(0);
  await expect
    .poll(async () => (await seen(call.sipCallId)).bytesReceived, {
      timeout: 20_000,
      message: "the platform's call to the third phone carries audio",
    })
    .toBeGreaterThan(0);
}

// ——— the tests ———

test('the app registers by itself in Kamailio with the configured SIP account', async ({ app }) => {
  await waitUntilRegistered(app);
  const platform = await control.platform();
  expect(platform).toMatchObject({ running: true, registered: true });
});

test('an inbound call rings with the caller number, is answered from the UI, and audio flows both ways', async ({
  app,
}) => {
  await waitUntilRegistered(app);
  const call = await answeredCallFrom(app, '0901000001');
  expect(call).toMatchObject({
    direction: 'to-device',
    purpose: 'inbound',
    number: '0901000001',
    sipUser: agentA.sipUser,
    answered: true,
  });
  await expectAudioBothWays(call.callId);

  await hangUpAll(app);
  await expect.poll(async () => (await seen(call.callId)).state, { timeout: 15_000 }).toBe('ended');
  expect(await seen(call.callId)).toMatchObject({ endedBy: 'remote', endCause: 'Terminated' });
});

test('hold and resume from the call card reach the far end as re-INVITEs', async ({ app }) => {
  await waitUntilRegistered(app);
  const call = await answeredCallFrom(app, '0901000002');
  const card = activeCards(app);
  await expect
    .poll(() => heardPeak(call.callId), { timeout: 20_000, message: 'the far end hears the microphone' })
    .toBeGreaterThan(0.05);

  await card.getByRole('button', { name: 'Giữ máy' }).click();
  await expect(card).toHaveAttribute('data-held', 'true');
  await expect.poll(async () => (await seen(call.callId)).holds, { timeout: 15_000 }).toBe(1);
  expect((await seen(call.callId)).unholds).toBe(0);
  // On hold the app stops sending its microphone: the far end hears silence.
  await expect
    .poll(() => heardPeak(call.callId), { timeout: 15_000, message: 'silence at the far end while held' })
    .toBeLessThan(0.005);

  await card.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(card).not.toHaveAttribute('data-held', 'true');
  await expect.poll(async () => (await seen(call.callId)).unholds, { timeout: 15_000 }).toBe(1);
  expect(await seen(call.callId)).toMatchObject({ holds: 1, state: 'active' });
  await expect
    .poll(() => heardPeak(call.callId), { timeout: 15_000, message: 'the far end hears the app again' })
    .toBeGreaterThan(0.05);

  await hangUpAll(app);
});

test('while muted the far end hears silence, and the microphone again after unmute', async ({ app }) => {
  await waitUntilRegistered(app);
  const call = await answeredCallFrom(app, '0901000003');
  const card = activeCards(app);
  const mute = card.getByRole('button', { name: 'Tắt tiếng' });

  // Chromium's fake microphone beeps: the platform hears it, above the level of silence.
  await expect
    .poll(() => heardPeak(call.callId), { timeout: 20_000, message: 'the far end hears the microphone' })
    .toBeGreaterThan(0.05);
  const unmutedPeak = await heardPeak(call.callId);

  await mute.click();
  await expect(mute).toHaveAttribute('aria-pressed', 'true');
  await expect
    .poll(() => heardPeak(call.callId), { timeout: 15_000, message: 'silence at the far end while muted' })
    .toBeLessThan(0.005);
  // Still connected: silence is sent, not nothing (the media path stays up while muted).
  const mutedAt = await seen(call.callId);
  await expect
    .poll(async () => (await seen(call.callId)).bytesReceived, { timeout: 15_000 })
    .toBeGreaterThan(mutedAt.bytesReceived);

  await mute.click();
  await expect(mute).toHaveAttribute('aria-pressed', 'false');
  await expect
    .poll(() => heardPeak(call.callId), { timeout: 15_000, message: 'the microphone is heard again after unmute' })
    .toBeGreaterThan(Math.min(0.05, unmutedPeak / 2));

  await hangUpAll(app);
});

test('DTMF by SIP INFO: keypad presses and typed digits reach the platform in order', async ({ app }) => {
  await waitUntilRegistered(app);
  await saveSettings(app, { dtmfMode: 'info' });
  const call = await answeredCallFrom(app, '0901000004');
  const card = activeCards(app);

  await card.getByRole('button', { name: 'Bàn phím' }).click();
  const keypad = card.getByRole('group', { name: 'Bàn phím' });
  for (const key of ['1', '2', '*']) await keypad.getByRole('button', { name: key, exact: true }).click();
  await app.keyboard.press('9');
  await app.keyboard.press('#');
  await expect.poll(async () => (await seen(call.callId)).dtmf, { timeout: 15_000 }).toBe('12*9#');

  await hangUpAll(app);
});

test.describe('RFC 2833', () => {
  test.use({ dtmfProbe: true });

  test('DTMF in RFC 2833 mode (default) is played as telephone-events by the audio sender, with no SIP INFO', async ({
    app,
  }) => {
    await waitUntilRegistered(app);
    const call = await answeredCallFrom(app, '0901000005');
    const card = activeCards(app);

    await card.getByRole('button', { name: 'Bàn phím' }).click();
    const keypad = card.getByRole('group', { name: 'Bàn phím' });
    for (const key of ['4', '0', '#']) await keypad.getByRole('button', { name: key, exact: true }).click();
    await app.keyboard.press('7');

    await expect
      .poll(async () => (await readDtmfProbe(app)).played.join(''), {
        timeout: 15_000,
        message: 'the RTCDTMFSender played the digits as tones',
      })
      .toBe('40#7');
    const probe = await readDtmfProbe(app);
    // JsSIP queues each press after what is still buffered: every digit went through insertDTMF.
    expect(probe.inserted.join('')).toContain('4');
    expect(probe.inserted.at(-1)?.endsWith('7')).toBe(true);
    // Nothing arrived as SIP INFO, and the call is still up.
    expect(await seen(call.callId)).toMatchObject({ dtmf: '', state: 'active' });

    await hangUpAll(app);
  });
});

test('blind transfer: the platform follows the REFER to the third phone, and the app lets go', async ({ app }) => {
  await waitUntilRegistered(app);
  const third = await startAgentPhone(sandbox, agentC, { incoming: { kind: 'answer' }, toneHz: 880 });
  try {
    const customer = '0901000006';
    const call = await answeredCallFrom(app, customer);
    const card = activeCards(app);
    const extension = agentC.extensions[0] ?? agentC.sipUser;

    await card.getByRole('button', { name: 'Chuyển' }).click();
    await card.getByRole('combobox', { name: 'Chuyển tới' }).fill(extension);
    await card.getByRole('button', { name: 'Chuyển ngay' }).click();

    await expect.poll(async () => (await seen(call.callId)).referTo, { timeout: 20_000 }).toBe(extension);
    const taken = await callOnThirdPhone(third, (c) => c.fromUser === customer);
    await expectThirdPhoneTalking(taken);
    expect(await seen(taken.sipCallId)).toMatchObject({
      purpose: 'transfer',
      sipUser: agentC.sipUser,
      number: customer,
      state: 'active',
      signalsCallId: call.signalsCallId,
    });

    // The app's leg ends once the platform reported success; nothing is left on the screen.
    await expect(app.getByTestId('call-ended')).toHaveAttribute('data-reason', 'transferred', { timeout: 20_000 });
    await expect(activeCards(app)).toHaveCount(0);
    await expect.poll(async () => (await seen(call.callId)).state, { timeout: 15_000 }).toBe('ended');

    taken.hangup();
    await expect.poll(async () => (await seen(taken.sipCallId)).state, { timeout: 15_000 }).toBe('ended');
  } finally {
    await third.stop();
  }
});

test('attended transfer: Consult calls the third phone, Complete transfer joins it with the platform (REFER with Replaces)', async ({
  app,
}) => {
  await waitUntilRegistered(app);
  const third = await startAgentPhone(sandbox, agentC, { incoming: { kind: 'answer' }, toneHz: 880 });
  try {
    const customer = '0901000007';
    const call = await answeredCallFrom(app, customer);
    const first = activeCards(app).first();
    const extension = agentC.extensions[0] ?? agentC.sipUser;

    await first.getByRole('button', { name: 'Chuyển' }).click();
    await first.getByRole('combobox', { name: 'Chuyển tới' }).fill(extension);
    await first.getByRole('button', { name: 'Hỏi ý kiến' }).click();
    // The customer waits on hold while the agent talks to the colleague's phone directly.
    await expect.poll(async () => (await seen(call.callId)).holds, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    const consulted = await callOnThirdPhone(third, (c) => c.fromUser === agentA.sipUser);
    await expect.poll(() => consulted.state.kind, { timeout: 20_000 }).toBe('active');

    const complete = app.getByRole('button', { name: 'Hoàn tất chuyển' });
    await expect(complete).toBeEnabled({ timeout: 15_000 });
    await complete.click();

    await expect.poll(async () => (await seen(call.callId)).referTo, { timeout: 20_000 }).toBe(extension);
    const replacing = await callOnThirdPhone(third, (c) => c.origin?.kind === 'replaces');
    expect(replacing.origin?.call).toBe(consulted);
    expect(replacing.fromUser).toBe(customer);
    await expectThirdPhoneTalking(replacing);
    // The colleague's phone swapped the consultation for the customer.
    await expect.poll(() => consulted.state.kind, { timeout: 15_000 }).toBe('ended');

    await expect(activeCards(app)).toHaveCount(0, { timeout: 20_000 });
    await expect(app.locator('[data-testid="call-ended"][data-reason="transferred"]')).toHaveCount(2);
    await expect.poll(async () => (await seen(call.callId)).state, { timeout: 15_000 }).toBe('ended');
    expect(await seen(replacing.sipCallId)).toMatchObject({
      sipUser: agentC.sipUser,
      number: customer,
      state: 'active',
    });

    replacing.hangup();
    await expect.poll(async () => (await seen(replacing.sipCallId)).state, { timeout: 15_000 }).toBe('ended');
  } finally {
    await third.stop();
  }
});

test('call waiting: a second call shows its number; answering holds the first; swapping back resumes it', async ({
  app,
}) => {
  await waitUntilRegistered(app);
  const first = await answeredCallFrom(app, '0901000008');

  const secondNumber = '0902000008';
  const secondId = await control.startCall({ direction: 'inbound', from: secondNumber, to: agentA.sipUser });
  const waiting = app.getByTestId('incoming-call');
  await expect(waiting).toBeVisible({ timeout: 20_000 });
  await expect(waiting).toHaveAttribute('data-ring-style', 'waiting');
  await expect(waiting.getByTestId('call-number')).toHaveText(formatForDisplay(secondNumber));
  await waiting.getByRole('button', { name: 'Trả lời' }).click();

  const second = await platformCallFor(secondId);
  await expect.poll(async () => (await seen(second.callId)).state, { timeout: 15_000 }).toBe('active');
  await expect.poll(async () => (await seen(first.callId)).holds, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  expect((await seen(second.callId)).holds).toBe(0);

  // Resume on the held card: the first call comes back, the second waits on hold.
  const held = app.locator('[data-testid="active-call"][data-held="true"]');
  await expect(held).toHaveCount(1);
  await expect(held.getByTestId('call-number')).toHaveText(formatForDisplay('0901000008'));
  await held.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect.poll(async () => (await seen(first.callId)).unholds, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  await expect.poll(async () => (await seen(second.callId)).holds, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  await expectAudioBothWays(first.callId);

  await hangUpAll(app);
  await expect.poll(async () => (await seen(first.callId)).state, { timeout: 15_000 }).toBe('ended');
  await expect.poll(async () => (await seen(second.callId)).state, { timeout: 15_000 }).toBe('ended');
});

test('a declined call gets 603 Decline at the far end', async ({ app }) => {
  await waitUntilRegistered(app);
  const { signalsCallId, incoming } = await customerCalls(app, '0901000009');
  await incoming.getByRole('button', { name: 'Từ chối' }).click();
  const call = await platformCallFor(signalsCallId);
  await expect.poll(async () => (await seen(call.callId)).endStatus, { timeout: 15_000 }).toBe(603);
  expect(await seen(call.callId)).toMatchObject({ answered: false, state: 'ended' });
  await expect(incoming).toHaveCount(0);
});

test('under do-not-disturb a call gets 486 Busy Here at the far end, without ringing', async ({ app }) => {
  await waitUntilRegistered(app);
  await saveSettings(app, { dnd: true });
  const signalsCallId = await control.startCall({ direction: 'inbound', from: '0901000010', to: agentA.sipUser });
  const call = await platformCallFor(signalsCallId);
  await expect.poll(async () => (await seen(call.callId)).endStatus, { timeout: 15_000 }).toBe(486);
  expect(await seen(call.callId)).toMatchObject({ answered: false, state: 'ended' });
  await expect(app.getByTestId('incoming-call')).toHaveCount(0);
  await expect(activeCards(app)).toHaveCount(0);
});

for (const marker of ['none', 'call-info'] as const) {
  test(`click-to-call from the dialer (marker ${marker}): the platform rings this device, it answers by itself, and signals and history record the real call`, async ({
    app,
  }) => {
    await waitUntilRegistered(app);
    await control.setPlatform({ clickToCallMarker: marker });
    const number = marker === 'none' ? '0281000011' : '0281000012';
    await expect(app.getByTestId('dial-via')).toHaveAttribute('data-via', 'click-to-call');
    await app.getByLabel('Số điện thoại').fill(number);
    await app.getByRole('button', { name: 'Gọi', exact: true }).click();

    // Nobody clicks Answer: the callback of the agent's own click-to-call answers itself.
    const card = activeCards(app);
    await expect(card.getByRole('timer')).toBeVisible({ timeout: 30_000 });
    await expect(card.getByTestId('call-number')).toHaveText(formatForDisplay(number));
    const call = await control.findCall((c) => c.purpose === 'click-to-call' && c.number === number);
    if (!call) throw new Error('the platform made no click-to-call');
    expect(call).toMatchObject({
      direction: 'to-device',
      sipUser: agentA.sipUser,
      answered: true,
      markerHeaders: marker === 'none' ? [] : ['Call-Info: <sip:platform>;answer-after=0'],
    });
    await expectAudioBothWays(call.callId);
    // Talk past a whole second of connected time before hanging up, so the call bills at least 1 s.
    await expect(card.getByRole('timer')).toHaveText(/^0:0[2-9]$|^0:[1-5]\d$/, { timeout: 15_000 });

    await hangUpAll(app);
    await expect.poll(async () => (await seen(call.callId)).state, { timeout: 15_000 }).toBe('ended');
    expect(await seen(call.callId)).toMatchObject({ endedBy: 'remote' });

    const signalsCallId = call.signalsCallId ?? '';
    await expect
      .poll(() => sandbox.state.history.findByCallId(signalsCallId), { timeout: 15_000, message: 'the history record' })
      .toBeDefined();
    const record = sandbox.state.history.findByCallId(signalsCallId);
    expect(record).toMatchObject({
      call_id: signalsCallId,
      direction: 'from_ab',
      status_detail: 'SUCCESS',
      callee: { number },
    });
    expect(Number(record?.billing_seconds)).toBeGreaterThanOrEqual(1);

    // The signals server published the agent's leg from start to end (a Blackhole client saw it).
    await signals.flush();
    expect(legTimeline(signals, signalsCallId).filter((line) => line.startsWith('A '))).toEqual([
      'A CHANNEL_CREATE',
      'A CHANNEL_ANSWER',
      'A CHANNEL_BRIDGE',
      'A CHANNEL_DESTROY',
    ]);
  });
}

test('click-to-call with the device not registered tells the agent so, and rings nothing', async ({ app }) => {
  await waitUntilRegistered(app);
  const number = '0281000013';
  await control.setDeviceRegistered(agentA.sipUser, false);
  try {
    await app.getByLabel('Số điện thoại').fill(number);
    await app.getByRole('button', { name: 'Gọi', exact: true }).click();
    await expect(app.getByTestId('dial-error')).toHaveText('Điện thoại SIP của bạn chưa đăng ký', { timeout: 20_000 });
    expect(await control.findCall((c) => c.number === number)).toBeUndefined();
    await expect(app.getByTestId('incoming-call')).toHaveCount(0);
  } finally {
    await control.clearDeviceOverride(agentA.sipUser);
  }
});
