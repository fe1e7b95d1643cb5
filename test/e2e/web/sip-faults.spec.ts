import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import type { SandboxAgent } from '../../../sandbox/state';
import { formatForDisplay } from '../../../src/shared/phone';
import { sipAppEnvFor } from '../../support/sip-env';
import { testThroughSipOutages } from './far-end/sip-outage-test';
import { SandboxControl, type PlatformCall } from './far-end/sandbox-control';

/**
 * A live call while the SIP server fails under it (issue 11, the soak's call s1-h0002): the
 * app (web host + Chromium) talks with the sandbox's platform phone through a real Kamailio,
 * and the test restarts or freezes Kamailio mid-call. The media never passes through
 * Kamailio, so losing the signalling alone must not end the call; but a call whose far end
 * hung up must end in the app too, even when that BYE could not reach it. These tests stop
 * the sandbox's Kamailio, so they have a sandbox of their own.
 */

let sandbox: RunningSandbox;
let control: SandboxControl;
let agentA: SandboxAgent;

// Chromium's own log lines for the SIP server's address are expected while it is away.
const test = testThroughSipOutages(() => sandbox.sipWsUrl);

// Registration, ICE and DTLS, a Kamailio restart and the media-loss grace, on two cores.
test.describe.configure({ timeout: 150_000 });

test.beforeAll(async () => {
  sandbox = await startSandbox({ kamailio: true, calls: 10, days: 1 });
  if (!sandbox.platform) throw new Error(`the platform phone does not run: ${sandbox.platformProblem ?? ''}`);
  control = new SandboxControl(sandbox.controlUrl);
  const [first] = sandbox.state.agents;
  if (!first) throw new Error('the sandbox needs an agent');
  agentA = first;
  await control.setPlatform({ answerDelayMs: 300 });
});

test.afterAll(async () => {
  await sandbox?.close();
});

test.use({
  // eslint-disable-next-line no-empty-pattern
  hostEnv: async ({}, use) => {
    await use(sipAppEnvFor(sandbox, agentA));
  },
});

/** The app's promise after a SIP server fault: registered again within 30 s. */
const RECOVERY_MS = 30_000;
/**
 * How long the app may take to give up on a call whose media stopped: the browser reports the
 * ICE path disconnected a few seconds after the last packet, and the phone waits 10 s more
 * (a blip is survived). Generous: two cores, Chromium and libwebrtc in one machine.
 */
const MEDIA_LOST_MS = 60_000;

async function waitUntilRegistered(app: Page): Promise<void> {
  await expect(app.getByTestId('sip-status')).toHaveAttribute('data-state', 'registered', {
    timeout: RECOVERY_MS,
  });
  await expect.poll(() => sandbox.kamailio?.isRegistered(agentA.sipUser), { timeout: RECOVERY_MS }).toBe(true);
  // The platform phone registers again after a restart by itself too.
  await expect
    .poll(async () => await control.platform(), { timeout: RECOVERY_MS })
    .toMatchObject({ running: true, registered: true });
}

function activeCards(app: Page): Locator {
  return app.getByTestId('active-call');
}

async function seen(sipCallId: string): Promise<PlatformCall> {
  const call = await control.findCall((c) => c.callId === sipCallId);
  if (!call) throw new Error(`the platform has no call ${sipCallId}`);
  return call;
}

/** A customer calls agent A, the agent answers from the UI, and the platform sees the call up. */
async function answeredCallFrom(app: Page, from: string): Promise<PlatformCall> {
  const signalsCallId = await control.startCall({ direction: 'inbound', from, to: agentA.sipUser });
  const incoming = app.getByTestId('incoming-call');
  await expect(incoming).toBeVisible({ timeout: 20_000 });
  await expect(incoming.getByTestId('call-number')).toHaveText(formatForDisplay(from));
  await incoming.getByRole('button', { name: 'Trả lời' }).click();
  await expect(activeCards(app).getByRole('timer')).toBeVisible({ timeout: 20_000 });
  await expect
    .poll(async () => (await control.callOf(signalsCallId, agentA.sipUser))?.state, {
      timeout: 15_000,
      message: 'the platform sees the call up',
    })
    .toBe('active');
  const call = await control.callOf(signalsCallId, agentA.sipUser);
  if (!call) throw new Error('the platform call vanished');
  return call;
}

/** Audio flows both ways on the platform's side of the call, and keeps flowing. */
async function expectAudioFlowing(sipCallId: string): Promise<void> {
  const before = await seen(sipCallId);
  await expect
    .poll(
      async () => {
        const now = await seen(sipCallId);
        return now.bytesSent > before.bytesSent && now.bytesReceived > before.bytesReceived;
      },
      { timeout: 20_000, message: 'the audio flows both ways' },
    )
    .toBe(true);
}

/** The note the app leaves for the call that just ended: how it ended (data-reason). */
function endedNote(app: Page): Locator {
  return app.getByTestId('call-ended');
}

test('Kamailio restarted mid-call: the call and its audio survive, and the customer hanging up later still ends it', async ({
  app,
}) => {
  await waitUntilRegistered(app);
  const call = await answeredCallFrom(app, '0904000001');
  await expectAudioFlowing(call.callId);

  const before = await control.kamailio();
  expect(await control.restartKamailio()).not.toBe(before.pid);
  await waitUntilRegistered(app);

  // A blip in the signalling is not the end of a call whose media never passed through it.
  await expect(activeCards(app)).toHaveCount(1);
  await expectAudioFlowing(call.callId);
  expect((await seen(call.callId)).state).toBe('active');

  // The customer's BYE cannot find the app on its new connection (Kamailio routes it to the old
  // one); the media stopping tells the app instead. Either way the call must end.
  await control.hangup(call.callId);
  await expect(endedNote(app)).toHaveAttribute('data-reason', /^(remote-hangup|connection-lost)$/, {
    timeout: MEDIA_LOST_MS,
  });
  await expect(activeCards(app)).toHaveCount(0);
});

test('Kamailio frozen mid-call and the customer hangs up: the BYE never arrives, the media stops, and the app ends the call as connection lost', async ({
  app,
}) => {
  await waitUntilRegistered(app);
  const call = await answeredCallFrom(app, '0904000002');
  await expectAudioFlowing(call.callId);

  await control.freezeKamailio();
  try {
    // The platform's BYE waits in a Kamailio that answers nobody; its media stops at once.
    await control.hangup(call.callId);
    await expect.poll(async () => (await seen(call.callId)).state, { timeout: 15_000 }).toBe('ended');
    await expect(endedNote(app)).toHaveAttribute('data-reason', 'connection-lost', { timeout: MEDIA_LOST_MS });
    await expect(endedNote(app)).toHaveText('Mất kết nối: cuộc gọi đã kết thúc.');
    await expect(activeCards(app)).toHaveCount(0);
  } finally {
    await control.unfreezeKamailio();
  }
  // The socket the keepalive found dead under the call is replaced once the call is over.
  await waitUntilRegistered(app);
});

test('Kamailio restarted while a call rings: the call that can no longer be answered ends as connection lost, and the next one is answered', async ({
  app,
}) => {
  await waitUntilRegistered(app);
  await control.startCall({ direction: 'inbound', from: '0904000003', to: agentA.sipUser, ringMs: 60_000 });
  const incoming = app.getByTestId('incoming-call');
  await expect(incoming).toBeVisible({ timeout: 20_000 });

  // The INVITE's transaction dies with the connection: a 200 OK would go nowhere (soak call s1-h0002).
  await control.restartKamailio();
  await expect(endedNote(app)).toHaveAttribute('data-reason', 'connection-lost', { timeout: RECOVERY_MS });
  await expect(incoming).toHaveCount(0);

  await waitUntilRegistered(app);
  const call = await answeredCallFrom(app, '0904000004');
  await activeCards(app).getByRole('button', { name: 'Kết thúc' }).click();
  await expect(endedNote(app)).toHaveAttribute('data-reason', 'local-hangup', { timeout: 15_000 });
  await expect.poll(async () => (await seen(call.callId)).state, { timeout: 15_000 }).toBe('ended');
});
