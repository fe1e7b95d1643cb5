import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startWebHost, type WebHost } from '../../../src/webhost/start';

interface Fixtures {
  /** Extra environment for the web host, e.g. ANTRING_* variables IT would set. */
  hostEnv: Record<string, string>;
  webHost: WebHost;
  /** The app, opened at the address the web host printed; fails the test on console errors. */
  app: Page;
}

export const test = base.extend<Fixtures>({
  hostEnv: [{}, { option: true }],

  webHost: async ({ hostEnv }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'antring-e2e-'));
    // A minimal environment: nothing from the developer's own ANTRING_* variables leaks in.
    const started = await startWebHost({ env: { ANTRING_DATA_DIR: dataDir, LANG: 'vi_VN.UTF-8', ...hostEnv } });
    if (!started.ok) throw new Error(started.error.message);
    await use(started.value);
    await started.value.close();
    rmSync(dataDir, { recursive: true, force: true });
  },

  app: async ({ page, webHost }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(webHost.url);
    await use(page);
    // CSP violations and uncaught errors show up here.
    expect(problems).toEqual([]);
  },
});

export { expect };

export async function openSettings(page: Page, navLabel: 'Cài đặt' | 'Settings'): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: navLabel }).click();
  await expect(page.getByRole('heading', { level: 1, name: navLabel })).toBeVisible();
  // The form appears once settings arrive over the bridge.
  await expect(
    page.getByRole('button', { name: navLabel === 'Cài đặt' ? 'Lưu thay đổi' : 'Save changes' }),
  ).toBeVisible();
}
