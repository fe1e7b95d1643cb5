import type { CallLog } from '../services/call-log';
import type { SettingsService } from '../services/settings';
import type { TrayStatusService } from '../services/tray-status';
import { createReachabilityAlerts } from './tray-alerts';
import { detectTrayAvailability } from './tray-availability';
import { createCloseToTrayHint } from './tray-close-hint';
import { notifyClosedToTray, notifyReachability } from './tray-notifications';
import { createTray, type AppTray } from './tray';

/** The latest calls looked at for the menu's recent numbers (several calls with one number are common). */
const RECENT_CALLS_SCANNED = 50;

export interface TrayConsoleOptions {
  readonly settings: SettingsService;
  readonly trayStatus: TrayStatusService;
  readonly callLog: CallLog;
  readonly dataDir: string;
  readonly window: { isVisible(): boolean; show(): void; hide(): void };
  readonly quit: () => void;
  /** Dials at once, through the one dial path (services.dial, source `tray`, no confirmation). */
  readonly dial: (number: string) => void;
  readonly readClipboard: () => Promise<string>;
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly uid: number;
  readonly log: { warn(message: string): void; info(message: string): void };
}

export interface TrayConsole extends AppTray {
  /** Where closing the window sends it: the taskbar where the desktop shows no tray icon. */
  closeTo(): 'tray' | 'taskbar';
  /** The window was closed to the tray: said once, ever, by a notification. */
  closedToTray(): void;
}

/**
 * The tray as the agent's console, wired to the services: the icon and menu follow the tray
 * status (signals, phone, Do not disturb), the settings (favourites, language) and the call log;
 * an outage is notified; the desktop is asked whether it shows the icon at all, and the answer
 * goes to the tray status, so the window can show the state instead where it does not.
 */
export function startTrayConsole(options: TrayConsoleOptions): TrayConsole {
  const { settings, trayStatus } = options;
  const language = () => settings.view().values.language;
  const tray = createTray(
    {
      isWindowVisible: options.window.isVisible,
      showWindow: options.window.show,
      hideWindow: options.window.hide,
      quit: options.quit,
      dial: options.dial,
      setDnd(on) {
        const saved = settings.save({ dnd: on });
        if (!saved.ok) options.log.warn(`Do not disturb could not be changed from the tray: ${saved.error.message}`);
      },
    },
    {
      language,
      reachability: () => trayStatus.current().reachability,
      dnd: () => {
        const view = settings.view();
        const source = view.sources.dnd;
        return { on: view.values.dnd, locked: source === 'env' || source === 'file' };
      },
      favourites: () => settings.view().values.favourites,
      recentNumbers: () => options.callLog.latest(RECENT_CALLS_SCANNED).map((call) => call.number),
      readClipboard: options.readClipboard,
    },
    options.platform,
  );

  const alerts = createReachabilityAlerts({
    notify: (alert) => {
      options.log.info(`Tray: ${alert.kind === 'unreachable' ? 'calls cannot reach the agent' : 'reachable again'}`);
      notifyReachability(alert, language(), options.window.show);
    },
  });
  alerts.update(trayStatus.current().reachability);
  const stops = [
    trayStatus.onChange((status) => {
      alerts.update(status.reachability);
      tray.refresh();
    }),
    settings.onChange(() => tray.refresh()),
    options.callLog.onRecorded(() => tray.refresh()),
  ];

  let disposed = false;
  trayStatus.setAvailability({ kind: 'checking' });
  void detectTrayAvailability(options.platform, options.env, options.uid)
    .catch(() => ({ kind: 'shown' as const }))
    .then((availability) => {
      if (disposed) return;
      trayStatus.setAvailability(availability);
      if (availability.kind === 'missing') {
        options.log.info(
          `Tray: the desktop (${availability.desktop || 'unknown'}) shows no tray icon (${availability.reason})`,
        );
      }
    });

  const hint = createCloseToTrayHint(
    options.dataDir,
    () => notifyClosedToTray(language(), options.window.show),
    options.log.warn,
  );

  return {
    refresh: tray.refresh,
    closeTo: () => (trayStatus.current().availability.kind === 'missing' ? 'taskbar' : 'tray'),
    closedToTray: () => hint.closedToTray(),
    destroy() {
      disposed = true;
      for (const stop of stops.splice(0)) stop();
      alerts.dispose();
      tray.destroy();
    },
  };
}
