import { randomBytes } from 'node:crypto';
import { callRecordSchema, type CallRecord, type SandboxAgent, type SandboxQueue } from './records';
import { generateCompany, type Company } from './company';
import { generateHistory } from './call-generator';

/**
 * Everything the sandbox knows, in one place, shared by the REST server and (later) the call
 * signals server and call simulator. Keep this API stable: other modules build against it.
 */

export type { CallRecord, CallParty, QueueStat, CallStatus, SandboxAgent, SandboxQueue } from './records';

/** Newest first, then by `_id`: the order the histories endpoint pages through. */
function compareRecords(a: CallRecord, b: CallRecord): number {
  if (a.unix_timestamp !== b.unix_timestamp) return b.unix_timestamp - a.unix_timestamp;
  return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
}

export type HistoryListener = (record: CallRecord) => void;

export class CallHistory {
  private readonly records: CallRecord[] = [];
  private readonly ids = new Set<string>();
  private readonly callIds = new Set<string>();
  private readonly recordings = new Set<string>();
  private readonly listeners = new Set<HistoryListener>();

  constructor(initial: readonly CallRecord[] = []) {
    for (const record of initial) this.insert(record);
  }

  get size(): number {
    return this.records.length;
  }

  /**
   * Adds a finished call (validated; a bad record is a programmer error and throws).
   * `_id` and `call_id` must be new.
   */
  append(record: CallRecord): void {
    const parsed = callRecordSchema.parse(record);
    this.insert(parsed);
    for (const listener of this.listeners) listener(parsed);
  }

  /** Calls `listener` after every append; returns the function that unsubscribes. */
  onAppend(listener: HistoryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Records with fromMs <= unix_timestamp*1000 <= toMs, newest first. */
  query(fromMs: number, toMs: number): readonly CallRecord[] {
    if (toMs < fromMs) return [];
    // Sorted descending: the first index whose time is <= toMs, then the first whose time < fromMs.
    const start = this.firstIndex((r) => r.unix_timestamp * 1000 <= toMs);
    const end = this.firstIndex((r) => r.unix_timestamp * 1000 < fromMs);
    return this.records.slice(start, end);
  }

  /** All records, newest first (a copy). */
  all(): readonly CallRecord[] {
    return [...this.records];
  }

  hasRecording(name: string): boolean {
    return this.recordings.has(name);
  }

  findByCallId(callId: string): CallRecord | undefined {
    return this.records.find((r) => r.call_id === callId);
  }

  private insert(record: CallRecord): void {
    if (this.ids.has(record._id)) throw new Error(`duplicate call record _id ${record._id}`);
    if (this.callIds.has(record.call_id)) throw new Error(`duplicate call_id ${record.call_id}`);
    // Insert after every record that sorts before it, so equal keys keep arrival order.
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareRecords(this.records[mid] as CallRecord, record) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.records.splice(lo, 0, record);
    this.ids.add(record._id);
    this.callIds.add(record.call_id);
    if (record.recording !== '') this.recordings.add(record.recording);
  }

  /** Binary search over the descending list for the first record matching a monotone predicate. */
  private firstIndex(predicate: (record: CallRecord) => boolean): number {
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (predicate(this.records[mid] as CallRecord)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

export interface IssuedToken {
  readonly value: string;
  /** Unix milliseconds (sandbox clock). */
  readonly expiresAtMs: number;
}

/** Voice auth tokens (`POST /oapi/v1/voice/auth_token`), remembered so the signals server can check them. */
export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly now: () => number,
    readonly lifetimeSeconds: number,
  ) {}

  issue(): IssuedToken {
    this.forgetExpired();
    const token: IssuedToken = {
      value: randomBytes(32).toString('hex'),
      expiresAtMs: this.now() + this.lifetimeSeconds * 1000,
    };
    this.tokens.set(token.value, token);
    return token;
  }

  /** True when `value` was issued here and has not expired. */
  validate(value: string): boolean {
    const token = this.tokens.get(value);
    return token !== undefined && this.now() < token.expiresAtMs;
  }

  /** Expires every issued token now (`POST /__sandbox/tokens/expire`). */
  expireAll(): void {
    const now = this.now();
    for (const [value, token] of this.tokens)
      this.tokens.set(value, { ...token, expiresAtMs: Math.min(token.expiresAtMs, now) });
  }

  get issuedCount(): number {
    return this.tokens.size;
  }

  private forgetExpired(): void {
    const now = this.now();
    // Keep an hour of expired tokens so "expired" and "unknown" stay distinguishable in logs.
    for (const [value, token] of this.tokens) if (token.expiresAtMs + 3_600_000 < now) this.tokens.delete(value);
  }
}

/** Answers whether a SIP user is registered right now (e.g. Kamailio's `ul.lookup`). */
export type LiveRegistrationLookup = (sipUser: string) => Promise<boolean>;

/**
 * Registration status per SIP device user. A manual override (`set`, or
 * `POST /__sandbox/devices/:sipUser`) wins; otherwise a live lookup (Kamailio) answers when
 * one is attached; otherwise the default (`devicesRegistered` option).
 */
export class DeviceRegistry {
  private readonly overrides = new Map<string, boolean>();
  private live: LiveRegistrationLookup | undefined;

  constructor(private readonly defaultRegistered: boolean) {}

  set(sipUser: string, registered: boolean): void {
    this.overrides.set(sipUser, registered);
  }

  clear(sipUser: string): void {
    this.overrides.delete(sipUser);
  }

  /** The manual override for a user, if any. */
  override(sipUser: string): boolean | undefined {
    return this.overrides.get(sipUser);
  }

  setLiveLookup(lookup: LiveRegistrationLookup | undefined): void {
    this.live = lookup;
  }

  get hasLiveLookup(): boolean {
    return this.live !== undefined;
  }

  async isRegistered(sipUser: string): Promise<boolean> {
    const forced = this.overrides.get(sipUser);
    if (forced !== undefined) return forced;
    if (this.live) return this.live(sipUser);
    return this.defaultRegistered;
  }
}

export interface ClickToCallRequest {
  readonly agent: SandboxAgent;
  readonly number: string;
  readonly atMs: number;
}
export type ClickToCallListener = (request: ClickToCallRequest) => void;

export interface SandboxStateOptions {
  seed?: number;
  calls?: number;
  days?: number;
  now?: () => number;
  appId?: string;
  appSecret?: string;
  tokenLifetimeSeconds?: number;
  devicesRegistered?: boolean;
}

export class SandboxState {
  readonly seed: number;
  readonly now: () => number;
  readonly appId: string;
  readonly appSecret: string;
  readonly accountId: string;
  readonly domain: string;
  readonly email: string;
  /** Company DIDs (landlines that customers dial). */
  readonly dids: readonly string[];
  readonly agents: readonly SandboxAgent[];
  readonly queues: readonly SandboxQueue[];
  readonly history: CallHistory;
  readonly tokens: TokenStore;
  readonly devices: DeviceRegistry;
  /** Random per run: signs recording URLs; never leaves the process. */
  readonly urlSigningKey: Buffer;
  private readonly clickToCallListeners = new Set<ClickToCallListener>();

  constructor(options: SandboxStateOptions = {}) {
    this.seed = options.seed ?? 1;
    this.now = options.now ?? Date.now;
    const company: Company = generateCompany(this.seed);
    this.appId = options.appId ?? company.appId;
    this.appSecret = options.appSecret ?? company.appSecret;
    this.accountId = company.accountId;
    this.domain = company.domain;
    this.email = company.email;
    this.dids = company.dids;
    this.agents = company.agents;
    this.queues = company.queues;
    this.history = new CallHistory(
      generateHistory(company, {
        seed: this.seed,
        calls: options.calls ?? 5000,
        days: options.days ?? 90,
        nowMs: this.now(),
      }),
    );
    this.tokens = new TokenStore(this.now, options.tokenLifetimeSeconds ?? 3600);
    this.devices = new DeviceRegistry(options.devicesRegistered ?? true);
    this.urlSigningKey = randomBytes(32);
  }

  agentBySipUser(sipUser: string): SandboxAgent | undefined {
    return this.agents.find((a) => a.sipUser === sipUser);
  }

  agentById(id: string): SandboxAgent | undefined {
    return this.agents.find((a) => a.id === id);
  }

  /** The call simulator subscribes here to play out calls placed through click-to-call. */
  onClickToCall(listener: ClickToCallListener): () => void {
    this.clickToCallListeners.add(listener);
    return () => this.clickToCallListeners.delete(listener);
  }

  /** Called by the REST server after a successful click-to-call. */
  notifyClickToCall(request: ClickToCallRequest): void {
    for (const listener of this.clickToCallListeners) listener(request);
  }
}

export function createSandboxState(options: SandboxStateOptions = {}): SandboxState {
  return new SandboxState(options);
}
