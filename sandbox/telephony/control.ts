import type { IncomingMessage } from 'node:http';
import { failure, json, readJsonBody, type Reply } from '../http';
import type { RunningKamailio } from '../kamailio';
import type { SandboxPlatform } from './platform';
import { settingsPatchSchema } from './platform-settings';

/**
 * Test controls for the SIP side, under the sandbox's control prefix (/__sandbox):
 *   GET  /platform                 { running, sipUser, registered, settings } (or { running: false, reason })
 *   POST /platform/settings        { clickToCallMarker?, answerDelayMs?, toneHz?, deviceRingMs? } → settings
 *   GET  /platform/calls           what the platform saw on each SIP call, newest first
 *   POST /platform/calls/:id/hangup   the platform's side (the customer) hangs up that call
 *   GET  /kamailio                 { wsUrl, pid, frozen }
 *   POST /kamailio/restart         same ports and config; registrations are lost → { restarted, pid }
 *   POST /kamailio/freeze          SIGSTOP to every Kamailio process → { frozen: true }
 *   POST /kamailio/unfreeze        SIGCONT → { frozen: false }
 */

export interface TelephonyControlContext {
  readonly platform: SandboxPlatform | undefined;
  /** Why there is no platform (no Kamailio, turned off, @roamhq/wrtc missing...). */
  readonly platformProblem: string;
  readonly kamailio: RunningKamailio | undefined;
}

const NO_KAMAILIO = 'Kamailio is not running: start the sandbox with kamailio: true (--kamailio)';

/** Answers a telephony control route, or undefined when `path` (after the prefix) is not one. */
export async function routeTelephonyControl(
  ctx: TelephonyControlContext,
  req: IncomingMessage,
  path: string,
): Promise<Reply | undefined> {
  const route = `${req.method ?? 'GET'} ${path || '/'}`;
  const { platform, kamailio } = ctx;
  const noPlatform = (): Reply => failure(409, `The platform phone is not running: ${ctx.platformProblem}`);

  switch (route) {
    case 'GET /platform':
      return json(200, platform ? platform.snapshot() : { running: false, reason: ctx.platformProblem });
    case 'POST /platform/settings': {
      if (!platform) return noPlatform();
      const body = await readJsonBody(req);
      if (!body.ok) return failure(400, body.message);
      const parsed = settingsPatchSchema.safeParse(body.value ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
        return failure(400, `Invalid settings${where}: ${issue?.message ?? 'unknown problem'}`);
      }
      return json(200, { settings: platform.updateSettings(parsed.data) });
    }
    case 'GET /platform/calls':
      return platform ? json(200, { calls: platform.calls() }) : noPlatform();
    case 'GET /kamailio':
      return kamailio
        ? json(200, { wsUrl: kamailio.wsUrl, pid: kamailio.pid, frozen: kamailio.frozen })
        : failure(409, NO_KAMAILIO);
    case 'POST /kamailio/restart':
      if (!kamailio) return failure(409, NO_KAMAILIO);
      try {
        await kamailio.restart();
      } catch (error) {
        return failure(500, `Kamailio did not come back: ${error instanceof Error ? error.message : String(error)}`);
      }
      return json(200, { restarted: true, pid: kamailio.pid });
    case 'POST /kamailio/freeze':
      if (!kamailio) return failure(409, NO_KAMAILIO);
      kamailio.freeze();
      return json(200, { frozen: kamailio.frozen });
    case 'POST /kamailio/unfreeze':
      if (!kamailio) return failure(409, NO_KAMAILIO);
      kamailio.unfreeze();
      return json(200, { frozen: kamailio.frozen });
    default:
      break;
  }
  const hangup = /^POST \/platform\/calls\/([^/]+)\/hangup$/.exec(route);
  if (hangup) {
    if (!platform) return noPlatform();
    let callId: string;
    try {
      callId = decodeURIComponent(hangup[1] ?? '');
    } catch {
      return failure(400, 'Invalid call id');
    }
    return platform.hangup(callId) ? json(200, { hungUp: callId }) : failure(404, 'No such call in progress');
  }
  return undefined;
}
