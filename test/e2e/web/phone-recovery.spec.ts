import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import type { SandboxAgent } from '../../../sandbox/state';
import { formatForDisplay } from '../../../src/shared/phone';
import { sipAppEnvFor } from '../../support/sip-env';
import { testThroughSipOutages } from './far-end/sip-outage-test';
import { SandboxControl } from './far-end/sandbox-control';

/**
 * The in-app phone when its SIP server misbehaves, judged from the far end: Kamailio restarted
 * (registrations lost, the socket closed) and Kamailio frozen (SIGSTOP: the socket stays open
 * and nothing answers). Each time the app must notice by itself, register again, and take
 * calls from the platform phone afterwards. These tests stop the sandbox's Kamailio, so they
 * have a sandbox of their own.
 */

let sandbox: RunningSandbox;
let control: SandboxControl;
let agentA: SandboxAgent;

// Chromium's own log lines for the SIP server's address are expected while it is away.
const test = testThroughSipOutages(() => sandbox.sipWsUrl);

/** The app's promise: once the server is back, it is registered with again within 30 s. */
const RECOVERY_MS = 30_000;
/**
 * The app's promise: a silent socket is noticed within 30 s (keepalive.ts: an OPTIONS after
 * 10 s of silence, 10 s for its answer, so about 20 s after the server's last word).
 */
const DEAD_SOCKET_MS = 30_000;

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  sandbox = await startSandbox({ kamailio: true, calls: 10, days: 1 });
  if (!sandbox.platform) throw new Error(`the platform phone does not run: ${sandbox.platformProblem ?? ''}`);
  control = new SandboxControl(sandbox.controlUrl);
  const [first] = sandbox.state.agents;
  if (!first) throw new Error('the sandbox needs an agent');
  agentA = first;
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

function sipState(app: Page): Promise<string | null> {
  return app.getByTestId('sip-status').getAttribute('data-state');
}

async function waitUntilRegistered(app: Page, timeout = 30_000): Promise<void> {
  await expect(app.getByTestId('sip-status')).toHaveAttribute('data-state', 'registered', { timeout });
  await expect.poll(() => sandbox.kamailio?.isRegistered(agentA.sipUser), { timeout }).toBe(true);
}

/** The platform can reach the app again: a customer's call rings it, and declining it is a 603 at the far end. */
async function expectCallsRingAgain(app: Page, from: string): Promise<void> {
  // The platform phone re-registers after a restart by itself too; wait for it before calling.
  await expect
    .poll(async () => await control.platform(), { timeout: RECOVERY_MS })
    .toMatchObject({ running: true, registered: true });
  const signalsCallId = await control.startCall({ direction: 'inbound', from, to: agentA.sipUser });
  const incoming = app.getByTestId('incoming-call');
  await expect(incoming).toBeVisible({ timeout: 20_000 });
  await expect(incoming.getByTestId('call-number')).toHaveText(formatForDisplay(from));
  await incoming.getByRole('button', { name: 'Từ chối' }).click();
  await expect
    .poll(async () => (await control.callOf(signalsCallId, agentA.sipUser))?.endStatus, { timeout: 15_000 })
    .toBe(603);
}

test('Kamailio restarted during a session: the app registers again within 30 s and calls ring it again', async ({
  app,
}) => {
  await waitUntilRegistered(app);
  const before = await control.kamailio();

  const pid = await control.restartKamailio();
  expect(pid).not.toBe(before.pid);
  // A restarted Kamailio has an empty location table: a contact there now is the app's new REGISTER.
  await expect
    .poll(() => sandbox.kamailio?.isRegistered(agentA.sipUser), {
      timeout: RECOVERY_MS,
      message: 'Kamailio has the app registered again',
    })
    .toBe(true);
  await expect(app.getByTestId('sip-status')).toHaveAttribute('data-state', 'registered', { timeout: RECOVERY_MS });

  await expectCallsRingAgain(app, '0903000001');
});

test('Kamailio frozen: the dead socket is noticed, and once Kamailio resumes the app registers again within 30 s', async ({
  app,
}) => {
  await waitUntilRegistered(app);

  await control.freezeKamailio();
  try {
    await expect
      .poll(() => sipState(app), {
        timeout: DEAD_SOCKET_MS,
        message: 'the header leaves "registered" once the keepalive finds the socket dead',
      })
      .not.toBe('registered');
    expect(['offline', 'registering', 'failed']).toContain(await sipState(app));
  } finally {
    await control.unfreezeKamailio();
  }

  await waitUntilRegistered(app, RECOVERY_MS);
  await expectCallsRingAgain(app, '0903000002');
});
