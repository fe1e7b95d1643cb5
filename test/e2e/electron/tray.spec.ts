import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from './electron-binary';

/**
 * The tray as a console, in a real Electron (where one exists; skipped otherwise). A tray's
 * menu cannot be opened by a test, so the menus the app builds are captured as they are handed
 * to Menu.buildFromTemplate, and their items clicked as the OS would.
 */
const binary = findElectronBinary();
if (!binary.found) console.log(binary.reason);

/** A captured menu item, as the app's tray built it. */
interface CapturedItem {
  readonly label?: string;
  readonly type?: string;
  readonly checked?: boolean;
  readonly enabled?: boolean;
  readonly submenu?: readonly CapturedItem[];
}

test.describe('Electron tray', () => {
  test.skip(!binary.found, binary.found ? '' : binary.reason);

  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  test.beforeAll(async () => {
    if (!binary.found) return;
    dataDir = mkdtempSync(join(tmpdir(), 'antring-e2e-tray-'));
    app = await electron.launch({
      executablePath: binary.path,
      args: ['out/main/index.js', ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
      env: { ...process.env, ANTRING_DATA_DIR: dataDir, ANTRING_LANG: 'en' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    // From now on every menu the app builds is kept, newest last, with its click handlers.
    await app.evaluate(({ Menu }) => {
      const store = globalThis as unknown as { trayMenus: unknown[] };
      store.trayMenus = [];
      const build = Menu.buildFromTemplate.bind(Menu);
      Menu.buildFromTemplate = (template) => {
        store.trayMenus.push(template);
        return build(template);
      };
    });
  });

  test.afterAll(async () => {
    if (!binary.found) return;
    await app.evaluate(({ app: electronApp }) => electronApp.quit()).catch(() => {});
    await app.close().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The tray's newest menu (the one with a Quit item), without its functions. */
  const trayMenu = (): Promise<CapturedItem[]> =>
    app.evaluate(() => {
      const menus = (globalThis as unknown as { trayMenus: { label?: string }[][] }).trayMenus;
      const tray = [...menus].reverse().find((menu) => menu.some((item) => item.label === 'Quit')) ?? [];
      return JSON.parse(JSON.stringify(tray)) as CapturedItem[];
    });

  /** Clicks the item labelled `label` (in a submenu too) of the tray's newest menu. */
  const clickTray = (label: string): Promise<void> =>
    app.evaluate((_electron, wanted) => {
      interface Item {
        label?: string;
        submenu?: Item[];
        click?: () => void;
      }
      const menus = (globalThis as unknown as { trayMenus: Item[][] }).trayMenus;
      const tray = [...menus].reverse().find((menu) => menu.some((item) => item.label === 'Quit')) ?? [];
      const find = (items: Item[]): Item | undefined => {
        for (const item of items) {
          if (item.label === wanted) return item;
          const inside = item.submenu ? find(item.submenu) : undefined;
          if (inside) return inside;
        }
        return undefined;
      };
      const item = find(tray);
      if (!item?.click) throw new Error(`no tray item ${wanted}`);
      item.click();
    }, label);

  const settingsValues = () =>
    page.evaluate(async () => {
      const api = (
        window as unknown as {
          antring: { getSettings(): Promise<{ ok: boolean; value?: { values: { dnd: boolean } } }> };
        }
      ).antring;
      return (await api.getSettings()).value?.values;
    });

  test('the menu follows the settings: favourites to dial, Do not disturb saved from the tray', async () => {
    await page.evaluate(() =>
      (window as unknown as { antring: { saveSettings(patch: unknown): Promise<unknown> } }).antring.saveSettings({
        favourites: ['+84912345678'],
      }),
    );
    await expect
      .poll(async () => (await trayMenu()).find((item) => item.label === 'Favourites')?.submenu?.[0]?.label)
      .toBe('0912 345 678');
    const menu = await trayMenu();
    // The status line first, informing only; then Do not disturb, off.
    expect(menu[0]?.enabled).toBe(false);
    expect(menu.find((item) => item.label === 'Do not disturb')).toMatchObject({ type: 'checkbox', checked: false });

    await clickTray('Do not disturb');
    await expect.poll(async () => (await settingsValues())?.dnd).toBe(true);
    await expect
      .poll(async () => (await trayMenu()).find((item) => item.label === 'Do not disturb')?.checked)
      .toBe(true);
    expect((await trayMenu())[0]?.label).toMatch(/^(Do not disturb: calls are refused|Calls cannot reach you)/);
    await clickTray('Do not disturb');
    await expect.poll(async () => (await settingsValues())?.dnd).toBe(false);
  });

  test('offers the number on the clipboard, and nothing for other text', async () => {
    // Linux trays are polled; Windows and macOS look when the menu is about to open, which a test cannot do.
    test.skip(process.platform !== 'linux', 'the clipboard is watched by polling on Linux only');
    await app.evaluate(({ clipboard }) => clipboard.writeText('0912.345.678'));
    await expect
      .poll(async () => (await trayMenu()).map((item) => item.label), { timeout: 15_000 })
      .toContain('Call 0912 345 678 (clipboard)');
    await app.evaluate(({ clipboard }) => clipboard.writeText('Dear customer'));
    await expect
      .poll(async () => (await trayMenu()).map((item) => item.label), { timeout: 15_000 })
      .not.toContain('Call 0912 345 678 (clipboard)');
  });

  test('closing the window keeps the app running: in the tray, or in the taskbar where there is none', async () => {
    const status = await page.evaluate(async () => {
      const api = (
        window as unknown as { antring: { getTrayStatus(): Promise<{ value?: { availability: { kind: string } } }> } }
      ).antring;
      return (await api.getTrayStatus()).value?.availability.kind;
    });
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    const window = await app.evaluate(({ BrowserWindow }) => {
      const main = BrowserWindow.getAllWindows()[0];
      return main ? { visible: main.isVisible(), minimized: main.isMinimized() } : null;
    });
    if (status === 'missing') expect(window).toMatchObject({ minimized: true });
    else expect(window).toEqual({ visible: false, minimized: false });
    await expect
      .poll(async () => (await trayMenu()).map((item) => item.label))
      .toContain(status === 'missing' ? 'Hide window' : 'Show window');
  });

  test('Quit in the tray menu ends the app', async () => {
    const closed = app.waitForEvent('close');
    await clickTray('Quit');
    await closed;
  });
});
