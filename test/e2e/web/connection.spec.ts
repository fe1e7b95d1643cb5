import { expect, test } from './fixtures';
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import type { SandboxAgent } from '../../../sandbox/state';
import { formatForDisplay } from '../../../src/shared/phone';
import { appEnvFor } from '../../support/sandbox-env';

/**
 * Nothing missed, end to end: the header shows the call-signals connection; when the sandbox's
 * signals server goes down, a call that rings the agent meanwhile shows up as missed once the
 * connection is back, and stays until the agent marks it as seen.
 */

let sandbox: RunningSandbox;
let agent: SandboxAgent;

test.beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, calls: 300, days: 10 });
  const first = sandbox.state.agents[0];
  if (!first) throw new Error('the sandbox has no agents');
  agent = first;
});

test.afterAll(async () => {
  await sandbox?.close();
});

test.use({
  // eslint-disable-next-line no-empty-pattern
  hostEnv: async ({}, use) => {
    await use(appEnvFor(sandbox, agent.sipUser));
  },
});

test('the header follows the signals connection, and a call rung during an outage is shown as missed', async ({
  app,
}) => {
  const status = app.getByTestId('signal-status');
  await expect(status).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  await expect(status).toContainText('đã kết nối');

  // The server goes away: the app notices and keeps retrying.
  sandbox.signals.stop();
  await expect(status).toHaveAttribute('data-state', 'reconnecting', { timeout: 20_000 });

  const caller = '0987654321';
  const did = sandbox.state.dids[0];
  if (!did) throw new Error('the sandbox has no DID');
  const call = sandbox.signals.startCall({
    direction: 'inbound',
    from: caller,
    to: agent.sipUser,
    did,
    ringMs: 200,
    outcome: 'missed',
  });
  expect(await call.ended).toMatchObject({ status: 'completed' });

  sandbox.signals.start();
  await expect(status).toHaveAttribute('data-state', 'live', { timeout: 40_000 });

  const missed = app.getByTestId('missed-calls');
  await expect(missed.getByTestId('missed-call')).toHaveCount(1, { timeout: 20_000 });
  await expect(missed.getByTestId('missed-call')).toContainText(formatForDisplay(caller));
  await expect(missed).toContainText('1 cuộc gọi nhỡ khi mất kết nối');

  await missed.getByRole('button', { name: 'Đã xem' }).click();
  await expect(missed).toHaveCount(0);
  expect(await app.evaluate(() => window.antring.getMissedCalls())).toEqual({ ok: true, value: [] });
});
