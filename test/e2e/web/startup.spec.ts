import AxeBuilder from '@axe-core/playwright';
import type { WebSocketRoute } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * The app paints its frame before the host has answered anything. The bridge's socket is held
 * here (every answer the host sends waits until the test lets it through), so what the page
 * shows meanwhile is what an agent sees while a slow host starts: the frame and the Phone
 * screen, whose dial field already works (a Call waits for the phone), with nothing claimed that
 * is not known yet.
 */

// An account IT has set (an app id), no SIP: the Phone screen, not the first-run screen, and no SIP traffic.
test.use({ hostEnv: { ANTRING_APP_ID: 'startup-test-app' } });

/** Routes the bridge's socket through the test; the host's frames wait in `held` while `holding`. */
function holdHostAnswers(): { route: (socket: WebSocketRoute) => void; release(): void } {
  let holding = true;
  const held: (() => void)[] = [];
  return {
    route(socket) {
      const host = socket.connectToServer();
      socket.onMessage((frame) => host.send(frame));
      host.onMessage((frame) => {
        const deliver = (): void => socket.send(frame);
        if (holding) held.push(deliver);
        else deliver();
      });
    },
    release() {
      holding = false;
      for (const deliver of held.splice(0)) deliver();
    },
  };
}

test('the Phone screen works before the host answers: a Call waits, then goes out once the host has answered', async ({
  page,
  webHost,
}) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const host = holdHostAnswers();
  await page.routeWebSocket(/\/bridge/, host.route);
  await page.goto(webHost.url);

  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
  await expect(nav.getByRole('button', { name: 'Điện thoại' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1, name: 'Điện thoại' })).toBeVisible();
  await expect(page.getByText('Đang khởi động điện thoại…')).toBeVisible();
  await expect(page.getByLabel('Số điện thoại')).toBeEnabled();
  // React replaced the frame index.html painted: one header, no leftover of the static one.
  await expect(page.locator('.startup-shell')).toHaveCount(0);
  await expect(page.locator('.app-header')).toHaveCount(1);
  await expect(page.getByText('Điện thoại chưa được kết nối')).toHaveCount(0);
  // The starting Phone screen is a screen like the others for assistive technology (WCAG 2.1 A and AA).
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // A Call pressed now is kept and said so, not lost.
  await page.getByLabel('Số điện thoại').fill('0912 345 678');
  await page.getByRole('button', { name: 'Gọi', exact: true }).click();
  await expect(page.getByTestId('dial-queued')).toContainText('ngay khi điện thoại sẵn sàng');

  host.release();
  await expect(page.getByText('Điện thoại chưa được kết nối')).toBeVisible();
  await expect(page.getByText('Đang khởi động điện thoại…')).toHaveCount(0);
  // No SIP here: it went the way the settings say (click-to-call), and the screen says how it went.
  await expect(page.getByTestId('dial-queued')).toHaveCount(0);
  await expect(page.getByTestId('dial-error').or(page.getByTestId('dial-placed'))).toBeVisible();

  // A lazy screen loads on its first visit, and focus lands on its title once it is there.
  await nav.getByRole('button', { name: 'Lịch sử' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lịch sử cuộc gọi' })).toBeFocused();
  await nav.getByRole('button', { name: 'Tổng quan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tổng quan' })).toBeFocused();
  expect(problems).toEqual([]);
});

test("the frame's dial field works before the app's code has loaded, and the app carries on what was done there", async ({
  page,
  webHost,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  const host = holdHostAnswers();
  await page.routeWebSocket(/\/bridge/, host.route);
  // The app's code (React and the rest) waits here until the test lets it through.
  let releaseApp: () => void = () => undefined;
  const appHeld = new Promise<void>((resolve) => (releaseApp = resolve));
  await page.route(/\/assets\/startup-[\w-]+\.js$/, async (route) => {
    await appHeld;
    await route.continue();
  });
  // Not waiting for the load event: it waits for the app's code, held above.
  await page.goto(webHost.url, { waitUntil: 'commit' });

  const frameField = page.locator('#startup-dial-number');
  await expect(frameField).toBeEnabled();
  await frameField.fill('0912 345 678');
  await page.getByRole('button', { name: 'Gọi', exact: true }).click();
  await expect(page.locator('[data-startup-dial-note]')).toContainText(
    'Sẽ gọi 0912345678 ngay khi điện thoại sẵn sàng',
  );
  await frameField.focus();

  releaseApp();
  // React replaced the frame: the same number in its field, the focus there, and the Call kept.
  await expect(page.locator('.startup-shell')).toHaveCount(0);
  const field = page.getByLabel('Số điện thoại');
  await expect(field).toHaveValue('0912 345 678');
  await expect(field).toBeFocused();
  await expect(page.getByTestId('dial-queued')).toContainText('ngay khi điện thoại sẵn sàng');

  host.release();
  // No SIP here: the Call went the way the settings say (click-to-call), and the screen says how.
  await expect(page.getByTestId('dial-error').or(page.getByTestId('dial-placed'))).toBeVisible();
  await expect(page.getByTestId('dial-queued')).toHaveCount(0);
  expect(problems).toEqual([]);
});
