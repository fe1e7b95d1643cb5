import { expect, test } from './fixtures';

test('the app opens in Vietnamese, on the phone screen, and hides the access token', async ({ app, webHost }) => {
  const nav = app.getByRole('navigation', { name: 'Điều hướng chính' });
  await expect(nav.getByRole('button', { name: 'Điện thoại' })).toHaveAttribute('aria-current', 'page');
  // Nothing is set up on this host: the Phone item shows the first-run screen (first-run.spec.ts).
  await expect(app.getByRole('heading', { level: 1, name: 'Chào mừng đến với AntRing Companion' })).toBeVisible();
  await expect(app.locator('html')).toHaveAttribute('lang', 'vi');
  // The bridge script moved the token out of the address bar.
  await expect(app).toHaveURL(`${webHost.origin}/`);
  expect(await app.evaluate(() => typeof window.antring.getSettings)).toBe('function');
});

test('an app route sharing the fragment with the token stays, and the token leaves the address bar', async ({
  page,
  webHost,
}) => {
  await page.goto(`${webHost.origin}/#/popup&token=${webHost.token}`);
  await expect(page).toHaveURL(`${webHost.origin}/#/popup`);
  expect(await page.evaluate(() => window.antring.getAppInfo())).toMatchObject({ ok: true, value: { host: 'web' } });
});

test('the contract answers through the bridge, identifying the web host', async ({ app }) => {
  const info = await app.evaluate(() => window.antring.getAppInfo());
  expect(info).toMatchObject({ ok: true, value: { host: 'web', name: 'AntRing Companion' } });
  const bad = await app.evaluate(() => window.antring.saveSettings({ apiBaseUrl: 'ftp://x' }));
  expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'apiBaseUrl' } });
});

test('a page without the token gets no settings', async ({ page, webHost }) => {
  await page.goto(`${webHost.origin}/`);
  await page.getByRole('navigation').getByRole('button', { name: 'Cài đặt' }).click();
  await expect(page.getByRole('alert')).toContainText('Không tải được cài đặt');
  await expect(page.getByRole('alert')).toContainText('mã truy cập');
});
