import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openSettings, test as base } from './fixtures';
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import type { SandboxAgent } from '../../../sandbox/state';
import { appEnvFor } from '../../support/sandbox-env';
import { sipAppEnvFor } from '../../support/sip-env';

/**
 * Settings' checks for IT in the browser through the web host: Test connection names the
 * failing step for each broken setting (and says why, in the UI's language), passes every step
 * with good settings and the phone registered in the sandbox's Kamailio; the audio check's
 * meter follows Chromium's fake microphone; Open logs folder shows where the logs are.
 */

let sandbox: RunningSandbox;
let agent: SandboxAgent;
/** A loopback port nothing listens on. */
let closedPort = 0;

/**
 * The shared fixture fails a test on any console error. A phone pointed at a SIP server that is
 * not there makes Chromium itself log "WebSocket connection to 'ws://…' failed": expected for
 * that address only (`quietAddress`), anything else still fails the test.
 */
const test = base.extend<{ quietAddress: string }>({
  quietAddress: ['', { option: true }],
  app: async ({ page, webHost, quietAddress }, use) => {
    const problems: string[] = [];
    const expected = quietAddress ? `WebSocket connection to '${new URL(quietAddress).href}' failed` : undefined;
    page.on('console', (message) => {
      if (message.type() === 'error' && !(expected && message.text().startsWith(expected))) {
        problems.push(message.text());
      }
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(webHost.url);
    await use(page);
    expect(problems).toEqual([]);
  },
});

// Registration through Kamailio and several hosts one after the other on two cores.
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  sandbox = await startSandbox({ kamailio: true, platform: false, calls: 20, days: 2 });
  const [first] = sandbox.state.agents;
  if (!first) throw new Error('the sandbox needs an agent');
  agent = first;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

test.afterAll(async () => {
  await sandbox?.close();
});

const ENGLISH = { LANG: 'en_US.UTF-8' };

/** The API and signals settings (no SIP account) with `changes`, in English. */
function accountEnv(changes: Record<string, string>): Record<string, string> {
  return { ...appEnvFor(sandbox, agent.sipUser), ...ENGLISH, ...changes };
}

/** Everything, the SIP account in the sandbox's Kamailio included, with `changes`, in English. */
function phoneEnv(changes: Record<string, string>): Record<string, string> {
  return { ...sipAppEnvFor(sandbox, agent), ...ENGLISH, ...changes };
}

async function waitUntilRegistered(app: Page): Promise<void> {
  await expect(app.getByTestId('sip-status')).toHaveAttribute('data-state', 'registered', { timeout: 30_000 });
}

/** Opens Settings, presses Test connection and waits for the result. */
async function testConnection(app: Page, language: 'en' | 'vi' = 'en'): Promise<void> {
  await openSettings(app, language === 'en' ? 'Settings' : 'Cài đặt');
  await app
    .getByRole('button', { name: language === 'en' ? 'Test connection' : 'Kiểm tra kết nối', exact: true })
    .click();
  // The SIP step may wait up to 15 s for a registration in progress to settle.
  await expect(app.getByTestId('check-summary')).toBeVisible({ timeout: 45_000 });
}

const step = (app: Page, id: string) => app.getByTestId(`check-step-${id}`);

/** `failing` failed saying `why`; the steps before passed and the ones after were skipped. */
async function expectFailedAt(app: Page, failing: string, why: string | RegExp): Promise<void> {
  const order = ['api', 'signals', 'sip', 'clickToCall'];
  const at = order.indexOf(failing);
  for (const [index, id] of order.entries()) {
    const expected = index < at ? 'ok' : index === at ? 'failed' : 'skipped';
    await expect(step(app, id), id).toHaveAttribute('data-outcome', expected);
  }
  await expect(step(app, failing)).toContainText(why);
}

/** One broken setting per host: [name, environment, failing step, what the step must say]. */
const BROKEN: readonly [string, () => Record<string, string>, string, string | RegExp][] = [
  ['a wrong App secret', () => accountEnv({ ANTRING_APP_SECRET: 'not-the-app-secret' }), 'api', 'App secret is wrong'],
  ['a wrong App ID', () => accountEnv({ ANTRING_APP_ID: '9999999999999' }), 'api', 'does not know the App ID'],
  [
    'an API address where nothing answers',
    () => accountEnv({ ANTRING_API_URL: `http://127.0.0.1:${closedPort}` }),
    'api',
    'connection refused',
  ],
  [
    'a call signals URL where nothing answers',
    () => accountEnv({ ANTRING_SIGNALS_URL: `ws://127.0.0.1:${closedPort}/` }),
    'signals',
    /Nothing answers at 127\.0\.0\.1:\d+ \(connection refused\)/,
  ],
  ['a wrong Account ID', () => accountEnv({ ANTRING_ACCOUNT_ID: 'f'.repeat(32) }), 'signals', 'refused the Account ID'],
  ['no SIP account', () => accountEnv({}), 'sip', 'The “SIP WebSocket URL” is not set'],
  [
    'a wrong company domain',
    () => phoneEnv({ ANTRING_DOMAIN: 'someone-else.antbuddy.com' }),
    'clickToCall',
    'check the “company domain”',
  ],
];

for (const [name, env, failing, why] of BROKEN) {
  test.describe(`Test connection with ${name}`, () => {
    test.use({
      // eslint-disable-next-line no-empty-pattern
      hostEnv: async ({}, use) => {
        await use(env());
      },
    });

    test(`fails at “${failing}” and says why`, async ({ app }) => {
      if (failing === 'clickToCall') await waitUntilRegistered(app);
      await testConnection(app);
      await expectFailedAt(app, failing, why);
    });
  });
}

test.describe('Test connection with a SIP server that cannot be reached', () => {
  test.use({
    // eslint-disable-next-line no-empty-pattern
    quietAddress: async ({}, use) => {
      await use(`ws://127.0.0.1:${closedPort}/ws`);
    },
    // eslint-disable-next-line no-empty-pattern
    hostEnv: async ({}, use) => {
      await use(phoneEnv({ ANTRING_SIP_WS_URL: `ws://127.0.0.1:${closedPort}/ws` }));
    },
  });

  test('fails at the SIP step, naming the SIP server', async ({ app }) => {
    await testConnection(app);
    await expectFailedAt(app, 'sip', `cannot reach the SIP server at 127.0.0.1:${closedPort}`);
  });
});

test.describe('Test connection in Vietnamese', () => {
  test.use({
    // eslint-disable-next-line no-empty-pattern
    hostEnv: async ({}, use) => {
      await use({ ...appEnvFor(sandbox, agent.sipUser), ANTRING_APP_SECRET: 'not-the-app-secret' });
    },
  });

  test('names the failing step in Vietnamese, and the host logs the run without the secret', async ({
    app,
    webHost,
  }) => {
    await testConnection(app, 'vi');
    await expectFailedAt(app, 'api', 'App secret sai');
    await expect(step(app, 'api')).toContainText('Lỗi');
    await expect(step(app, 'signals')).toContainText('Bỏ qua');
    await expect(app.getByTestId('check-summary')).toContainText('Lỗi ở bước “API AntBuddy (mã xác thực thoại)”');
    const logFile = join(webHost.dataDir, 'logs', 'webhost.log');
    expect(existsSync(logFile)).toBe(true);
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('Test connection');
    expect(log).not.toContain('not-the-app-secret');
  });
});

test.describe('The checks with their results shown', () => {
  test.use({
    // eslint-disable-next-line no-empty-pattern
    hostEnv: async ({}, use) => {
      await use(accountEnv({ ANTRING_APP_SECRET: 'not-the-app-secret' }));
    },
  });

  test('pass axe-core with no serious or critical violation', async ({ app }) => {
    await testConnection(app);
    await app.getByRole('button', { name: 'Open logs folder' }).click();
    await expect(app.getByTestId('logs-path')).toBeVisible();
    await app.getByRole('button', { name: 'Test the microphone' }).click();
    await expect(app.getByRole('button', { name: 'Stop the microphone test' })).toBeVisible();
    const results = await new AxeBuilder({ page: app })
      .include('.settings-checks')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
    expect(serious).toEqual([]);
  });
});

test.describe('Test connection with good settings and the phone registered', () => {
  test.use({
    // eslint-disable-next-line no-empty-pattern
    hostEnv: async ({}, use) => {
      await use(phoneEnv({}));
    },
  });

  test('every step passes, each saying what it found', async ({ app }) => {
    await waitUntilRegistered(app);
    await testConnection(app);
    for (const id of ['api', 'signals', 'sip', 'clickToCall']) {
      await expect(step(app, id), id).toHaveAttribute('data-outcome', 'ok');
    }
    await expect(app.getByTestId('check-summary')).toContainText('All steps passed');
    await expect(step(app, 'sip')).toContainText(`registered at ${new URL(sandbox.sipWsUrl ?? '').host}`);
    await expect(step(app, 'clickToCall')).toContainText(`AntBuddy lists ${agent.sipUser} as ${agent.name}`);
    await expect(step(app, 'clickToCall')).toContainText('No call was placed');
  });
});

test.describe('Audio check and logs', () => {
  test.use({
    // eslint-disable-next-line no-empty-pattern
    hostEnv: async ({}, use) => {
      await use(accountEnv({}));
    },
  });

  test('the microphone meter moves with the fake microphone, and stops when Settings closes', async ({ app }) => {
    // Keeps every stream the page opens, to see that leaving the screen really closes the microphone.
    await app.evaluate(() => {
      const opened: MediaStream[] = [];
      (window as unknown as { openedStreams: MediaStream[] }).openedStreams = opened;
      const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (constraints) => {
        const stream = await original(constraints);
        opened.push(stream);
        return stream;
      };
    });
    await openSettings(app, 'Settings');
    await app.getByRole('button', { name: 'Test the microphone' }).click();
    const meter = app.getByRole('meter', { name: 'Microphone level' });
    await expect(app.getByText('Speak: the bar moves with your voice.')).toBeVisible();
    // Chromium's fake microphone beeps: the level rises during a beep and falls between beeps.
    const seen = new Set<number>();
    await expect
      .poll(
        async () => {
          seen.add(Number(await meter.getAttribute('aria-valuenow')));
          return seen.size >= 3 && Math.max(...seen) >= 30;
        },
        { timeout: 20_000, intervals: [100] },
      )
      .toBe(true);
    await app.getByRole('navigation').getByRole('button', { name: 'Phone' }).click();
    await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toHaveCount(0);
    const trackStates = (): Promise<string[]> =>
      app.evaluate(() =>
        (window as unknown as { openedStreams: MediaStream[] }).openedStreams.flatMap((stream) =>
          stream.getTracks().map((track) => track.readyState),
        ),
      );
    await expect.poll(trackStates).toContain('ended');
    expect(await trackStates()).not.toContain('live');
  });

  test('the test tone plays on the speaker and the ringtone on the ringer', async ({ app }) => {
    await openSettings(app, 'Settings');
    await app.getByRole('button', { name: 'Play a test tone on the speaker' }).click();
    await expect(app.getByTestId('sound-status-speaker')).toHaveText('Played. Did you hear it?', { timeout: 15_000 });
    await app.getByRole('button', { name: 'Play the ringtone on the ringer' }).click();
    // The ringtone lasts 3 s: Stop cuts it short.
    await expect(app.getByTestId('sound-status-ringer')).toHaveText('Playing…');
    await app.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(app.getByTestId('sound-status-ringer')).toHaveText('Played. Did you hear it?');
    await expect(app.getByRole('button', { name: 'Play the ringtone on the ringer' })).toBeVisible();
  });

  test('Open logs folder shows the web host’s logs folder, to copy', async ({ app, webHost }) => {
    await openSettings(app, 'Settings');
    await app.getByRole('button', { name: 'Open logs folder' }).click();
    await expect(app.getByTestId('logs-path')).toHaveValue(join(webHost.dataDir, 'logs'));
    await expect(app.getByRole('button', { name: 'Copy' })).toBeVisible();
  });
});

test.describe('The page’s errors in the host’s log', () => {
  const marker = 'e2e: an error the page did not handle';
  // This test throws on purpose: that one uncaught error is expected, anything else still fails.
  const tolerant = base.extend({
    app: async ({ page, webHost }, use) => {
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => {
        if (!error.message.includes(marker)) problems.push(error.message);
      });
      await page.goto(webHost.url);
      await use(page);
      expect(problems).toEqual([]);
    },
  });
  tolerant.use({
    // eslint-disable-next-line no-empty-pattern
    hostEnv: async ({}, use) => {
      await use(accountEnv({}));
    },
  });

  tolerant('an uncaught error reaches webhost.log', async ({ app, webHost }) => {
    await openSettings(app, 'Settings');
    await app.evaluate((text) => {
      setTimeout(() => {
        throw new Error(text);
      });
    }, marker);
    const logFile = join(webHost.dataDir, 'logs', 'webhost.log');
    await expect
      .poll(() => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''), { timeout: 10_000 })
      .toContain(`renderer: Error: ${marker}`);
  });
});
