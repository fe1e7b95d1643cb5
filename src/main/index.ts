import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  globalShortcut,
  ipcMain,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import { messageFor } from '../shared/errors';
import { createServices, type Services } from './services';
import {
  demoDataDir,
  demoLaunchFromArgv,
  relaunchArguments,
  relaunchDemoControl,
  startLaunchedDemo,
  type DemoSession,
} from './services/demo';
import { createRequestHandlers } from './services/request-handlers';
import { forwardServiceEvents } from './services/service-events';
import { PRODUCT_NAME, resolveDataDir } from './services/settings';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './shell/app-protocol';
import { resolveAppUrl } from './shell/app-url';
import { AppWindows } from './shell/app-windows';
import { createDialLinkInbox, DIAL_SCHEMES, dialUrlScheme, findDialUrl, isDialUrl } from './shell/deep-links';
import { startDialShortcut, textToDial, type DialShortcut } from './shell/global-shortcut';
import { createBroadcaster, registerIpcHandlers } from './shell/ipc';
import { openFolderWith, setupLogging } from './shell/logging';
import { syncStartAtLogin } from './shell/login-item';
import { demoSipPolicyFor, rendererCspFor } from './shell/renderer-csp';
import { safeStorageSecretBox } from './shell/secret-box';
import { hardenWebContents, installSessionSecurity, openExternalSafely } from './shell/security';
import { notifyMissedCalls } from './shell/notifications';
import { createPopupController, type PopupController } from './shell/popup';
import { followPowerEvents } from './shell/power';
import { openSettingsStore } from './shell/settings-store';
import { startTrayConsole, type TrayConsole } from './shell/tray-console';
import { createMainWindow, revealWindow } from './shell/windows';

// Electron entry: wiring only. Behaviour lives in shell/ (Electron edges) and services/ (plain Node).

const APP_ID = 'com.antbuddy.antring-companion';

// Before `ready`: ANTRING_DATA_DIR must isolate everything Chromium stores too (second profiles, tests).
// `--demo` (npm start -- --demo, or "Try the demo", which relaunches): the demo profile's own folder.
const launch = demoLaunchFromArgv(process.argv);
const realDataDir = resolveDataDir(process.env);
const dataDir = launch.demo ? demoDataDir(realDataDir) : realDataDir;
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
  let tray: TrayConsole | undefined;
  let services: Services | undefined;
  let demoSession: DemoSession | undefined;
  let popup: PopupController | undefined;
  let quitting = false;

  const showMainWindow = (): void => {
    if (mainWindow) revealWindow(mainWindow);
  };
  // Links wait here until the services exist: macOS sends open-url before `ready` when a link starts the app.
  const dialLinks = createDialLinkInbox();
  let dialShortcut: DialShortcut | undefined;
  const handleDialUrl = (url: string): void => {
    // The scheme only: a sip: URI may carry credentials, and the number is the customer's.
    log.info(`Dial link received (${dialUrlScheme(url) ?? 'unknown'}:)`);
    // The prompt it becomes brings the window up (dial.onChange below), once.
    dialLinks.receive(url);
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
    dialShortcut?.dispose();
    tray?.destroy();
    popup?.dispose();
    void services?.dispose();
    void demoSession?.close();
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
    .then(() => startLaunchedDemo({ launch, realDataDir, env: process.env, sipPolicy: demoSipPolicyFor(appUrl) }))
    .then((demo) => {
      if (demo && !demo.ok) {
        failStartup(messageFor(demo.error, app.getLocale().startsWith('vi') ? 'vi' : 'en'));
        return;
      }
      demoSession = demo?.value;
      // Production policy, unless this process started the demo: then its sandbox's loopback origins too.
      const rendererCsp = rendererCspFor(demoSession);
      if (rendererCsp.kind === 'demo') {
        if (rendererCsp.sipOrigin) log.info(`Demo: the page may connect to its Kamailio at ${rendererCsp.sipOrigin}`);
        if (rendererCsp.recordingsOrigin)
          log.info(`Demo: the page may play recordings from ${rendererCsp.recordingsOrigin}`);
      }
      installSessionSecurity(session.defaultSession, appUrl, (m) => log.warn(m), rendererCsp);
      registerAppProtocol(protocol, rendererDir, rendererCsp);

      const store = openSettingsStore(dataDir);
      if (!store.ok) {
        failStartup(messageFor(store.error, app.getLocale().startsWith('vi') ? 'vi' : 'en'));
        return;
      }
      const created = createServices({
        dataDir,
        // The demo's services talk to its sandbox, as the agent it seeded (services/demo).
        env: demoSession?.env ?? process.env,
        osLocale: app.getSystemLocale() || app.getLocale(),
        secretBox: safeStorageSecretBox(safeStorage, process.platform),
        settingsDocument: store.value.document,
        startupProblems: store.value.problems,
        openExternal: (url) => openExternalSafely(shell, url),
        openFolder: openFolderWith(shell),
        log,
        // A process is the real profile or the demo's: entering or leaving the demo relaunches the app.
        demo: relaunchDemoControl({
          session: demoSession,
          relaunch: (next) => {
            app.relaunch({ args: relaunchArguments(process.argv.slice(1), next) });
            app.quit();
          },
        }),
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
        closeTo: () => tray?.closeTo() ?? 'tray',
        onClosedToTray: () => tray?.closedToTray(),
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
      tray = startTrayConsole({
        settings: created.settings,
        trayStatus: created.trayStatus,
        callLog: created.callLog,
        dataDir,
        window: {
          isVisible: () => mainWindow?.isVisible() ?? false,
          show: showMainWindow,
          hide: () => mainWindow?.hide(),
        },
        quit: () => app.quit(),
        dial: (number) => {
          // A number picked from the menu: dialled at once; a failure comes back as the dial's prompt.
          const dialled = created.dial.request({ text: number, source: 'tray', confirm: false });
          if (!dialled.ok) log.warn(`Tray dial refused: ${dialled.error.code}`);
        },
        readClipboard: () => clipboard.readText(),
        platform: process.platform,
        env: process.env,
        uid: process.getuid?.() ?? 0,
        log,
      });
      const language = (): 'vi' | 'en' => created.settings.view().values.language;
      // Only newly found missed calls deserve a notification, not the agent clearing the list.
      let notified = new Set(created.missedCalls.list().map((call) => call.callId));
      created.missedCalls.onChange((calls) => {
        const fresh = calls.filter((call) => !notified.has(call.callId));
        notified = new Set(calls.map((call) => call.callId));
        if (fresh.length > 0) notifyMissedCalls(fresh, language(), showMainWindow);
      });

      // Dial from anywhere: a prompt (or a dial that failed) brings the window up wherever the agent was.
      created.dial.onChange((prompt) => {
        if (prompt && prompt.kind !== 'dialing') showMainWindow();
      });
      dialLinks.deliverTo((url) => void created.dial.request({ text: url, source: 'link', confirm: true }));
      dialShortcut = startDialShortcut({
        globalShortcut,
        accelerator: () => created.settings.view().values.dialShortcut,
        onSettingsChange: (listener) => created.settings.onChange(listener),
        onPressed: () => {
          log.info('Dial shortcut pressed');
          void textToDial(clipboard, process.platform).then((text) =>
            created.dial.request({ text, source: 'shortcut', confirm: true }),
          );
        },
        report: (state) => created.dial.shortcut.report(state),
        log: (message) => log.info(message),
      });

      const launchedWith = findDialUrl(process.argv);
      if (launchedWith) handleDialUrl(launchedWith);
      log.info(`${PRODUCT_NAME} ${app.getVersion()} started; data in ${dataDir}`);
    })
    .catch((error: unknown) =>
      failStartup(`Unexpected startup failure (${error instanceof Error ? error.name : 'unknown'}).`),
    );
}
