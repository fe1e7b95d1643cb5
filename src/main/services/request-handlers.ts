import type { AppInfo, RequestHandlers } from '../../shared/contract';
import { ok } from '../../shared/result';
import type { Services } from './index';

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
  };
}
