import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Reply } from '../http';
import type { ClickToCallRequest, SandboxState } from '../state';
import { CallSimulator, type ActiveCall, type CallHandle, type StartResult } from './call-simulator';
import { callSpecSchema, type CallSpec, type CallSpecInput } from './call-spec';
import { resolveParties, type Parties } from './call-parties';
import { routeSignalsControl } from './control';
import { LiveCallLedger } from './live-call-ledger';
import { SignalsServer } from './server';

/**
 * Call signals for the sandbox: a Blackhole-compatible websocket server on the sandbox's HTTP
 * port, the call simulator that feeds it, and their test controls. See PROTOCOL.md.
 */

export { SignalsServer, MALFORMED_FRAMES, type CallSignal } from './server';
export { CallSimulator, CallSpecError } from './call-simulator';
export { deviceIdOf } from './call-legs';
export type { ActiveCall, CallEnd, CallHandle, CallPhase, LegInfo, StartResult } from './call-simulator';
export type { CallOutcome, CallSpec, CallSpecInput } from './call-spec';
export { CALL_EVENT_NAMES, type CallEventName } from './bindings';
export { GREGORIAN_OFFSET_SECONDS, gregorianSeconds } from './events';
export { LiveCallLedger } from './live-call-ledger';
export type {
  LiveCall,
  LiveCallEnd,
  LiveCallEndCause,
  LiveCallPhase,
  LiveCallStart,
  LiveTransfer,
  LegSide,
  NotAnsweredReason,
} from './live-call-ledger';
export { findAgent, type Attempt, type Parties } from './call-parties';
export { agentExtension, newCallId } from './call-legs';
export type { Party } from './history-record';

/**
 * Plays calls over real SIP (the sandbox's platform phone) when they ring a registered device.
 * Signals only knows this interface, so it never depends on the telephony code.
 */
export interface LiveCallRouter {
  /** Plays `spec` over SIP; undefined when no device it rings is registered (then it is simulated). */
  place(spec: CallSpec, parties: Parties): Promise<CallHandle | undefined>;
  /** Rings the requesting agent's device; false when it cannot (then the call is simulated). */
  clickToCall(request: ClickToCallRequest): Promise<boolean>;
  /** A call id leg A of a live call uses now. */
  isCallIdInUse(callId: string): boolean;
}

export interface SandboxSignalsOptions {
  /** Close sockets idle this long (nothing received); default 1 hour, like Blackhole. */
  idleTimeoutMs?: number;
  /** Answer `{"action":"ping"}`; default true. */
  pingEnabled?: boolean;
  /** Real ms per call-time ms for simulated calls; default 1. */
  timeScale?: number;
  /** Answered simulated calls get a recording; default true. */
  recordings?: boolean;
  /** Play out a call for every successful click-to-call; default true. */
  playClickToCall?: boolean;
  defaultRingMs?: number;
  defaultTalkMs?: number;
}

export interface SandboxSignals {
  /** ws://127.0.0.1:<port>/ */
  readonly url: string;
  readonly server: SignalsServer;
  readonly simulator: CallSimulator;
  /** Signals and history of calls that really happen (the platform phone's). */
  readonly ledger: LiveCallLedger;
  /** A scripted call (never over SIP). Throws CallSpecError on a bad spec. */
  startCall(spec: CallSpecInput): CallHandle;
  /** A scripted call for untrusted input (never over SIP); never throws. */
  tryStartCall(spec: unknown): StartResult;
  /**
   * What `POST /calls` does: over real SIP through the live call router when the call rings a
   * registered device, else scripted. Never throws.
   */
  placeCall(spec: unknown): Promise<StartResult>;
  /** Attaches (or detaches) the platform phone. */
  setLiveCallRouter(router: LiveCallRouter | undefined): void;
  readonly activeCalls: readonly ActiveCall[];
  /** Terminates every socket (no close frame); returns how many. */
  dropAll(): number;
  /** Sends every MALFORMED_FRAMES entry `count` times to every socket; returns frames sent. */
  sendMalformed(count?: number): number;
  /** Silences every open socket without closing it (no events, replies or pongs); returns how many. */
  freeze(): number;
  /** Lets frozen sockets that are still open speak again; returns how many. */
  unfreeze(): number;
  /** Drops every socket and refuses new connections (HTTP 503) until start(). */
  stop(): number;
  start(): void;
  readonly accepting: boolean;
  readonly connections: number;
  /** Control routes; `path` is what follows the control prefix. Undefined when not a signals route. */
  routeControl(req: IncomingMessage, path: string): Promise<Reply | undefined>;
  close(): Promise<void>;
}

/** Attaches signals to a listening HTTP server (its 'upgrade' event). */
export function attachSignals(
  httpServer: Server,
  state: SandboxState,
  options: SandboxSignalsOptions = {},
): SandboxSignals {
  const address = httpServer.address() as AddressInfo | null;
  if (!address || typeof address === 'string') throw new Error('attachSignals needs a listening TCP server');
  const url = `ws://127.0.0.1:${address.port}/`;
  const server = new SignalsServer({
    accountId: state.accountId,
    tokens: state.tokens,
    ...(options.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: options.idleTimeoutMs }),
    ...(options.pingEnabled === undefined ? {} : { pingEnabled: options.pingEnabled }),
  });
  const simulator = new CallSimulator({
    state,
    publish: (signal) => server.publish(signal),
    ...(options.timeScale === undefined ? {} : { timeScale: options.timeScale }),
    ...(options.recordings === undefined ? {} : { recordings: options.recordings }),
    ...(options.defaultRingMs === undefined ? {} : { defaultRingMs: options.defaultRingMs }),
    ...(options.defaultTalkMs === undefined ? {} : { defaultTalkMs: options.defaultTalkMs }),
  });

  const ledger = new LiveCallLedger({
    state,
    publish: (signal) => server.publish(signal),
    ...(options.recordings === undefined ? {} : { recordings: options.recordings }),
  });
  let router: LiveCallRouter | undefined;

  const placeCall = async (input: unknown): Promise<StartResult> => {
    const parsed = callSpecSchema.safeParse(input);
    // The simulator words every problem with a spec; let it answer the bad ones.
    if (!router || !parsed.success) return simulator.tryStartCall(input);
    const resolved = resolveParties(state, parsed.data);
    if (!resolved.ok) return simulator.tryStartCall(input);
    const wanted = parsed.data.callId;
    if (wanted !== undefined && (router.isCallIdInUse(wanted) || simulator.active.some((c) => c.callId === wanted)))
      return { ok: false, message: `Call id already used: ${wanted}` };
    const live = await router.place(parsed.data, resolved.parties);
    return live ? { ok: true, call: live } : simulator.tryStartCall(input);
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (server.handleUpgrade(req, socket, head)) return;
    // Another protocol may own this path; answer only when nobody else listens.
    if (httpServer.listenerCount('upgrade') === 1) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  };
  httpServer.on('upgrade', onUpgrade);

  const unsubscribeClickToCall =
    options.playClickToCall === false
      ? undefined
      : state.onClickToCall((request) => {
          const simulate = (): void => {
            const toAgent = state.agents.some(
              (a) => a.extensions.includes(request.number) || a.sipUser === request.number,
            );
            simulator.tryStartCall({
              direction: toAgent ? 'internal' : 'outbound',
              from: request.agent.id,
              to: request.number,
            });
          };
          if (!router) {
            simulate();
            return;
          }
          router.clickToCall(request).then(
            (rung) => {
              if (!rung) simulate();
            },
            () => simulate(),
          );
        });

  return {
    url,
    server,
    simulator,
    ledger,
    startCall: (spec) => simulator.startCall(spec),
    tryStartCall: (spec) => simulator.tryStartCall(spec),
    placeCall,
    setLiveCallRouter(next) {
      router = next;
    },
    get activeCalls() {
      return simulator.active;
    },
    dropAll: () => server.dropAll(),
    sendMalformed: (count = 1) => server.sendMalformed(count),
    freeze: () => server.freeze(),
    unfreeze: () => server.unfreeze(),
    stop: () => server.stop(),
    start: () => server.start(),
    get accepting() {
      return server.isAccepting;
    },
    get connections() {
      return server.connections;
    },
    routeControl: (req, path) => routeSignalsControl({ server, simulator, placeCall, signalsUrl: url }, req, path),
    async close() {
      unsubscribeClickToCall?.();
      simulator.close();
      ledger.close();
      httpServer.off('upgrade', onUpgrade);
      await server.close();
    },
  };
}
