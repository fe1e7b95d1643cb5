import type { AppInfo, RequestHandlers } from '../../shared/contract';
import { normalizeVietnamPhone } from '../../shared/phone';
import { ok } from '../../shared/result';
import { setFavourite } from './dial';
import type { Services } from './index';
import { importProvisioningUnlessDemo } from './first-run';
import { buildCrmUrl } from './screenpop/crm-url';

/**
 * One implementation of the contract, shared by every host, so the Electron app and the
 * web host cannot drift apart. Hosts add only transport (IPC or WebSocket) around it.
 */
export function createRequestHandlers(services: Services, appInfo: AppInfo): RequestHandlers {
  return {
    getAppInfo: () => ok(appInfo),
    getSettings: () => ok(services.settings.view()),
    saveSettings: (patch) => services.settings.save(patch),
    getSipCredentials: () => {
      const s = services.settings.effective();
      return ok({
        wsUrl: s.sipWsUrl,
        domain: s.sipDomain,
        user: s.sipUser,
        password: s.sipPassword,
        displayName: s.displayName,
        iceServers: s.iceServers,
      });
    },
    clickToCall: ({ number }) => {
      // The SIP password stays in main: the renderer only names the number.
      const s = services.settings.effective();
      return services.api.clickToCall(number, { sipUser: s.sipUser, sipPassword: s.sipPassword });
    },
    getScreenPops: () => ok(services.screenPop.list()),
    dismissScreenPop: ({ callId }) => ok(services.screenPop.dismiss(callId)),
    openInCrm: ({ callId }) => services.screenPop.openInCrm(callId),
    crmLinkForNumber: ({ number, callId, did, queue }) => {
      const s = services.settings.effective();
      const phone = normalizeVietnamPhone(number);
      const link = buildCrmUrl(s.crmUrlTemplate, {
        number,
        number_e164: phone.e164 ?? '',
        number_local: phone.local,
        callId: callId ?? '',
        did: did ? normalizeVietnamPhone(did).local : '',
        queue: queue ?? '',
        agent: s.sipUser,
      });
      // The page opens it in both hosts: Electron's window-open handler sends http(s) links to the browser.
      return link.ok ? ok({ url: link.value, opened: false }) : link;
    },
    getSignalState: () => ok(services.signals.state()),
    getMissedCalls: () => ok(services.missedCalls.list()),
    clearMissedCalls: () => {
      services.missedCalls.clear();
      return ok(services.missedCalls.list());
    },
    reportPhoneCall: (summary) => {
      services.phoneRelay.report(summary);
      return ok(undefined);
    },
    getPhoneCall: () => ok(services.phoneRelay.current()),
    phoneCommand: (command) => {
      services.phoneRelay.command(command);
      return ok(undefined);
    },
    queryHistory: (query) => services.history.query(query ?? {}),
    countHistory: (query) => services.history.count(query ?? {}),
    groupHistory: (query) => services.history.group(query ?? {}),
    getHistorySyncState: () => ok(services.history.state()),
    refreshHistory: () => {
      // Answers at once: a run can take a while (a backfill); progress comes as historySyncChanged.
      void services.history.refresh();
      return ok(services.history.state());
    },
    exportHistory: (input) => services.history.exportHistory(input ?? {}),
    countHistoryMissed: ({ sinceMs }) => services.history.countMissed(sinceMs),
    getRecordingUrl: ({ media, fresh }) => services.recordings.playableUrl(media, { fresh: fresh === true }),
    downloadRecording: ({ media, fileName }) => services.recordings.download(media, fileName),
    // Only what the transfer field shows: no ids of the platform's users.
    getColleagues: () =>
      ok(
        services
          .colleagues()
          .map(({ name, extensions, username }) => ({ name, extensions: [...extensions], username })),
      ),
    recordCall: (call) => services.callLog.record(call),
    getCallLog: (query) => ok(services.callLog.latest(query?.limit ?? 50)),
    getDashboard: () => services.dashboard.snapshot(),
    // ---- dial from anywhere (issue 10) ----
    getDialPrompt: () => ok(services.dial.pending()),
    confirmDial: ({ id }) => services.dial.confirm(id),
    cancelDial: ({ id }) => {
      services.dial.cancel(id);
      return ok(undefined);
    },
    // Picked in the app: no confirmation (the agent just chose it), the same path as a link otherwise.
    dialNumber: ({ text, source }) => services.dial.request({ text, source, confirm: false }),
    getDialShortcut: () => ok(services.dial.shortcut.current()),
    setFavourite: ({ number, favourite }) => setFavourite(services.settings, number, favourite),
    // ---- end dial ----
    // ---- first run and the demo (issue 10) ----
    getDemoState: () => ok(services.demo.state()),
    startDemo: (input) => services.demo.start(input?.language ? { language: input.language } : {}),
    stopDemo: () => services.demo.stop(),
    simulateDemoCall: ({ kind }) => services.demo.simulateCall(kind),
    importProvisioning: (input) => importProvisioningUnlessDemo(services.demo.state(), services.provisioning, input),
    // ---- end first run ----
    // ---- checks for IT (issue 10) ----
    testConnection: async () => ok(await services.connectionCheck.run()),
    openLogsFolder: () => services.logs.open(),
    logFromRenderer: (entry) => {
      services.logs.fromRenderer(entry);
      return ok(undefined);
    },
    // ---- end checks ----
    // ---- the tray console (issue 10) ----
    getTrayStatus: () => ok(services.trayStatus.current()),
    // ---- end tray ----
  };
}
