import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { PRODUCT_NAME } from '../services/settings';
import { ringIconPng } from './png';

export interface TrayActions {
  isWindowVisible(): boolean;
  showWindow(): void;
  hideWindow(): void;
  quit(): void;
}

export interface AppTray {
  /** Connection state shown in the tooltip (filled in by the signals work). */
  setStatus(text: string | undefined): void;
  /** Call when the window was shown or hidden some other way, so Show/Hide stays right. */
  refresh(): void;
  destroy(): void;
}

/** Menu items as plain data, so the menu's behaviour can be tested without Electron. */
export function trayMenuTemplate(actions: TrayActions, language: 'vi' | 'en'): { label: string; click: () => void }[] {
  const visible = actions.isWindowVisible();
  const labels =
    language === 'vi'
      ? { show: 'Hiện cửa sổ', hide: 'Ẩn cửa sổ', quit: 'Thoát' }
      : { show: 'Show window', hide: 'Hide window', quit: 'Quit' };
  return [
    visible
      ? { label: labels.hide, click: () => actions.hideWindow() }
      : { label: labels.show, click: () => actions.showWindow() },
    { label: labels.quit, click: () => actions.quit() },
  ];
}

export function tooltipFor(status: string | undefined): string {
  return status ? `${PRODUCT_NAME}: ${status}` : PRODUCT_NAME;
}

/**
 * The tray keeps the app reachable all day: closing the window only hides it. The menu is
 * rebuilt whenever the window's visibility changes, so Show/Hide always matches it.
 */
export function createTray(actions: TrayActions, language: () => 'vi' | 'en'): AppTray {
  const tray = new Tray(nativeImage.createFromBuffer(ringIconPng(32), { scaleFactor: 2 }));
  const refreshMenu = (): void => {
    const template = trayMenuTemplate(actions, language()).map((item) => ({
      label: item.label,
      click: () => {
        item.click();
        refreshMenu();
      },
    }));
    const items: MenuItemConstructorOptions[] = template.flatMap((item, index) =>
      index === template.length - 1 ? [{ type: 'separator' as const }, item] : [item],
    );
    tray.setContextMenu(Menu.buildFromTemplate(items));
  };
  tray.setToolTip(tooltipFor(undefined));
  refreshMenu();
  // Left click toggles the window on Windows/Linux; macOS opens the menu instead.
  tray.on('click', () => {
    if (actions.isWindowVisible()) actions.hideWindow();
    else actions.showWindow();
    refreshMenu();
  });
  return {
    setStatus(text) {
      tray.setToolTip(tooltipFor(text));
    },
    refresh: refreshMenu,
    destroy() {
      tray.destroy();
    },
  };
}
