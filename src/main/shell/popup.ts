import { BrowserWindow, screen } from 'electron';
import type { ScreenPop } from '../../shared/contract';
import type { AppWindows } from './app-windows';
import { notifyIncomingCall } from './notifications';
import { decidePresentation, popupBounds } from './popup-layout';

export interface PopupControllerOptions {
  readonly appUrl: string;
  readonly preloadPath: string;
  /** The popup joins the app's windows, so IPC trusts it and events reach it. */
  readonly windows: AppWindows;
  readonly screenPop: {
    list(): readonly ScreenPop[];
    onChange(listener: (pops: readonly ScreenPop[]) => void): () => void;
  };
  readonly preferences: () => { readonly popupEnabled: boolean; readonly language: 'vi' | 'en' };
  /** Clicking a notification (popups off) brings the main window up. */
  readonly showMainWindow: () => void;
}

export interface PopupController {
  dispose(): void;
}

/** The popup route of the renderer: the same page, showing only the incoming calls. */
export function popupUrl(appUrl: string): string {
  const url = new URL(appUrl);
  url.hash = '/popup';
  return url.href;
}

/**
 * The incoming-call popup: a small frameless window, always on top, at the bottom-right of the
 * screen the pointer is on. It is shown with showInactive() and is not focusable, so a ringing
 * call never steals the keyboard from what the agent is typing. The window is created once and
 * kept (hidden) so the next call appears without a page load.
 */
export function createPopupController(options: PopupControllerOptions): PopupController {
  const notified = new Set<string>();
  let window: BrowserWindow | undefined;

  const ensureWindow = (): BrowserWindow => {
    if (window && !window.isDestroyed()) return window;
    const created = new BrowserWindow({
      width: 380,
      height: 340,
      show: false,
      frame: false,
      resizable: false,
      movable: true,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
      focusable: false,
      // Its own title for screen readers and window lists; never shown (frameless).
      title: 'AntRing – incoming call',
      // Same as the main window, written out so the security scan can see every option.
      webPreferences: {
        // Reviewed: the preload exposes only the contract's named functions (src/preload/build-api.ts).
        preload: options.preloadPath, // eng-disable PRELOAD_JS_CHECK
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
        disableBlinkFeatures: 'Auxclick',
        // A hidden, never-focused window must still render the moment a call arrives.
        backgroundThrottling: false,
      },
    });
    // 'screen-saver' keeps it above full-screen apps on macOS; harmless elsewhere.
    created.setAlwaysOnTop(true, 'screen-saver');
    created.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
    options.windows.add(created);
    created.once('closed', () => {
      if (window === created) window = undefined;
    });
    void created.loadURL(popupUrl(options.appUrl));
    return created;
  };

  const place = (target: BrowserWindow, cards: number): void => {
    const display = screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
    target.setBounds(popupBounds(display.workArea, cards));
  };

  const update = (pops: readonly ScreenPop[]): void => {
    const prefs = options.preferences();
    const presentation = decidePresentation(pops, prefs.popupEnabled, notified);
    for (const id of [...notified]) if (!pops.some((p) => p.callId === id)) notified.delete(id);
    if (presentation.kind === 'popup') {
      const target = ensureWindow();
      place(target, presentation.cards);
      if (!target.isVisible()) target.showInactive();
      return;
    }
    if (window && !window.isDestroyed() && window.isVisible()) window.hide();
    if (presentation.kind === 'notifications') {
      for (const pop of presentation.notify) {
        notified.add(pop.callId);
        notifyIncomingCall(pop, prefs.language, options.showMainWindow);
      }
    }
  };

  // Load the page ahead of the first call: the pop must be on screen before the second ring.
  if (options.preferences().popupEnabled) ensureWindow();
  const stop = options.screenPop.onChange(update);
  update(options.screenPop.list());

  return {
    dispose() {
      stop();
      if (window && !window.isDestroyed()) window.destroy();
      window = undefined;
    },
  };
}
