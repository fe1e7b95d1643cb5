import { access, constants } from 'node:fs/promises';
import { appError, type AppError } from '../../../shared/errors';
import type { DemoNoSipReason, DemoSip } from '../../../shared/first-run';
import { err, ok, type Result } from '../../../shared/result';

/**
 * Starting the project's own sandbox for the demo, and deciding whether the demo can have a
 * real SIP phone: Kamailio installed, the platform phone's WebRTC for Node present, both
 * started. Every "no" is a reason the demo shows, never a failed demo: without SIP, calls
 * still pop on screen through the signals.
 */

/** A seeded agent, as the demo uses it. */
export interface DemoSandboxAgent {
  readonly id: string;
  readonly name: string;
  readonly username: string;
  readonly extensions: readonly string[];
  readonly sipUser: string;
  readonly sipPassword: string;
}

export interface DemoSandboxQueue {
  readonly id: string;
  readonly name: string;
  readonly agentIds: readonly string[];
}

/** A customer of the seeded history: calling from this number pops a name and earlier calls. */
export interface DemoCustomer {
  readonly number: string;
  readonly name?: string;
}

/** What POST <controlUrl>/calls takes (sandbox/signals/PROTOCOL.md), as far as the demo uses it. */
export interface DemoCallSpec {
  readonly direction: 'inbound';
  readonly from: string;
  readonly to: string;
  readonly queue?: string;
  readonly callerName?: string;
  readonly outcome: 'answered' | 'cancelled';
  readonly ringMs: number;
  readonly talkMs?: number;
}

export type PlacedCall =
  { readonly ok: true; readonly callId: string } | { readonly ok: false; readonly message: string };

/** The part of a running sandbox the demo needs (sandbox/index.ts's RunningSandbox, adapted). */
export interface DemoSandbox {
  readonly apiUrl: string;
  readonly controlUrl: string;
  readonly appId: string;
  readonly appSecret: string;
  readonly domain: string;
  readonly email: string;
  readonly accountId: string;
  readonly signalsUrl: string;
  /** Both set when Kamailio runs. */
  readonly sipWsUrl?: string;
  readonly sipDomain?: string;
  /** The platform phone (it rings the in-app phone over SIP) runs. */
  readonly platformRunning: boolean;
  readonly platformProblem?: string;
  readonly agents: readonly DemoSandboxAgent[];
  readonly queues: readonly DemoSandboxQueue[];
  readonly customers: readonly DemoCustomer[];
  /** What POST <controlUrl>/calls does: over SIP when it rings a registered device, else scripted. */
  placeCall(spec: DemoCallSpec): Promise<PlacedCall>;
  close(): Promise<void>;
}

/** How a sandbox is brought up; the real one loads sandbox/ only when the demo starts. */
export interface SandboxLauncher {
  kamailioInstalled(): Promise<boolean>;
  /** The platform phone's runtime (@roamhq/wrtc, a development dependency) loads. */
  phoneRuntime(): Promise<{ readonly ok: true } | { readonly ok: false; readonly message: string }>;
  /** Throws when the sandbox (or its Kamailio) cannot start, as startSandbox does. */
  start(options: { readonly kamailio: boolean }): Promise<DemoSandbox>;
}

/** Whether the host's phone may reach a plain ws:// SIP server on this computer at all. */
export type DemoSipPolicy = { readonly allowed: true } | { readonly allowed: false; readonly reason: DemoNoSipReason };

export interface StartedDemoSandbox {
  readonly sandbox: DemoSandbox;
  readonly sip: DemoSip;
}

/** First line, bounded: Kamailio's errors carry its stderr tail, which a notice does not need. */
function shortDetail(text: string): string {
  const first = text.split('\n')[0]?.trim() ?? '';
  return first.length > 300 ? `${first.slice(0, 299)}…` : first;
}

function withoutSip(reason: DemoNoSipReason, detail?: string): DemoSip {
  return detail ? { kind: 'withoutSip', reason, detail: shortDetail(detail) } : { kind: 'withoutSip', reason };
}

function couldNotStart(cause: unknown): AppError {
  const detail = shortDetail(cause instanceof Error ? cause.message : String(cause));
  return appError(
    'internal',
    `The demo could not start its sandbox: ${detail}`,
    `Không khởi động được máy chủ thử nghiệm của bản demo: ${detail}`,
  );
}

export async function startDemoSandbox(
  launcher: SandboxLauncher,
  policy: DemoSipPolicy,
): Promise<Result<StartedDemoSandbox, AppError>> {
  const withoutKamailio = async (sip: DemoSip): Promise<Result<StartedDemoSandbox, AppError>> => {
    try {
      return ok({ sandbox: await launcher.start({ kamailio: false }), sip });
    } catch (cause) {
      return err(couldNotStart(cause));
    }
  };

  if (!policy.allowed) return withoutKamailio(withoutSip(policy.reason));
  if (!(await launcher.kamailioInstalled())) return withoutKamailio(withoutSip('kamailio-not-installed'));
  // Checked before Kamailio starts: without the platform phone nothing would ever ring the app's phone.
  const runtime = await launcher.phoneRuntime();
  if (!runtime.ok) return withoutKamailio(withoutSip('phone-runtime-missing', runtime.message));
  let sandbox: DemoSandbox;
  try {
    sandbox = await launcher.start({ kamailio: true });
  } catch (cause) {
    return withoutKamailio(withoutSip('kamailio-failed', cause instanceof Error ? cause.message : String(cause)));
  }
  if (!sandbox.platformRunning || sandbox.sipWsUrl === undefined || sandbox.sipDomain === undefined) {
    // A registered phone that nothing ever rings would look broken: run without SIP and say why.
    const problem = sandbox.platformProblem;
    await sandbox.close();
    return withoutKamailio(withoutSip('platform-phone-failed', problem));
  }
  return ok({ sandbox, sip: { kind: 'withSip' } });
}

/** Where the sandbox looks for Kamailio (sandbox/kamailio.ts's default binary). */
export const KAMAILIO_BINARY = '/usr/sbin/kamailio';

/** Enough seeded history for History, Dashboard and screen-pops to look lived in, quickly generated. */
const DEMO_SANDBOX_DATA = { seed: 1, calls: 1500, days: 30 } as const;

/** The real sandbox (sandbox/index.ts), loaded on first use: an app that never demos never loads it. */
export function projectSandboxLauncher(): SandboxLauncher {
  const load = () => import('../../../../sandbox/index');
  return {
    async kamailioInstalled() {
      try {
        await access(KAMAILIO_BINARY, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
    async phoneRuntime() {
      const { loadWebRtc } = await load();
      const loaded = await loadWebRtc();
      return loaded.ok ? { ok: true } : { ok: false, message: loaded.message };
    },
    async start({ kamailio }) {
      const { startSandbox } = await load();
      const running = await startSandbox({ ...DEMO_SANDBOX_DATA, kamailio });
      return {
        apiUrl: running.apiUrl,
        controlUrl: running.controlUrl,
        appId: running.appId,
        appSecret: running.appSecret,
        domain: running.domain,
        email: running.email,
        accountId: running.accountId,
        signalsUrl: running.signalsUrl,
        ...(running.sipWsUrl !== undefined && running.sipDomain !== undefined
          ? { sipWsUrl: running.sipWsUrl, sipDomain: running.sipDomain }
          : {}),
        platformRunning: running.platform !== undefined,
        ...(running.platformProblem ? { platformProblem: running.platformProblem } : {}),
        agents: running.state.agents,
        queues: running.state.queues,
        customers: customersOf(running.state.history.all(), Date.now()),
        async placeCall(spec) {
          const placed = await running.signals.placeCall(spec);
          return placed.ok ? { ok: true, callId: placed.call.callId } : { ok: false, message: placed.message };
        },
        close: () => running.close(),
      };
    },
  };
}

interface HistoryRecordLike {
  readonly direction: string;
  readonly unix_timestamp: number;
  readonly caller: { readonly number: string };
  readonly queue_stat: readonly { readonly caller_id_name: string }[];
}

/**
 * Customers who called often in the last month, busiest first, with the latest name the queue
 * statistics give them: a demo call from one of them pops a name and a list of earlier calls.
 */
export function customersOf(records: readonly HistoryRecordLike[], nowMs: number, limit = 10): DemoCustomer[] {
  const since = nowMs / 1000 - 30 * 86_400;
  const byNumber = new Map<string, { count: number; name?: string; nameAt: number }>();
  for (const record of records) {
    if (record.direction !== 'to_ab' || record.unix_timestamp < since) continue;
    const entry = byNumber.get(record.caller.number) ?? { count: 0, nameAt: 0 };
    entry.count += 1;
    const name = record.queue_stat[0]?.caller_id_name;
    if (name && /\p{L}/u.test(name) && record.unix_timestamp > entry.nameAt) {
      entry.name = name;
      entry.nameAt = record.unix_timestamp;
    }
    byNumber.set(record.caller.number, entry);
  }
  return [...byNumber.entries()]
    .sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([number, entry]) => (entry.name ? { number, name: entry.name } : { number }));
}
