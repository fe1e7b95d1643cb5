import type { AppError, ErrorCode } from '../../../shared/errors';
import { appError } from '../../../shared/errors';
import type { PlatformCallEvent, SignalProtocolAdapter } from './adapter';
import { MAX_SIGNAL_FRAME_BYTES } from './frame-limit';
import { forLog } from './redact';
import type { TokenKeeper } from './token-keeper';
import type { Clock, SignalLogger, SignalSocket, WebSocketConstructor } from './types';

/**
 * One websocket's life: open, subscribe every binding (one per message, the token on each),
 * check every reply, keep alive, watch for silence, and report how it ended exactly once.
 * Nothing a frame contains can throw out of here.
 */

export interface ConnectionTiming {
  /** ws ping + protocol ping this often. */
  readonly keepaliveMs: number;
  /** Dead when nothing at all (pong, reply, event) arrived for this long. */
  readonly deadAfterMs: number;
  /** Every binding must be answered within this after the socket opens. */
  readonly subscribeTimeoutMs: number;
  /** Token refreshes per binding after "failed to authenticate token" before giving up. */
  readonly maxAuthRetries: number;
}

export const DEFAULT_TIMING: ConnectionTiming = {
  keepaliveMs: 10_000,
  deadAfterMs: 25_000,
  subscribeTimeoutMs: 15_000,
  maxAuthRetries: 3,
};

export interface ConnectionEnd {
  readonly code: ErrorCode;
  readonly reason: string;
  /** Retrying cannot help (refused account, token refused again and again). */
  readonly fatal: boolean;
}

export interface ConnectionHandlers {
  onLive(): void;
  onEvent(event: PlatformCallEvent): void;
  onEnd(end: ConnectionEnd): void;
  onProblem(error: AppError): void;
}

export interface ConnectionDeps {
  readonly adapter: SignalProtocolAdapter;
  readonly clock: Clock;
  readonly log: SignalLogger;
  readonly WebSocketImpl: WebSocketConstructor;
  readonly tokens: TokenKeeper;
  readonly nextRequestId: () => string;
  readonly timing: ConnectionTiming;
}

export interface ConnectionTarget {
  readonly url: string;
  readonly accountId: string;
  readonly bindings: readonly string[];
}

interface PendingSubscribe {
  readonly binding: string;
  readonly attempt: number;
  readonly token: string | undefined;
}

/** At most this many skipped-frame warnings a minute; the rest are counted. */
const SKIP_LOGS_PER_MINUTE = 20;

export class SignalConnection {
  private socket: SignalSocket | undefined;
  private ended = false;
  private live = false;
  private lastActivityMs: number;
  private readonly timers = new Set<unknown>();
  private watchdog: unknown;
  private readonly pending = new Map<string, PendingSubscribe>();
  private readonly settled = new Set<string>();
  private subscribed = 0;
  private skipWindowStart = 0;
  private skipLogged = 0;
  private skipSuppressed = 0;

  constructor(
    private readonly target: ConnectionTarget,
    private readonly deps: ConnectionDeps,
    private readonly handlers: ConnectionHandlers,
  ) {
    this.lastActivityMs = deps.clock.now();
  }

  open(): void {
    let socket: SignalSocket;
    try {
      // No subprotocol argument: Blackhole answers 400 to a Sec-WebSocket-Protocol header.
      socket = new this.deps.WebSocketImpl(this.target.url, {
        handshakeTimeout: 10_000,
        maxPayload: MAX_SIGNAL_FRAME_BYTES,
      });
    } catch (error) {
      this.end({
        code: 'config_invalid',
        reason: `Cannot open the call-signal address (${errorName(error)})`,
        fatal: true,
      });
      return;
    }
    this.socket = socket;
    socket.on('open', () => this.guard(() => this.onOpen()));
    socket.on('message', (data, isBinary) => this.guard(() => this.onMessage(data, isBinary)));
    socket.on('pong', () => this.touch());
    socket.on('error', (error) => this.guard(() => this.onSocketError(error)));
    socket.on('close', (code) =>
      this.guard(() =>
        this.end({ code: 'network', reason: `The call-signal connection closed (code ${code})`, fatal: false }),
      ),
    );
    this.armWatchdog(this.deps.timing.deadAfterMs);
  }

  /** Ends without reporting (the service is stopping or replacing this connection). */
  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.teardown();
  }

  private onOpen(): void {
    if (this.ended) return;
    this.touch();
    for (const binding of this.target.bindings) this.subscribe(binding, 1);
    // While the subscriptions travel: the parsers' first-use cost then stays off the first call.
    this.later(() => this.deps.adapter.warmUp(), 0);
    this.later(() => {
      if (!this.live)
        this.end({ code: 'timeout', reason: 'The call-signal server did not answer the subscriptions', fatal: false });
    }, this.deps.timing.subscribeTimeoutMs);
    this.keepalive();
  }

  private subscribe(binding: string, attempt: number): void {
    if (this.ended) return;
    const requestId = this.deps.nextRequestId();
    const token = this.deps.tokens.current();
    this.pending.set(requestId, { binding, attempt, token });
    this.send(
      this.deps.adapter.subscribe(binding, {
        requestId,
        accountId: this.target.accountId,
        ...(token ? { token } : {}),
      }),
    );
  }

  private keepalive(): void {
    this.later(() => {
      if (this.ended) return;
      try {
        this.socket?.ping();
      } catch {
        // A socket that cannot ping is dead; the watchdog notices.
      }
      this.send(this.deps.adapter.ping({ requestId: this.deps.nextRequestId() }));
      this.keepalive();
    }, this.deps.timing.keepaliveMs);
  }

  private armWatchdog(ms: number): void {
    if (this.watchdog !== undefined) this.timers.delete(this.watchdog);
    this.watchdog = this.later(() => {
      this.watchdog = undefined;
      const idle = this.deps.clock.now() - this.lastActivityMs;
      if (idle >= this.deps.timing.deadAfterMs) {
        const seconds = Math.round(this.deps.timing.deadAfterMs / 1000);
        this.end({
          code: 'timeout',
          reason: `No sign of life from the call-signal server for ${seconds} s`,
          fatal: false,
        });
      } else {
        this.armWatchdog(this.deps.timing.deadAfterMs - idle);
      }
    }, ms);
  }

  private onMessage(data: unknown, isBinary: boolean): void {
    if (this.ended) return;
    this.touch();
    if (isBinary) {
      this.skipped('binary frame', '');
      return;
    }
    const text = frameText(data);
    if (text === undefined) {
      this.skipped('unreadable frame', '');
      return;
    }
    const frame = this.deps.adapter.classify(text);
    switch (frame.kind) {
      case 'unknown':
        this.skipped(frame.reason, text);
        return;
      case 'reply':
        this.onReply(frame.requestId, frame.status, frame.errors);
        return;
      case 'event': {
        const mapped = this.deps.adapter.toPlatformEvent(frame);
        if (!mapped.ok) {
          if (mapped.ignorable) this.deps.log.debug('signals: event ignored', { reason: mapped.reason });
          else this.skipped(mapped.reason, text);
          return;
        }
        if (mapped.droppedFields.length > 0) {
          this.deps.log.debug('signals: event fields dropped', {
            fields: mapped.droppedFields.join(',').slice(0, 200),
          });
        }
        this.handlers.onEvent(mapped.event);
        return;
      }
    }
  }

  private onReply(requestId: string | undefined, status: 'success' | 'error', errors: readonly string[]): void {
    const sub = requestId !== undefined ? this.pending.get(requestId) : undefined;
    const secrets = this.deps.tokens.secrets();
    const reason = forLog(errors.join('; '), secrets, 300) || 'no reason given';
    if (!sub) {
      // A ping's (or a stale request's) reply. A refused token here means the stored one is stale.
      if (status === 'error') {
        this.deps.log.debug('signals: error reply', { reason });
        if (this.deps.adapter.classifyReplyError(errors) === 'auth')
          void this.deps.tokens.replace(this.deps.tokens.current());
      }
      return;
    }
    this.pending.delete(requestId as string);
    if (status === 'success') {
      this.settle(sub.binding, true);
      return;
    }
    const kind = this.deps.adapter.classifyReplyError(errors);
    this.deps.log.warn('signals: subscribe refused', { binding: sub.binding, kind, reason });
    switch (kind) {
      case 'auth':
        this.retryWithNewToken(sub, reason);
        return;
      case 'account':
        this.end({
          code: 'config_invalid',
          reason: `The call-signal server refused the account id: ${reason}`,
          fatal: true,
        });
        return;
      case 'unavailable':
        this.handlers.onProblem(
          appError(
            'rejected',
            `Call signals for ${sub.binding} are not available: ${reason}`,
            `Máy chủ không hỗ trợ tín hiệu ${sub.binding}: ${reason}`,
          ),
        );
        this.settle(sub.binding, false);
        return;
      case 'rate_limited':
        this.end({ code: 'rate_limited', reason: `The call-signal server is rate limiting: ${reason}`, fatal: false });
        return;
      case 'other':
        this.end({
          code: 'server_error',
          reason: `The call-signal server refused a subscription: ${reason}`,
          fatal: false,
        });
        return;
    }
  }

  private retryWithNewToken(sub: PendingSubscribe, reason: string): void {
    if (sub.attempt > this.deps.timing.maxAuthRetries) {
      this.end({
        code: 'rejected',
        reason: `The call-signal server refused the voice auth token ${sub.attempt} times: ${reason}`,
        fatal: true,
      });
      return;
    }
    void this.deps.tokens.replace(sub.token).then((result) => {
      if (this.ended) return;
      if (!result.ok) {
        this.end({
          code: result.error.code,
          reason: `Could not renew the voice auth token: ${result.error.message}`,
          fatal: false,
        });
        return;
      }
      this.subscribe(sub.binding, sub.attempt + 1);
    });
  }

  private settle(binding: string, subscribed: boolean): void {
    if (this.settled.has(binding)) return;
    this.settled.add(binding);
    if (subscribed) this.subscribed++;
    if (this.live || this.settled.size < this.target.bindings.length) return;
    if (this.subscribed === 0) {
      this.end({
        code: 'config_invalid',
        reason: 'The call-signal server offers none of the call bindings',
        fatal: true,
      });
      return;
    }
    this.live = true;
    this.handlers.onLive();
  }

  private onSocketError(error: Error): void {
    const reason = forLog(error.message, this.deps.tokens.secrets());
    this.deps.log.warn('signals: socket error', { reason });
    this.end({ code: 'network', reason: `Call-signal connection failed: ${reason}`, fatal: false });
  }

  private send(text: string): void {
    const socket = this.socket;
    if (!socket || this.ended) return;
    try {
      socket.send(text);
    } catch (error) {
      this.end({
        code: 'network',
        reason: `Could not send to the call-signal server (${errorName(error)})`,
        fatal: false,
      });
    }
  }

  private touch(): void {
    this.lastActivityMs = this.deps.clock.now();
  }

  private skipped(reason: string, text: string): void {
    const now = this.deps.clock.now();
    if (now - this.skipWindowStart >= 60_000) {
      if (this.skipSuppressed > 0) this.deps.log.warn('signals: more frames skipped', { count: this.skipSuppressed });
      this.skipWindowStart = now;
      this.skipLogged = 0;
      this.skipSuppressed = 0;
    }
    if (this.skipLogged >= SKIP_LOGS_PER_MINUTE) {
      this.skipSuppressed++;
      return;
    }
    this.skipLogged++;
    this.deps.log.warn('signals: frame skipped', { reason, frame: forLog(text, this.deps.tokens.secrets()) });
  }

  private end(end: ConnectionEnd): void {
    if (this.ended) return;
    this.ended = true;
    this.teardown();
    this.handlers.onEnd(end);
  }

  private teardown(): void {
    for (const timer of this.timers) this.deps.clock.clearTimeout(timer);
    this.timers.clear();
    this.watchdog = undefined;
    this.pending.clear();
    try {
      this.socket?.terminate();
    } catch {
      // Already gone.
    }
  }

  private later(fn: () => void, ms: number): unknown {
    const timer = this.deps.clock.setTimeout(() => {
      this.timers.delete(timer);
      this.guard(fn);
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  /** The last line of defence: a bug here must not take the main process down. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.deps.log.error('signals: handler failed', { error: errorName(error) });
    }
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

function frameText(data: unknown): string | undefined {
  if (typeof data === 'string') return data;
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  if (Array.isArray(data) && data.every((part) => Buffer.isBuffer(part)))
    return Buffer.concat(data as Buffer[]).toString('utf8');
  return undefined;
}
