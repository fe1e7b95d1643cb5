import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from './electron-binary';

// Dial from anywhere in a real Electron (the built app, npx electron-vite build first), where one exists:
// a tel: link at launch, a link from a second launch (single instance), and the global shortcut.
const binary = findElectronBinary();
if (!binary.found) console.log(binary.reason);

const SANDBOX_ARGS = process.platform === 'linux' ? ['--no-sandbox'] : [];

test.describe('Electron: dial from anywhere', () => {
  test.skip(!binary.found, binary.found ? '' : binary.reason);

  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  test.beforeAll(async () => {
    if (!binary.found) return;
    dataDir = mkdtempSync(join(tmpdir(), 'antring-e2e-dial-'));
    // As the OS starts the app for a click on a tel: link.
    app = await electron.launch({
      executablePath: binary.path,
      args: ['out/main/index.js', ...SANDBOX_ARGS, 'tel:+84-912-345-678'],
      env: { ...process.env, ANTRING_DATA_DIR: dataDir, ANTRING_LANG: 'en' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    if (!binary.found) return;
    await app.evaluate(({ app: electronApp }) => electronApp.quit()).catch(() => {});
    await app.close().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a tel: link that started the app is asked about once the page loads, the number normalised', async () => {
    const dialog = page.getByRole('dialog', { name: 'Call this number?' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('dial-prompt-number')).toHaveText('0912 345 678');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('a link opened while the app runs goes to the running app (second-instance), which comes to the front', async () => {
    if (!binary.found) return;
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.hide());
    const second = spawn(binary.path, ['out/main/index.js', ...SANDBOX_ARGS, 'sip:8001@pbx.example.vn'], {
      env: { ...process.env, ANTRING_DATA_DIR: dataDir },
      stdio: 'ignore',
    });
    // The second launch hands its argv over and quits at once.
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(0);
    const dialog = page.getByRole('dialog', { name: 'Call this number?' });
    await expect(dialog.getByTestId('dial-prompt-number')).toHaveText('8001');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible())).toBe(true);
    await page.keyboard.press('Escape');
  });

  test('a link that is not a number says so and dials nothing', async () => {
    await app.evaluate(({ app: electronApp }) =>
      electronApp.emit('open-url', { preventDefault() {} }, 'callto:someone'),
    );
    const notice = page.getByRole('dialog', { name: 'Nothing to call' });
    await expect(notice.getByRole('alert')).toContainText('not a phone number');
    await page.keyboard.press('Enter');
    await expect(notice).toBeHidden();
  });

  test('the global dial shortcut is registered with the OS, and Settings says so', async () => {
    const registered = await app.evaluate(({ globalShortcut }) =>
      globalShortcut.isRegistered('CommandOrControl+Alt+D'),
    );
    const state = await page.evaluate(() => window.antring.getDialShortcut());
    // Another program may hold it on this desktop: then the app must say so, not pretend.
    if (registered)
      expect(state).toEqual({ ok: true, value: { kind: 'registered', accelerator: 'CommandOrControl+Alt+D' } });
    else expect(state).toMatchObject({ ok: true, value: { kind: 'failed', accelerator: 'CommandOrControl+Alt+D' } });
  });
});
