import WebSocket from 'ws';
import type { RunningSandbox } from '../../../sandbox/index';
import { createAntBuddyClient } from '../../../src/main/services/api';
import type { CallEvent, SignalConnectionState } from '../../../src/shared/domain';
import { ok, type Result } from '../../../src/shared/result';
import type { AppError } from '../../../src/shared/errors';
import {
  createSignalService,
  type AgentIdentity,
  type HistoryRecord,
  type HistorySource,
  type MissedCall,
  type SignalProtocolAdapter,
  type SignalService,
  type SignalServiceTiming,
  type SignalSocket,
  type TokenSource,
  type WebSocketConstructor,
} from '../../../src/main/services/signals';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` gives a value; the test's own timeout bounds the wait (no timing asserted). */
export async function until<T>(check: () => T | undefined | false | null): Promise<T> {
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false && value !== null) return value;
    await sleep(10);
  }
}

/** A real `ws` socket that also records what the client sends. */
export function recordingWebSocket(log: { url: string; sent: string[] }[]): WebSocketConstructor {
  return class RecordingSocket implements SignalSocket {
    private readonly ws: WebSocket;
    private readonly entry: { url: string; sent: string[] };
    constructor(url: string, options?: { handshakeTimeout?: number; maxPayload?: number }) {
      this.ws = new WebSocket(url, options);
      this.entry = { url, sent: [] };
      log.push(this.entry);
    }
    get readyState(): number {
      return this.ws.readyState;
    }
    on(event: 'open' | 'message' | 'pong' | 'close' | 'error', listener: (...args: never[]) => void): this {
      this.ws.on(event, listener as (...args: unknown[]) => void);
      return this;
    }
    send(data: string): void {
      this.entry.sent.push(data);
      this.ws.send(data);
    }
    ping(): void {
      this.ws.ping();
    }
    terminate(): void {
      this.ws.terminate();
    }
  };
}

export interface Probe {
  readonly service: SignalService;
  readonly states: SignalConnectionState[];
  readonly events: CallEvent[];
  readonly missed: MissedCall[];
  readonly errors: AppError[];
  readonly sockets: { url: string; sent: string[] }[];
  readonly tokensIssued: string[];
  eventsFor(callId: string): CallEvent[];
}

/** The API client behind the two small interfaces the service depends on. */
export function sandboxSources(sb: RunningSandbox): { tokens: TokenSource; history: HistorySource; issued: string[] } {
  const client = createAntBuddyClient({
    baseUrl: sb.apiUrl,
    appId: sb.appId,
    appSecret: sb.appSecret,
    domain: sb.domain,
    email: sb.email,
  });
  const issued: string[] = [];
  return {
    issued,
    tokens: {
      async getToken() {
        const result = await client.getAuthToken();
        if (result.ok) issued.push(result.value.token);
        return result;
      },
    },
    history: {
      async fetchRange(from: Date, to: Date): Promise<Result<HistoryRecord[], AppError>> {
        const all: HistoryRecord[] = [];
        for (let page = 1; ; page++) {
          const result = await client.getHistoryPage({ from, to, limit: 100, page });
          if (!result.ok) return result;
          all.push(...result.value.records);
          if (result.value.records.length < 100) return ok(all);
        }
      },
    },
  };
}

export interface ProbeOptions {
  /** Merged over the probe's fast reconnects. */
  readonly timing?: Partial<SignalServiceTiming>;
  readonly adapter?: SignalProtocolAdapter;
}

export function startProbe(sb: RunningSandbox, agent: AgentIdentity, options: ProbeOptions = {}): Probe {
  const sources = sandboxSources(sb);
  const sockets: { url: string; sent: string[] }[] = [];
  const service = createSignalService({
    getConfig: () => ({ url: sb.signalsUrl, accountId: sb.accountId, agent }),
    tokens: sources.tokens,
    history: sources.history,
    WebSocketImpl: recordingWebSocket(sockets),
    timing: { reconnect: { baseMs: 50, capMs: 400 }, ...options.timing },
    ...(options.adapter ? { adapter: options.adapter } : {}),
  });
  const probe: Probe = {
    service,
    states: [],
    events: [],
    missed: [],
    errors: [],
    sockets,
    tokensIssued: sources.issued,
    eventsFor: (callId) => probe.events.filter((e) => e.callId === callId),
  };
  service.onState((s) => probe.states.push(s));
  service.onCallEvent((e) => probe.events.push(e));
  service.onMissed((m) => probe.missed.push(...m));
  service.onError((e) => probe.errors.push(e));
  service.start();
  return probe;
}

export async function control(sb: RunningSandbox, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sb.controlUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as unknown;
}

export async function placeCall(
  sb: RunningSandbox,
  body: Record<string, unknown>,
): Promise<{ callId: string; legs: { callId: string }[] }> {
  return (await control(sb, '/calls', body)) as { callId: string; legs: { callId: string }[] };
}
