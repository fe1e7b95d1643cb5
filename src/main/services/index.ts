import type { AppError } from '../../shared/errors';
import type { Settings } from '../../shared/settings';
import { createAntBuddyClient, type AntBuddyClient } from './api';
import { createCallLog, type CallLog } from './call-log';
import { createDashboardService, type DashboardService } from './dashboard';
import { unavailableDemoControl, type DemoControl } from './demo/demo-control';
import { createDialService, type DialService } from './dial';
import { noopLogger, type Logger } from './logger';
import { createProvisioningImport, withImportedProvisioning, type ProvisioningImport } from './first-run';
import { fetchHistory } from './history';
import { createHistoryService, type HistoryService } from './history-store';
import {
  createScreenPopFeature,
  tapAgentLegs,
  type DirectoryAgent,
  type OpenExternal,
  type ScreenPopService,
} from './screenpop';
import { createMissedCallKeeper, type MissedCallLog } from './missed-calls';
import { createPhoneRelay, type PhoneRelay } from './phone-relay';
import { createRecordingService, type RecordingService } from './recordings';
import { createSettingsService, type SecretBox, type SettingsDocument, type SettingsService } from './settings';
import { createBlackholeAdapter, createSignalService, type SignalConfig, type SignalService } from './signals';
import { createTrayStatus, type TrayStatusService } from './tray-status';
import { createConnectionCheck, type ConnectionCheck } from './connection-check';
import { createLogsService, type LogsService, type OpenFolder } from './logs';

/**
 * What a host (Electron main, the web host, the CLI) hands the services. Everything
 * environment-specific arrives here as a small interface, so services stay plain Node.
 */
export interface HostDeps {
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly osLocale: string;
  readonly secretBox: SecretBox;
  readonly settingsDocument: SettingsDocument;
  readonly startupProblems?: readonly AppError[];
  /** Where services report what went wrong (never with secrets); silent when absent. */
  readonly log?: Logger;
  /** Opens web pages in the user's browser (Electron only; the web host lets the page open links). */
  readonly openExternal?: OpenExternal;
  /** The demo: started, left and driven through the host (absent: this host has none). */
  readonly demo?: DemoControl;
  /** Shows a folder in the OS file manager (Electron only: the web host answers the logs folder's path instead). */
  readonly openFolder?: OpenFolder;
}

export interface Services {
  readonly dataDir: string;
  readonly settings: SettingsService;
  readonly api: AntBuddyClient;
  /** The demo as this host runs it (see services/demo). */
  readonly demo: DemoControl;
  /** The first-run screen's provisioning file import. */
  readonly provisioning: ProvisioningImport;
  /** Call signals; started while signalsUrl, accountId, appId and appSecret are set. */
  readonly signals: SignalService;
  /** Incoming-call pops, fed by the call signals. */
  readonly screenPop: ScreenPopService;
  /** Calls that rang this agent while call signals were down, found in the gap's history. */
  readonly missedCalls: MissedCallLog;
  /** The SIP phone's incoming call and Answer/Decline, carried between windows (the phone runs in one). */
  readonly phoneRelay: PhoneRelay;
  /** Call recordings: signed URLs to stream, and downloads into the data folder's `recordings/`. */
  readonly recordings: RecordingService;
  /** The company's agents as last loaded for the screen-pop (memory only): whom a call can be transferred to. */
  readonly colleagues: () => readonly DirectoryAgent[];
  /** The in-app phone's own call log (`call-log.jsonl` in the data folder). */
  readonly callLog: CallLog;
  /** The live queue and agent dashboard, fetched when the screen asks (no timers here). */
  readonly dashboard: DashboardService;
  /** The History screen's durable call history: one SQLite file per account, synced in the background. */
  readonly history: HistoryService;
  /** Dialling from anywhere: links, the global shortcut, the palette, the tray (one path, the dialer's choice of dialVia). */
  readonly dial: DialService;
  /** How reachable the agent is (signals, phone, Do not disturb) and whether the host's tray can be seen. */
  readonly trayStatus: TrayStatusService;
  /** Test connection (Settings): API, call signals, SIP and click-to-call, on the saved settings. */
  readonly connectionCheck: ConnectionCheck;
  /** The logs folder (`<data>/logs`) and the renderer's errors into the host's log. */
  readonly logs: LogsService;
  /** The machine is going to sleep: close the signals socket now, so the outage starts here. */
  suspend(): void;
  /**
   * The machine woke up: reconnect at once rather than wait for the dead-socket timer; the
   * reconnect fetches the gap's history, so calls that rang during sleep come back as missed.
   */
  resume(): void;
  /** Called after every resume() (the systemResumed event), so the renderer's phone checks its connection too. */
  onResumed(listener: (resumed: { at: number }) => void): () => void;
  /** Stops timers and sockets; idempotent. */
  dispose(): Promise<void>;
}

export function createServices(deps: HostDeps): Services {
  const log = deps.log ?? noopLogger;
  const missed = createMissedCallKeeper(deps.dataDir);
  missed.onProblem((error) => log.warn(error.message, { code: error.code }));
  const startupProblems = [...(deps.startupProblems ?? []), ...(missed.problem ? [missed.problem] : [])];
  // A copy that names an imported provisioning file (first-run/provisioning-import.ts).
  const settingsEnv = withImportedProvisioning(deps.env, deps.dataDir);
  const settings = createSettingsService({
    document: deps.settingsDocument,
    secretBox: deps.secretBox,
    env: settingsEnv,
    osLocale: deps.osLocale,
    startupProblems,
  });
  const api = createAntBuddyClient(
    () => {
      const s = settings.effective();
      return {
        baseUrl: s.apiBaseUrl,
        appId: s.appId,
        appSecret: s.appSecret,
        domain: s.companyDomain,
        email: s.companyEmail,
      };
    },
    { log },
  );

  // Screen-pop: its agents directory loads in the background once the API is configured (now or
  // after a save); a pop's earlier calls come from the history store (created below, asked only
  // when a call rings).
  const screenPop = createScreenPopFeature({
    api,
    settings: () => {
      const s = settings.effective();
      return { sipUser: s.sipUser, crmUrlTemplate: s.crmUrlTemplate, crmOpenOn: s.crmOpenOn };
    },
    recentCalls: (query) => history.recentCalls(query),
    ...(deps.openExternal ? { openExternal: deps.openExternal } : {}),
  });
  const startScreenPopWhenConfigured = (): void => {
    const s = settings.effective();
    if (s.appId !== '' && s.appSecret !== '') screenPop.start();
  };
  startScreenPopWhenConfigured();
  const stopWatchingSettings = settings.onChange(startScreenPopWhenConfigured);

  // Call signals feed the screen-pop. The adapter tap tells it which legs ring this agent's phone.
  const signalConfig = (s: Settings): SignalConfig | undefined => {
    if (s.signalsUrl === '' || s.accountId === '' || s.appId === '' || s.appSecret === '') return undefined;
    const agent = screenPop.service.agent();
    return {
      url: s.signalsUrl,
      accountId: s.accountId,
      agent: agent
        ? {
            sipUser: agent.sipUser,
            extension: agent.extensions,
            ...(agent.ownerId ? { ownerId: agent.ownerId } : {}),
            ...(agent.username ? { username: agent.username } : {}),
          }
        : { sipUser: s.sipUser },
    };
  };
  const signals = createSignalService({
    getConfig: () => signalConfig(settings.effective()),
    tokens: { getToken: () => api.getAuthToken({ retry: 'none' }) },
    history: { fetchRange: (from, to) => fetchHistory(api, { from, to }) },
    lastListeningAt: missed.lastListeningAt,
    log,
    adapter: tapAgentLegs(
      createBlackholeAdapter(),
      () => screenPop.service.agent(),
      (legIds) => screenPop.service.handleAgentLegRinging(legIds),
      (legIds) => screenPop.service.handleAgentLegAnswered(legIds),
    ),
  });
  const stopFeedingScreenPop = signals.onCallEvent((event) => screenPop.service.handleCallEvent(event));
  const missedCalls = missed.log;
  const stopCollectingMissed = missed.attach(signals);
  // Restart the connection when what it depends on changes (a new server, account or credentials).
  let connectedWith: string | undefined;
  const syncSignals = (): void => {
    const s = settings.effective();
    const config = signalConfig(s);
    const key = config ? JSON.stringify([config.url, config.accountId, s.appId, s.apiBaseUrl]) : undefined;
    // A failed connection (e.g. a wrong secret) is retried on any save; a live one is left alone.
    if (key === connectedWith && signals.state().kind !== 'failed') return;
    connectedWith = key;
    signals.stop();
    if (config) signals.start();
  };
  syncSignals();
  const stopWatchingSignalSettings = settings.onChange(syncSignals);

  // The durable call history: opens the configured account's file, refreshes after each call ends.
  const history = createHistoryService({
    dataDir: deps.dataDir,
    api,
    account: () => {
      const s = settings.effective();
      return { appId: s.appId, companyDomain: s.companyDomain, historyDays: s.historyDays };
    },
    me: () => {
      const agent = screenPop.service.agent();
      return [settings.effective().sipUser, ...(agent?.username ? [agent.username] : []), ...(agent?.extensions ?? [])];
    },
    log,
  });
  const stopWatchingHistorySettings = settings.onChange(() => history.settingsChanged());
  const stopFeedingHistory = signals.onCallEvent((event) => history.handleCallEvent(event));

  const resumedListeners = new Set<(resumed: { at: number }) => void>();
  const dial = createDialService({
    dialVia: () => settings.effective().dialVia,
    clickToCall: (number) => {
      // The same request as the contract's clickToCall: the SIP password stays in main.
      const s = settings.effective();
      return api.clickToCall(number, { sipUser: s.sipUser, sipPassword: s.sipPassword });
    },
    directory: () => screenPop.directory.list(),
    log,
  });
  const phoneRelay = createPhoneRelay();
  const trayStatus = createTrayStatus({ signals, phone: phoneRelay, settings });

  return {
    dataDir: deps.dataDir,
    settings,
    api,
    demo: deps.demo ?? unavailableDemoControl(),
    provisioning: createProvisioningImport({
      dataDir: deps.dataDir,
      settingsEnv,
      reloadSettings: () => settings.reload(),
    }),
    signals,
    screenPop: screenPop.service,
    missedCalls,
    phoneRelay,
    recordings: createRecordingService({ api, dataDir: deps.dataDir }),
    colleagues: () => screenPop.directory.list(),
    callLog: createCallLog(deps.dataDir),
    dashboard: createDashboardService({ api }),
    history,
    dial,
    trayStatus,
    connectionCheck: createConnectionCheck({ settings: () => settings.effective(), phone: phoneRelay, log }),
    logs: createLogsService({
      dataDir: deps.dataDir,
      log,
      ...(deps.openFolder ? { openFolder: deps.openFolder } : {}),
    }),
    suspend() {
      signals.stop();
      connectedWith = undefined;
    },
    resume() {
      connectedWith = undefined;
      syncSignals();
      void history.refresh();
      const resumed = { at: Date.now() };
      for (const listener of [...resumedListeners]) listener(resumed);
    },
    onResumed(listener) {
      resumedListeners.add(listener);
      return () => resumedListeners.delete(listener);
    },
    async dispose() {
      stopCollectingMissed();
      stopWatchingSettings();
      stopWatchingSignalSettings();
      stopFeedingScreenPop();
      signals.stop();
      screenPop.dispose();
      stopWatchingHistorySettings();
      stopFeedingHistory();
      trayStatus.dispose();
      await history.dispose();
    },
  };
}
