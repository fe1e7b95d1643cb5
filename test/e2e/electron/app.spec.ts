import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { eventNames, requestNames } from '../../../src/shared/contract';
import { findElectronBinary } from './electron-binary';

// Runs the built app (npx electron-vite build first) in a real Electron, where one exists.
const binary = findElectronBinary();
if (!binary.found) console.log(binary.reason);

test.describe('Electron app', () => {
  test.skip(!binary.found, binary.found ? '' : binary.reason);

  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  test.beforeAll(async () => {
    if (!binary.found) return;
    dataDir = mkdtempSync(join(tmpdir(), 'antring-e2e-'));
    app = await electron.launch({
      executablePath: binary.path,
      args: ['out/main/index.js', ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
      env: { ...process.env, ANTRING_DATA_DIR: dataDir },
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

  test('opens the main window titled AntRing Companion', async () => {
    await expect(page).toHaveTitle('AntRing Companion');
  });

  test('window.antring has exactly the contract functions', async () => {
    const shape = await page.evaluate(() => {
      const api = (window as unknown as { antring?: Record<string, unknown> & { on?: Record<string, unknown> } })
        .antring;
      if (!api) return undefined;
      return {
        keys: Object.keys(api).sort(),
        functions: Object.keys(api)
          .filter((k) => typeof api[k] === 'function')
          .sort(),
        events: Object.keys(api.on ?? {}).sort(),
      };
    });
    expect(shape).toEqual({
      keys: [...requestNames, 'on'].sort(),
      functions: [...requestNames].sort(),
      events: [...eventNames].sort(),
    });
  });

  test('the page has no Node.js', async () => {
    const globals = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return { require: typeof w['require'], process: typeof w['process'], module: typeof w['module'] };
    });
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined' });
  });

  test('a request from the page answers through the contract', async () => {
    const info = await page.evaluate(async () => {
      const api = (
        window as unknown as {
          antring: { getAppInfo(): Promise<{ ok: boolean; value?: { host: string; dataDir: string } }> };
        }
      ).antring;
      return api.getAppInfo();
    });
    expect(info).toMatchObject({ ok: true, value: { host: 'electron', dataDir } });
  });

  test('navigation away from the app is blocked', async () => {
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    // Wait for the evidence that will-navigate refused it (logged as it calls preventDefault),
    // rather than for an arbitrary time, then check the page stayed.
    const logFile = join(dataDir, 'logs', 'main.log');
    await expect
      .poll(() => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''))
      .toContain('Blocked navigation to https://example.com');
    expect(page.url()).toBe(before);
    expect(await page.evaluate(() => typeof (window as unknown as { antring?: unknown }).antring)).toBe('object');
    expect(app.windows()).toHaveLength(1);
  });
});
