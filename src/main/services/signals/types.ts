import type { AppError } from '../../../shared/errors';
import type { Result } from '../../../shared/result';
import { noopLogger } from '../logger';

/** Services share one logger interface, so one logger serves them all. */
export type { LogFields, Logger as SignalLogger } from '../logger';
export const silentLogger = noopLogger;

/** The voice auth token; the API client's getAuthToken() result fits as is. */
export interface SignalToken {
  readonly token: string;
  readonly expiresAt: Date;
}

export interface TokenSource {
  getToken(): Promise<Result<SignalToken, AppError>>;
}

/**
 * One call-history record as the API documents it (caller, callee, class, did_number,
 * direction, status_detail, unix_timestamp, queue_stat...). Deliberately loose: records are
 * re-validated with zod in missed-calls.ts and finished-calls.ts, and the API client's CallRecord is assignable.
 */
export interface HistoryRecord {
  readonly call_id?: unknown;
  readonly caller: object;
  readonly callee: object;
  readonly class?: unknown;
  readonly did_number?: unknown;
  readonly direction?: unknown;
  readonly status_detail?: unknown;
  readonly unix_timestamp: unknown;
  readonly duration_seconds?: unknown;
  readonly billing_seconds?: unknown;
  readonly queue_stat?: readonly unknown[];
}

export interface HistorySource {
  /** Every call whose start lies in [from, to]; the source splits windows and pages. */
  fetchRange(from: Date, to: Date): Promise<Result<readonly HistoryRecord[], AppError>>;
}

/** Who "this agent" is: used to pick missed calls and by screen-pop's isForAgent. */
export interface AgentIdentity {
  readonly sipUser: string;
  readonly extension?: string | readonly string[];
  /** Kazoo owner id = AntBuddy agent id (queue_stat agent_id, custom_channel_vars.owner_id). */
  readonly ownerId?: string;
  readonly username?: string;
}

export interface SignalConfig {
  /** ws:// or wss:// address of the call-signal server. */
  readonly url: string;
  readonly accountId: string;
  readonly agent: AgentIdentity;
  /** Defaults to the adapter's call bindings. */
  readonly bindings?: readonly string[];
}

/** A call that rang this agent while the app was offline and was not answered by it. */
export type { MissedCall } from '../../../shared/domain';

export { systemClock, type Clock } from '../clock';

/** The part of a `ws` WebSocket the service uses; `ws`'s class satisfies it. */
export interface SignalSocket {
  readonly readyState: number;
  on(event: 'open', listener: () => void): unknown;
  on(event: 'message', listener: (data: unknown, isBinary: boolean) => void): unknown;
  on(event: 'pong', listener: () => void): unknown;
  on(event: 'close', listener: (code: number, reason: unknown) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  send(data: string): void;
  ping(): void;
  terminate(): void;
}

export type WebSocketConstructor = new (
  url: string,
  options?: { handshakeTimeout?: number; maxPayload?: number },
) => SignalSocket;
