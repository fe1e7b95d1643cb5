import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { SandboxState } from './state';
import { routeApi, type ApiContext } from './api';
import { CONTROL_PREFIX, routeControl } from './control';
import { FaultControls } from './faults';
import { checkOwnAddress, failure, isLoopback, send, sendRaw } from './http';
import { RateLimiter } from './rate-limit';
import { RequestLog, redactQuery, type RequestLogEntry } from './request-log';
import { startKamailio, type KamailioOptions, type RunningKamailio } from './kamailio';
import { PLATFORM_SIP_USER } from './telephony/platform-user';
import { startPlatform, type SandboxPlatform } from './telephony/platform';
import { routeTelephonyControl } from './telephony/control';
import { attachSignals, type SandboxSignals, type SandboxSignalsOptions } from './signals';

/**
 * The AntBuddy-compatible sandbox server (REST part): the seven Open API endpoints over
 * seeded data, signed recording files, test controls under /__sandbox, and optionally a real
 * Kamailio for SIP. It reads requests from its own reading of the API documents and shares
 * no code with the client.
 */

export { SandboxState, createSandboxState } from './state';
export type {
  CallRecord,
  CallParty,
  QueueStat,
  CallStatus,
  SandboxAgent,
  SandboxQueue,
  ClickToCallRequest,
} from './state';
export type { RequestLogEntry } from './request-log';
export type { FaultControls, FaultRequest, FaultRuleInput, FaultSnapshot } from './faults';
export type { KamailioOptions, RunningKamailio } from './kamailio';
export type { SandboxSignals, SandboxSignalsOptions } from './signals';
export type { SandboxPlatform, PlatformSnapshot } from './telephony/platform';
export type { PlatformCallView } from './telephony/platform-calls';
export type { PlatformSettings } from './telephony/platform-settings';
export { NodePhone, PhoneCall } from './telephony/node-phone';
export type { NodePhoneOptions, IncomingPolicy, PhoneStart } from './telephony/node-phone';
export { loadWebRtc, type WebRtcRuntime } from './telephony/webrtc';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: '127.0.0.1';
  seed?: number;
  calls?: number;
  days?: number;
  now?: () => number;
  appId?: string;
  appSecret?: string;
  /** undefined = no limit. */
  rateLimitPerSecond?: number;
  latencyMs?: number;
  /** 0..1: share of requests answered 500. */
  failRate?: number;
  recordingUrlTtlSeconds?: number;
  /** Voice auth token lifetime; default 3600. */
  tokenLifetimeSeconds?: number;
  /** Registration of seeded devices when no Kamailio answers; default true. */
  devicesRegistered?: boolean;
  historyShape?: 'object' | 'array';
  kamailio?: boolean | KamailioOptions;
  /**
   * The platform phone (a real WebRTC SIP endpoint registered in the sandbox's Kamailio that
   * plays customers and the switch: rings devices, answers their calls, takes transfers).
   * Default on with `kamailio`; needs the dev dependency @roamhq/wrtc (without it the sandbox
   * says so and runs signals-only).
   */
  platform?: boolean;
  /** Call signals (Blackhole websocket + call simulator) on the same port. */
  signals?: SandboxSignalsOptions;
}

export interface SandboxStartLine {
  apiUrl: string;
  controlUrl: string;
  appId: string;
  appSecret: string;
  domain: string;
  email: string;
  accountId: string;
  /** Blackhole-compatible call signals websocket. */
  signalsUrl: string;
  sipWsUrl?: string;
  sipDomain?: string;
}

export interface RunningSandbox {
  readonly apiUrl: string;
  readonly controlUrl: string;
  readonly appId: string;
  readonly appSecret: string;
  readonly domain: string;
  readonly email: string;
  readonly accountId: string;
  readonly sipWsUrl?: string;
  readonly sipDomain?: string;
  readonly state: SandboxState;
  /** Live array of API requests (control requests are not logged). */
  readonly requestLog: RequestLogEntry[];
  readonly faults: FaultControls;
  /** Attach more protocols (e.g. call signals over 'upgrade') to the same port. */
  readonly httpServer: Server;
  readonly kamailio?: RunningKamailio;
  readonly signalsUrl: string;
  /** Call signals server and call simulator (startCall, dropAll, sendMalformed, stop, start...). */
  readonly signals: SandboxSignals;
  /** The platform phone, when it runs (Kamailio on, `platform` not false, @roamhq/wrtc installed). */
  readonly platform?: SandboxPlatform;
  /** Why the platform phone does not run, when it does not. */
  readonly platformProblem?: string;
  startLine(): SandboxStartLine;
  /** Runs `hook` during close(), before the HTTP server stops (for servers attached later). */
  onClose(hook: () => Promise<void> | void): void;
  close(): Promise<void>;
}

const optionsSchema = z.object({
  port: z.number().int().min(0).max(65535).optional(),
  host: z.literal('127.0.0.1').optional(),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  calls: z.number().int().min(0).max(1_000_000).optional(),
  days: z.number().int().min(1).max(3650).optional(),
  appId: z.string().min(1).optional(),
  appSecret: z.string().min(1).optional(),
  rateLimitPerSecond: z.number().int().min(1).optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  failRate: z.number().min(0).max(1).optional(),
  recordingUrlTtlSeconds: z.number().int().min(1).optional(),
  tokenLifetimeSeconds: z.number().int().min(1).optional(),
  historyShape: z.enum(['object', 'array']).optional(),
  platform: z.boolean().optional(),
});

/** The answer a "malformed" fault gives instead of the real one: fits no endpoint. */
const WRONG_SHAPE = { unexpected: 'shape', data: 42 };
const TRUNCATED_JSON = '{"data": [{"caller": {"number": "09';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const checked = optionsSchema.safeParse(options);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(`Invalid sandbox option ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
  }
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  const state = new SandboxState({
    seed,
    calls: options.calls,
    days: options.days,
    now,
    appId: options.appId,
    appSecret: options.appSecret,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds,
    devicesRegistered: options.devicesRegistered,
  });
  const log = new RequestLog();
  const faults = new FaultControls({ seed, latencyMs: options.latencyMs, failRate: options.failRate, now });
  const limiter =
    options.rateLimitPerSecond === undefined ? undefined : new RateLimiter(options.rateLimitPerSecond, now);

  let kamailio: RunningKamailio | undefined;
  if (options.kamailio) {
    kamailio = await startKamailio(state.domain, options.kamailio === true ? {} : options.kamailio, {
      dialPlan: state.agents.flatMap((agent) =>
        agent.extensions.map((extension) => ({ extension, sipUser: agent.sipUser })),
      ),
      ...(options.platform === false ? {} : { platformUser: PLATFORM_SIP_USER }),
    });
    // A registrar that does not answer (frozen, restarting) cannot vouch for a device: offline.
    state.devices.setLiveLookup((sipUser) =>
      kamailio ? kamailio.isRegistered(sipUser).catch(() => false) : Promise.resolve(false),
    );
  }

  let apiUrl = '';
  const ctx: ApiContext = {
    state,
    apiUrl: () => apiUrl,
    recordingUrlTtlSeconds: options.recordingUrlTtlSeconds ?? 600,
    historyShape: options.historyShape ?? 'object',
  };

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, entry: RequestLogEntry): Promise<void> {
    if (limiter) {
      const wait = limiter.admit();
      if (wait !== undefined) {
        entry.fault = 'rate_limited';
        send(res, failure(503, 'Request limit exceeded', { 'retry-after': String(wait) }));
        return;
      }
    }
    const fault = faults.take(url.pathname);
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (fault) {
      entry.fault = fault.kind;
      req.resume(); // drain any body so the socket stays usable
      if (fault.kind === 'hang') return; // never answered; close() ends the socket
      if (fault.kind === 'reset') {
        req.socket.destroy(); // no answer at all: the client sees the connection reset
        return;
      }
      if (fault.kind === 'status') {
        const headers: Record<string, string> =
          fault.status === 503 ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
        send(
          res,
          failure(fault.status, fault.status === 503 ? 'Request limit exceeded' : 'Internal server error', headers),
        );
        return;
      }
      sendRaw(res, 200, fault.variant === 'invalid_json' ? TRUNCATED_JSON : JSON.stringify(WRONG_SHAPE));
      return;
    }
    send(res, (await routeApi(ctx, req, url)) ?? failure(404, 'Not found'));
  }

  // Assigned once the HTTP server exists; the request handler reads it lazily.
  // eslint-disable-next-line prefer-const
  let signals: SandboxSignals | undefined;
  let platform: SandboxPlatform | undefined;
  let platformProblem =
    options.kamailio && options.platform !== false
      ? 'still starting'
      : 'the sandbox runs without it (no Kamailio, or platform: false)';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    } catch {
      send(res, failure(400, 'Bad request URL'));
      return;
    }
    if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      if (!isLoopback(req.socket.remoteAddress)) {
        send(res, failure(403, 'Sandbox controls answer loopback only'));
        return;
      }
      // The port the request arrived on is ours: one server, one port.
      const own = checkOwnAddress(req.headers, req.socket.localPort ?? 0);
      if (!own.ok) {
        req.resume(); // drain any body so the socket stays usable
        send(res, own.reply);
        return;
      }
      const controlPath = url.pathname.slice(CONTROL_PREFIX.length);
      const ownReply =
        (await signals?.routeControl(req, controlPath)) ??
        (await routeTelephonyControl({ platform, platformProblem, kamailio }, req, controlPath));
      send(res, ownReply ?? (await routeControl({ state, log, faults }, req, url.pathname)));
      return;
    }
    const entry = log.add({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: redactQuery(url.searchParams),
      time: now(),
      status: null,
    });
    res.once('finish', () => {
      entry.status = res.statusCode;
    });
    await handleApi(req, res, url, entry);
  }

  const httpServer = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Messages here come from the sandbox's own code paths and carry no request secrets.
      console.error(`sandbox: request failed: ${error instanceof Error ? error.message : String(error)}`);
      send(res, failure(500, 'Internal sandbox error'));
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        httpServer.removeListener('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await kamailio?.stop();
    throw error;
  }
  const { port } = httpServer.address() as AddressInfo;
  apiUrl = `http://127.0.0.1:${port}`;
  const controlUrl = `${apiUrl}${CONTROL_PREFIX}`;

  const closeHooks: (() => Promise<void> | void)[] = [];
  const signalsServer = attachSignals(httpServer, state, options.signals ?? {});
  signals = signalsServer;
  closeHooks.push(() => signalsServer.close());
  if (kamailio && options.platform !== false) {
    const started = await startPlatform({ state, kamailio, ledger: signalsServer.ledger });
    if (started.ok) {
      platform = started.platform;
      platformProblem = '';
      signalsServer.setLiveCallRouter(started.platform);
    } else {
      platformProblem = started.message;
      console.warn(`sandbox: running without the platform phone (signals only): ${started.message}`);
    }
  }
  let closing: Promise<void> | undefined;
  // What a client needs, printed as the start line and also spread onto the running sandbox.
  const line: SandboxStartLine = {
    apiUrl,
    controlUrl,
    appId: state.appId,
    appSecret: state.appSecret,
    domain: state.domain,
    email: state.email,
    accountId: state.accountId,
    signalsUrl: signalsServer.url,
    ...(kamailio === undefined ? {} : { sipWsUrl: kamailio.wsUrl, sipDomain: kamailio.sipDomain }),
  };

  return {
    ...line,
    state,
    requestLog: log.entries,
    faults,
    httpServer,
    ...(kamailio === undefined ? {} : { kamailio }),
    signals: signalsServer,
    ...(platform === undefined ? { platformProblem } : { platform }),
    startLine: () => ({ ...line }),
    onClose(hook) {
      closeHooks.push(hook);
    },
    close(): Promise<void> {
      closing ??= (async () => {
        for (const hook of closeHooks) await hook();
        await platform?.stop();
        const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        // Idle keep-alive sockets and deliberately hanging requests would hold close() forever.
        httpServer.closeAllConnections();
        await closed;
        await kamailio?.stop();
      })();
      return closing;
    },
  };
}
