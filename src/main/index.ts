import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, safeStorage, session, shell } from 'electron';
import { messageFor } from '../shared/errors';
import { createServices, type Services } from './services';
import { createRequestHandlers } from './services/request-handlers';
import { forwardServiceEvents } from './services/service-events';
import { PRODUCT_NAME, resolveDataDir } from './services/settings';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './shell/app-protocol';
import { resolveAppUrl } from './shell/app-url';
import { AppWindows } from './shell/app-windows';
import { DIAL_SCHEMES, findDialUrl, isDialUrl } from './shell/deep-links';
import { createBroadcaster, registerIpcHandlers } from './shell/ipc';
import { setupLogging } from './shell/logging';
import { syncStartAtLogin } from './shell/login-item';
import { safeStorageSecretBox } from './shell/secret-box';
import { hardenWebContents, installSessionSecurity, openExternalSafely } from './shell/security';
import { notifyMissedCalls } from './shell/notifications';
import { createPopupController, type PopupController } from './shell/popup';
import { followPowerEvents } from './shell/power';
import { openSettingsStore } from './shell/settings-store';
import { signalStatusText } from './shell/status-text';
import { createTray, type AppTray } from './shell/tray';
import { createMainWindow, revealWindow } from './shell/windows';

// Electron entry: wiring only. Behaviour lives in shell/ (Electron edges) and services/ (plain Node).

const APP_ID = 'com.antbuddy.antring-companion';

// Before `ready`: ANTRING_DATA_DIR must isolate everything Chromium stores too (second profiles, tests).
const dataDir = resolveDataDir(process.env);
app.setPath('userData', dataDir);
app.setAppUserModelId(APP_ID);
app.enableSandbox();
// Before `ready` too: the renderer is served from app://antring, not file:// (shell/app-protocol.ts).
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let knownSecrets: readonly string[] = [];
const log = setupLogging(dataDir, () => knownSecrets);

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the phone; it received our argv (and any tel: link) through 'second-instance'.
  app.quit();
} else {
  start();
}

function start(): void {
  const here = dirname(fileURLToPath(import.meta.url));
  const rendererDir = join(here, '../renderer');
  const appUrl = resolveAppUrl({
    devServerUrl: process.env['ELECTRON_RENDERER_URL'],
    isPackaged: app.isPackaged,
  });
  const preloadPath = join(here, '../preload/index.cjs');
  const windows = new AppWindows();
  let mainWindow: BrowserWindow | undefined;
  let tray: AppTray | undefined;
  let services: Services | undefined;
  let popup: PopupController | undefined;
  let quitting = false;

  const showMainWindow = (): void => {
    if (mainWindow) revealWindow(mainWindow);
  };
  const handleDialUrl = (url: string): void => {
    // Dialling arrives with the dialer feature; for now surface the window. Log the scheme only:
    // a sip: URI may carry credentials.
    log.info(`Dial link received (${url.slice(0, url.indexOf(':'))}:)`);
    showMainWindow();
  };

  app.on('second-instance', (_event, argv) => {
    const dialUrl = findDialUrl(argv);
    if (dialUrl) handleDialUrl(dialUrl);
    else showMainWindow();
  });
  // macOS delivers links through open-url instead of argv.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    if (isDialUrl(url)) handleDialUrl(url);
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appUrl, shell, (m) => log.warn(m)));
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('activate', showMainWindow);
  app.on('will-quit', () => {
    tray?.destroy();
    popup?.dispose();
    void services?.dispose();
  });

  // Registering in a dev run would point the OS at the bare Electron binary. Reviewed: links
  // arriving this way are only matched against DIAL_SCHEMES and never loaded as pages.
  if (app.isPackaged) for (const scheme of DIAL_SCHEMES) app.setAsDefaultProtocolClient(scheme); // eng-disable PROTOCOL_HANDLER_JS_CHECK

  /**
   * A phone that cannot start must say so and exit: a windowless process holding the
   * single-instance lock would silently block every later launch.
   */
  const failStartup = (message: string): void => {
    log.error(`startup failed: ${message}`);
    dialog.showErrorBox(PRODUCT_NAME, message);
    app.exit(1);
  };

  app
    .whenReady()
    .then(() => {
      installSessionSecurity(session.defaultSession, appUrl, (m) => log.warn(m));
      registerAppProtocol(protocol, rendererDir);

      const store = openSettingsStore(dataDir);
      if (!store.ok) {
        failStartup(messageFor(store.error, app.getLocale().startsWith('vi') ? 'vi' : 'en'));
        return;
      }
      const created = createServices({
        dataDir,
        env: process.env,
        osLocale: app.getSystemLocale() || app.getLocale(),
        secretBox: safeStorageSecretBox(safeStorage, process.platform),
        settingsDocument: store.value.document,
        startupProblems: store.value.problems,
        openExternal: (url) => openExternalSafely(shell, url),
        log,
      });
      services = created;
      const rememberSecrets = (): void => {
        const s = created.settings.effective();
        knownSecrets = [s.appSecret, s.sipPassword];
      };
      rememberSecrets();
      created.settings.onChange(rememberSecrets);

      const handlers = createRequestHandlers(created, {
        name: PRODUCT_NAME,
        version: app.getVersion(),
        host: 'electron',
        platform: process.platform,
        dataDir,
      });
      registerIpcHandlers(ipcMain, handlers, {
        appUrl,
        isAppWebContents: (contents) => windows.ownsWebContents(contents),
      });
      forwardServiceEvents(
        created,
        createBroadcaster(() => windows.webContents()),
      );
      syncStartAtLogin(created.settings, app);
      followPowerEvents(powerMonitor, created, (message) => log.info(message));

      mainWindow = createMainWindow({
        appUrl,
        preloadPath,
        isQuitting: () => quitting,
        onVisibilityChange: () => tray?.refresh(),
      });
      windows.add(mainWindow);
      // Screen-pop: the main window shows pops in its frame; the popup shows them over other apps.
      popup = createPopupController({
        appUrl,
        preloadPath,
        windows,
        screenPop: created.screenPop,
        preferences: () => {
          const values = created.settings.view().values;
          return { popupEnabled: values.popupEnabled, language: values.language };
        },
        showMainWindow,
      });
      tray = createTray(
        {
          isWindowVisible: () => mainWindow?.isVisible() ?? false,
          showWindow: showMainWindow,
          hideWindow: () => mainWindow?.hide(),
          quit: () => app.quit(),
        },
        () => created.settings.view().values.language,
      );
      const language = (): 'vi' | 'en' => created.settings.view().values.language;
      const showStatus = (): void => tray?.setStatus(signalStatusText(created.signals.state(), language()));
      showStatus();
      created.signals.onState(showStatus);
      // Only newly found missed calls deserve a notification, not the agent clearing the list.
      let notified = new Set(created.missedCalls.list().map((call) => call.callId));
      created.missedCalls.onChange((calls) => {
        const fresh = calls.filter((call) => !notified.has(call.callId));
        notified = new Set(calls.map((call) => call.callId));
        if (fresh.length > 0) notifyMissedCalls(fresh, language(), showMainWindow);
      });

      const launchedWith = findDialUrl(process.argv);
      if (launchedWith) handleDialUrl(launchedWith);
      log.info(`${PRODUCT_NAME} ${app.getVersion()} started; data in ${dataDir}`);
    })
    .catch((error: unknown) =>
      failStartup(`Unexpected startup failure (${error instanceof Error ? error.name : 'unknown'}).`),
    );
}
