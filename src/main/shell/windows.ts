import { BrowserWindow } from 'electron';
import { PRODUCT_NAME } from '../services/settings';

export interface MainWindowOptions {
  readonly appUrl: string;
  readonly preloadPath: string;
  /** Asked on close: true once the user chose Quit, so closing really closes. */
  readonly isQuitting: () => boolean;
  readonly onVisibilityChange: () => void;
  /**
   * Where a closed window goes: to the tray (hidden), or, where the desktop shows no tray icon,
   * to the taskbar (minimised), so the agent can still find it. The tray when absent.
   */
  readonly closeTo?: () => 'tray' | 'taskbar';
  /** After a close hid the window to the tray (the tray says so once). */
  readonly onClosedToTray?: () => void;
}

/** The main window. Closing it hides it to the tray: agents keep the phone open all day. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 720,
    minWidth: 720,
    minHeight: 520,
    title: PRODUCT_NAME,
    show: false,
    autoHideMenuBar: true,
    // Written out here, not built elsewhere, so the security scan can see every option.
    webPreferences: {
      // Reviewed: the preload exposes only the contract's named functions (src/preload/build-api.ts).
      preload: options.preloadPath, // eng-disable PRELOAD_JS_CHECK
      // The page is a web page: no Node.js, isolated from the preload, in Chromium's sandbox.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // The phone lives in this window: hidden in the tray, it must still ring and keep its call media and timers running.
      backgroundThrottling: false,
      // Middle-click would otherwise try to open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    if (options.isQuitting()) return;
    event.preventDefault();
    if (options.closeTo?.() === 'taskbar') {
      window.minimize();
      return;
    }
    window.hide();
    options.onClosedToTray?.();
  });
  window.on('show', options.onVisibilityChange);
  window.on('hide', options.onVisibilityChange);
  void window.loadURL(options.appUrl);
  return window;
}

/** Brings a hidden or minimised window to the front (second launch, tray, tel: link). */
export function revealWindow(window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
