import { z } from 'zod';

/**
 * A typed client for the sandbox's telephony controls (sandbox/README.md, "Controls"): what
 * the platform phone saw on each SIP call, its settings, test calls, device overrides and
 * Kamailio's restart/freeze. Every answer is parsed, so a test reads fields it can trust and a
 * change in the sandbox's answers fails loudly here instead of as an odd `undefined` later.
 */

const audioLevelSchema = z.object({ peak: z.number(), rms: z.number() });

/** One entry of `GET /platform/calls` (sandbox/telephony/platform-calls.ts, PlatformCallView). */
export const platformCallSchema = z.object({
  callId: z.string(),
  direction: z.enum(['to-device', 'from-device']),
  purpose: z.enum(['click-to-call', 'inbound', 'internal', 'outgoing', 'transfer']),
  number: z.string(),
  sipUser: z.string(),
  state: z.enum(['ringing', 'active', 'ended']),
  answered: z.boolean(),
  holds: z.number().int(),
  unholds: z.number().int(),
  dtmf: z.string(),
  referTo: z.string().nullable(),
  endCause: z.string(),
  endStatus: z.number().int().nullable(),
  endedBy: z.enum(['local', 'remote', 'system']).nullable(),
  bytesSent: z.number(),
  bytesReceived: z.number(),
  receivedLevel: audioLevelSchema,
  toneHz: z.number(),
  markerHeaders: z.array(z.string()),
  signalsCallId: z.string().nullable(),
  startedAtMs: z.number(),
});
export type PlatformCall = z.infer<typeof platformCallSchema>;

const platformCallsSchema = z.object({ calls: z.array(platformCallSchema) });

const platformSettingsSchema = z.object({
  clickToCallMarker: z.enum(['none', 'call-info', 'alert-info', 'x-antbuddy']),
  answerDelayMs: z.number(),
  toneHz: z.number(),
  deviceRingMs: z.number(),
});
export type PlatformSettings = z.infer<typeof platformSettingsSchema>;

const platformSnapshotSchema = z.discriminatedUnion('running', [
  z.object({
    running: z.literal(true),
    sipUser: z.string(),
    registered: z.boolean(),
    settings: platformSettingsSchema,
  }),
  z.object({ running: z.literal(false), reason: z.string() }),
]);
export type PlatformSnapshot = z.infer<typeof platformSnapshotSchema>;

const kamailioSchema = z.object({ wsUrl: z.string(), pid: z.number().int(), frozen: z.boolean() });
const startedCallSchema = z.object({ callId: z.string() });

/** `POST /calls` bodies this suite uses (sandbox/signals/call-spec.ts has the full schema). */
export interface TestCallSpec {
  readonly direction: 'inbound' | 'internal';
  readonly from: string;
  readonly to?: string;
  readonly callerName?: string;
  readonly ringMs?: number;
  readonly talkMs?: number;
}

export class SandboxControl {
  constructor(private readonly controlUrl: string) {}

  /** What the platform saw on each SIP call, newest first. */
  async platformCalls(): Promise<PlatformCall[]> {
    return platformCallsSchema.parse(await this.request('GET', '/platform/calls')).calls;
  }

  /** The newest platform call that matches, or undefined (yet). */
  async findCall(match: (call: PlatformCall) => boolean): Promise<PlatformCall | undefined> {
    return (await this.platformCalls()).find(match);
  }

  /** The platform's SIP call that belongs to leg A `signalsCallId` and rings (or rang) `sipUser`. */
  async callOf(signalsCallId: string, sipUser: string): Promise<PlatformCall | undefined> {
    return this.findCall((call) => call.signalsCallId === signalsCallId && call.sipUser === sipUser);
  }

  async platform(): Promise<PlatformSnapshot> {
    return platformSnapshotSchema.parse(await this.request('GET', '/platform'));
  }

  async setPlatform(patch: Partial<PlatformSettings>): Promise<PlatformSettings> {
    return z.object({ settings: platformSettingsSchema }).parse(await this.request('POST', '/platform/settings', patch))
      .settings;
  }

  /** The customer (the platform's side) hangs up this SIP call. */
  async hangup(sipCallId: string): Promise<void> {
    await this.request('POST', `/platform/calls/${encodeURIComponent(sipCallId)}/hangup`);
  }

  /** Starts an inbound or internal test call; returns leg A's call id (the history record's `call_id`). */
  async startCall(spec: TestCallSpec): Promise<string> {
    return startedCallSchema.parse(await this.request('POST', '/calls', spec)).callId;
  }

  /** Overrides what the click-to-call API believes about the device's registration. */
  async setDeviceRegistered(sipUser: string, registered: boolean): Promise<void> {
    await this.request('POST', `/devices/${encodeURIComponent(sipUser)}`, { registered });
  }

  async clearDeviceOverride(sipUser: string): Promise<void> {
    await this.request('DELETE', `/devices/${encodeURIComponent(sipUser)}`);
  }

  async kamailio(): Promise<z.infer<typeof kamailioSchema>> {
    return kamailioSchema.parse(await this.request('GET', '/kamailio'));
  }

  /** Stops and starts Kamailio on the same ports; its registrations are lost. Returns the new pid. */
  async restartKamailio(): Promise<number> {
    return z
      .object({ restarted: z.literal(true), pid: z.number().int() })
      .parse(await this.request('POST', '/kamailio/restart')).pid;
  }

  async freezeKamailio(): Promise<void> {
    z.object({ frozen: z.literal(true) }).parse(await this.request('POST', '/kamailio/freeze'));
  }

  async unfreezeKamailio(): Promise<void> {
    z.object({ frozen: z.literal(false) }).parse(await this.request('POST', '/kamailio/unfreeze'));
  }

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.controlUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 200)}`);
    return JSON.parse(text) as unknown;
  }
}
