import { z } from 'zod';

/**
 * The sandbox's test controls over HTTP (sandbox/README.md, signals/PROTOCOL.md), as the soak
 * uses them: start calls, break the call signals, the API, the tokens and Kamailio. Every
 * answer that is read is parsed, so a changed control fails here, loudly.
 */

const startedCall = z.object({ callId: z.string() });
const scriptedCalls = z.object({ calls: z.array(z.object({ callId: z.string() })) });
const platformCall = z.object({
  callId: z.string(),
  purpose: z.string(),
  number: z.string(),
  sipUser: z.string(),
  state: z.enum(['ringing', 'active', 'ended']),
  answered: z.boolean(),
  signalsCallId: z.string().nullable(),
  endStatus: z.number().nullable(),
});
export type PlatformCall = z.infer<typeof platformCall>;

/** A `POST /calls` body (sandbox/signals/call-spec.ts). */
export interface CallSpecBody {
  readonly direction: 'inbound' | 'outbound' | 'internal';
  readonly from: string;
  readonly to?: string;
  readonly did?: string;
  readonly queue?: string;
  readonly ringAgents?: readonly (string | { readonly agent: string; readonly ringMs?: number })[];
  readonly ringMs?: number;
  readonly talkMs?: number;
  readonly holdMs?: number;
  readonly outcome?: 'answered' | 'missed' | 'cancelled' | 'busy' | 'failed';
  readonly callerName?: string;
  readonly hangupBy?: 'caller' | 'callee';
  readonly callId?: string;
  readonly timeScale?: number;
}

/** A `POST /faults` rule (sandbox/faults.ts). */
export type FaultRuleBody =
  | { kind: 'status'; status: 500 | 503; retryAfterSeconds?: number; forMs?: number; count?: number; path?: string }
  | { kind: 'hang' | 'reset'; forMs?: number; count?: number; path?: string }
  | { kind: 'malformed'; variant: 'invalid_json' | 'wrong_shape'; forMs?: number; count?: number; path?: string };

export class SandboxControl {
  constructor(private readonly controlUrl: string) {}

  async startCall(spec: CallSpecBody): Promise<string> {
    return startedCall.parse(await this.request('POST', '/calls', spec)).callId;
  }

  /** Calls the sandbox is playing as scripts (not over SIP). */
  async scriptedCallIds(): Promise<Set<string>> {
    return new Set(scriptedCalls.parse(await this.request('GET', '/calls')).calls.map((c) => c.callId));
  }

  async platformCalls(): Promise<PlatformCall[]> {
    return z.object({ calls: z.array(platformCall) }).parse(await this.request('GET', '/platform/calls')).calls;
  }

  async setPlatform(patch: { answerDelayMs?: number; deviceRingMs?: number }): Promise<void> {
    await this.request('POST', '/platform/settings', patch);
  }

  dropSignals = (): Promise<unknown> => this.request('POST', '/signals/drop');
  freezeSignals = (): Promise<unknown> => this.request('POST', '/signals/freeze');
  unfreezeSignals = (): Promise<unknown> => this.request('POST', '/signals/unfreeze');
  stopSignals = (): Promise<unknown> => this.request('POST', '/signals/stop');
  startSignals = (): Promise<unknown> => this.request('POST', '/signals/start');
  malformedFrames = (count: number): Promise<unknown> => this.request('POST', '/signals/malformed', { count });
  expireTokens = (): Promise<unknown> => this.request('POST', '/tokens/expire');
  addFaults = (rules: readonly FaultRuleBody[]): Promise<unknown> => this.request('POST', '/faults', { next: rules });
  clearFaults = (): Promise<unknown> => this.request('DELETE', '/faults');
  restartKamailio = (): Promise<unknown> => this.request('POST', '/kamailio/restart');
  freezeKamailio = (): Promise<unknown> => this.request('POST', '/kamailio/freeze');
  unfreezeKamailio = (): Promise<unknown> => this.request('POST', '/kamailio/unfreeze');

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.controlUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`sandbox ${method} ${path} answered ${response.status}: ${text.slice(0, 200)}`);
    return JSON.parse(text) as unknown;
  }
}
