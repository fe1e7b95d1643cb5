import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Reply } from '../http';
import type { SandboxState } from '../state';
import { CallSimulator, type ActiveCall, type CallHandle, type StartResult } from './call-simulator';
import type { CallSpecInput } from './call-spec';
import { routeSignalsControl } from './control';
import { SignalsServer } from './server';

/**
 * Call signals for the sandbox: a Blackhole-compatible websocket server on the sandbox's HTTP
 * port, the call simulator that feeds it, and their test controls. See PROTOCOL.md.
 */

export { SignalsServer, MALFORMED_FRAMES, type CallSignal } from './server';
export { CallSimulator, CallSpecError, deviceIdOf } from './call-simulator';
export type { ActiveCall, CallEnd, CallHandle, CallPhase, LegInfo, StartResult } from './call-simulator';
export type { CallOutcome, CallSpec, CallSpecInput } from './call-spec';
export { CALL_EVENT_NAMES, type CallEventName } from './bindings';
export { GREGORIAN_OFFSET_SECONDS, gregorianSeconds } from './events';

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
  /** Throws CallSpecError on a bad spec. */
  startCall(spec: CallSpecInput): CallHandle;
  tryStartCall(spec: unknown): StartResult;
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
          const toAgent = state.agents.some(
            (a) => a.extensions.includes(request.number) || a.sipUser === request.number,
          );
          simulator.tryStartCall({
            direction: toAgent ? 'internal' : 'outbound',
            from: request.agent.id,
            to: request.number,
          });
        });

  return {
    url,
    server,
    simulator,
    startCall: (spec) => simulator.startCall(spec),
    tryStartCall: (spec) => simulator.tryStartCall(spec),
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
    routeControl: (req, path) => routeSignalsControl({ server, simulator, signalsUrl: url }, req, path),
    async close() {
      unsubscribeClickToCall?.();
      simulator.close();
      httpServer.off('upgrade', onUpgrade);
      await server.close();
    },
  };
}
