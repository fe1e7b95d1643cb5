import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { demoDataDir } from '../../../src/main/services/demo';
import { importedProvisioningPath } from '../../../src/main/services/first-run';
import { settingsFilePath } from '../../../src/main/services/settings';
import { startWebHost } from '../../../src/webhost/start';

/**
 * The first run as a new user meets it: a web host with no settings shows the first-run
 * screen; a provisioning file is checked and imported from it; "Try the demo" starts the
 * project's sandbox (with Kamailio and its platform phone, installed here and in CI) in a
 * profile of its own, where simulated calls pop on screen and ring the in-app phone for real.
 */

// Kamailio, the platform phone's registration and two page loads on two cores: room beyond a minute.
test.describe.configure({ timeout: 150_000 });

const WELCOME = 'Chào mừng đến với AntRing Companion';

/** Serious and critical axe-core findings (WCAG 2.1 A and AA), as the accessibility suite counts them. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function expectFirstRun(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: WELCOME })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('demo-panel')).toHaveCount(0);
}

test('without settings the first screen offers the provisioning file, the settings form and the demo', async ({
  app,
}) => {
  await expectFirstRun(app);
  const main = app.getByRole('main');
  for (const choice of ['Dùng tệp của bộ phận IT', 'Tự nhập thiết lập', 'Dùng thử bản demo'])
    await expect(main.getByRole('heading', { level: 2, name: choice })).toBeVisible();
  await expect(app.getByTestId('demo-badge')).toHaveCount(0);
  await expect(app).toHaveTitle('AntRing Companion');
  expect(await seriousViolations(app)).toEqual([]);

  await main.getByRole('button', { name: 'Mở Cài đặt' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Cài đặt' })).toBeVisible();
  // The Phone item leads back to the first-run screen while nothing is set up.
  await app.getByRole('navigation').getByRole('button', { name: 'Điện thoại' }).click();
  await expectFirstRun(app);
});

test('a provisioning file with bad fields is explained field by field and stores nothing; a good one is imported', async ({
  app,
  webHost,
}) => {
  await expectFirstRun(app);
  const picker = app.getByTestId('provisioning-file');
  await picker.setInputFiles({
    name: 'acme.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        apiBaseUrl: 'http://openapi.acme.vn',
        language: 'fr',
        appSecrett: 'typo',
        sipUser: 'agent8001',
      }),
    ),
  });
  const problems = app.getByTestId('provisioning-problems').getByRole('listitem');
  await expect(problems).toHaveCount(3);
  await expect(problems.filter({ hasText: '"apiBaseUrl"' })).toHaveCount(1);
  await expect(problems.filter({ hasText: '"language"' })).toHaveCount(1);
  await expect(problems.filter({ hasText: '"appSecrett"' })).toHaveCount(1);
  expect(existsSync(importedProvisioningPath(webHost.dataDir))).toBe(false);
  expect(existsSync(settingsFilePath(webHost.dataDir))).toBe(false);

  // The corrected file: the app follows it at once (its language too), and says what it set.
  await picker.setInputFiles({
    name: 'acme.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ companyDomain: 'acme.antbuddy.com', language: 'en', sipUser: 'agent8001' })),
  });
  await expect(app.getByTestId('provisioning-imported')).toContainText('companyDomain, language, sipUser');
  expect(existsSync(importedProvisioningPath(webHost.dataDir))).toBe(true);
  await app.getByRole('button', { name: 'Continue' }).click();
  // An account is set up now: the app shows itself.
  await expect(app.getByRole('heading', { level: 1, name: 'Phone' })).toBeVisible();
  await expect(app.getByTestId('first-run')).toHaveCount(0);
});

test('"Try the demo" starts the sandbox in its own profile: marked Demo, signals live, a simulated call pops and rings the phone', async ({
  app,
  webHost,
}) => {
  await expectFirstRun(app);
  // Something of the user's own, to prove the demo never touches it.
  expect(await app.evaluate(() => window.antring.saveSettings({ displayName: 'Chị An' }))).toMatchObject({ ok: true });
  const realSettings = readFileSync(settingsFilePath(webHost.dataDir), 'utf8');

  await app.getByRole('button', { name: 'Dùng thử bản demo' }).click();
  await expect(app.getByTestId('demo-starting')).toBeVisible();

  // The page reloads into the demo profile.
  const panel = app.getByTestId('demo-panel');
  await expect(panel).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByTestId('demo-mark')).toHaveText('Demo');
  await expect(app.getByTestId('demo-badge')).toBeVisible();
  await expect(app).toHaveTitle('AntRing Companion (Demo)');
  await expect(app.getByTestId('first-run')).toHaveCount(0);
  await expect(app.getByTestId('signal-status')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  // Kamailio is installed here: the in-app phone registers on the demo's SIP server.
  await expect(panel.getByTestId('demo-sip')).toHaveAttribute('data-sip', 'with');
  await expect(app.getByTestId('sip-status')).toHaveAttribute('data-state', 'registered', { timeout: 30_000 });
  expect(await seriousViolations(app)).toEqual([]);

  await panel.getByRole('button', { name: 'Cuộc gọi đến' }).click();
  const status = panel.getByTestId('demo-call-status');
  await expect(status).toContainText('đang gọi cho bạn');
  const calling = /^(.+?) đang gọi/.exec((await status.textContent()) ?? '')?.[1];
  expect(calling).toBeTruthy();

  // The screen-pop (from the signals) and the phone's ringing card (a real SIP call).
  const pop = app.getByTestId('screenpop-card').first();
  await expect(pop.getByTestId('screenpop-number')).toHaveText(calling ?? '', { timeout: 20_000 });
  const ringing = app.getByTestId('incoming-call');
  await expect(ringing).toBeVisible({ timeout: 20_000 });
  await ringing.getByRole('button', { name: 'Từ chối' }).click();
  await expect(ringing).toHaveCount(0, { timeout: 15_000 });

  // Leaving the demo returns to the first-run screen; the user's own settings are as they were.
  await panel.getByRole('button', { name: 'Thoát bản demo' }).click();
  await expectFirstRun(app);
  await expect(app).toHaveTitle('AntRing Companion');
  expect(readFileSync(settingsFilePath(webHost.dataDir), 'utf8')).toBe(realSettings);
  // The demo kept what it stored (its call history, its caches) in its own folder.
  expect(existsSync(demoDataDir(webHost.dataDir))).toBe(true);
});

test('a web host started with demo: true goes straight into the demo', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'antring-e2e-demo-'));
  const started = await startWebHost({ env: { ANTRING_DATA_DIR: dataDir, LANG: 'en_GB.UTF-8' }, demo: true });
  if (!started.ok) throw new Error(started.error.message);
  const host = started.value;
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  try {
    await page.goto(host.url);
    const panel = page.getByTestId('demo-panel');
    await expect(panel).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('first-run')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: 'Phone' })).toBeVisible();
    await expect(page.getByTestId('signal-status')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    // The queue call pops too, with the queue it came through.
    await panel.getByRole('button', { name: 'Queue call' }).click();
    await expect(panel.getByTestId('demo-call-status')).toContainText('is calling through a queue');
    const pop = page.getByTestId('screenpop-card').first();
    await expect(pop.getByTestId('screenpop-queue')).not.toBeEmpty({ timeout: 20_000 });
    // The real profile was never opened.
    expect(existsSync(settingsFilePath(dataDir))).toBe(false);
    expect(problems).toEqual([]);
  } finally {
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
