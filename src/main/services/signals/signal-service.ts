import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { z } from 'zod';
import type { CallEvent, SignalConnectionState } from '../../../shared/domain';
import { appError, type AppError, type ErrorCode } from '../../../shared/errors';
import type { SignalProtocolAdapter } from './adapter';
import { DEFAULT_RECONNECT, DEFAULT_REQUEST_RETRY, reconnectDelayMs, type ReconnectPolicy } from './backoff';
import { createBlackholeAdapter } from './blackhole-adapter';
import { BoundedSet } from './bounded';
import { CallFolder } from './call-folder';
import { finishedCalls } from './finished-calls';
import { findMissedCalls } from './missed-calls';
import { DEFAULT_TIMING, SignalConnection, type ConnectionEnd, type ConnectionTiming } from './signal-connection';
import { TokenKeeper } from './token-keeper';
import {
  silentLogger,
  systemClock,
  type Clock,
  type HistorySource,
  type MissedCall,
  type SignalConfig,
  type SignalLogger,
  type TokenSource,
  type WebSocketConstructor,
} from './types';

/**
 * The call-signal service: keeps one authenticated, subscribed websocket open, folds the
 * platform's per-leg events into CallEvents, reconnects with jittered backoff, and after every
 * gap asks the call history which calls rang this agent meanwhile (missed calls).
 *
 * Gaps: from the moment a live connection was lost (or stop() was called while live) until the
 * next time it is live. The first start of a service has no gap: history sync covers that.
 * The same lookup ends the calls the app still shows whose end fell in the gap (their
 * destroy never comes): any call signalled before the reconnect that the history lists.
 *
 * The reconnect promise: the next attempt (a socket opened to the server) comes within the
 * backoff cap, 30 s, of the moment the connection was lost, however it flapped before and
 * whatever the API does: a token that has not expired is reused, so reconnecting does not wait
 * for the API. Only without one does an attempt start with a token request, and those are
 * paced by the same jittered backoff (as are the gap's history requests), never a storm.
 */

export interface SignalServiceTiming extends ConnectionTiming {
  readonly reconnect: ReconnectPolicy;
  /** A connection live this long resets the backoff; a flapping one keeps backing off. */
  readonly stableAfterMs: number;
  /** Backoff of the API requests (voice token, gap history) after a failure. */
  readonly requestRetry: ReconnectPolicy;
  /** Added on both sides of a gap when asking the history. */
  readonly historyMarginMs: number;
  /** History attempts per gap (spaced by `requestRetry`). */
  readonly historyAttempts: number;
  /**
   * How far back before a gap the lookup reaches to end calls still shown from before it (a
   * history record is filed under the call's start). Longer calls are left to the screen-pop's
   * own safety net.
   */
  readonly reconcileLookbackMs: number;
  /** How far back a gap inherited from an earlier run may reach (a long weekend off is not an outage). */
  readonly inheritedGapMaxMs: number;
  /**
   * A call still in progress when the connection came back is not in the history yet: the gap
   * is looked up once more this long after the first lookup, to catch it once it has ended.
   */
  readonly gapFollowUpMs: number;
}

export const DEFAULT_SERVICE_TIMING: SignalServiceTiming = {
  ...DEFAULT_TIMING,
  reconnect: DEFAULT_RECONNECT,
  stableAfterMs: 10_000,
  requestRetry: DEFAULT_REQUEST_RETRY,
  historyMarginMs: 60_000,
  historyAttempts: 8,
  reconcileLookbackMs: 4 * 3_600_000,
  inheritedGapMaxMs: 72 * 3_600_000,
  gapFollowUpMs: 5 * 60_000,
};

export interface SignalServiceDeps {
  readonly getConfig: () => SignalConfig | undefined;
  readonly tokens: TokenSource;
  readonly history: HistorySource;
  readonly log?: SignalLogger;
  readonly clock?: Clock;
  /** Uniform in [0, 1): the jitter of reconnects and request retries. */
  readonly random?: () => number;
  readonly WebSocketImpl?: WebSocketConstructor;
  readonly adapter?: SignalProtocolAdapter;
  readonly timing?: Partial<SignalServiceTiming>;
  /**
   * When call signals were last live in an earlier run (kept by the host). The first
   * connection of this run treats everything since then as a gap and backfills it, so calls
   * that rang while the app was closed are not missed silently.
   */
  readonly lastListeningAt?: () => number | undefined;
}

type Listener<T> = (value: T) => void;
export type Unsubscribe = () => void;

export interface SignalService {
  /** Connects (again); a no-op while already running. */
  start(): void;
  /** Closes the socket and clears every timer; the service can be started again. */
  stop(): void;
  state(): SignalConnectionState;
  onState(listener: Listener<SignalConnectionState>): Unsubscribe;
  onCallEvent(listener: Listener<CallEvent>): Unsubscribe;
  onMissed(listener: Listener<MissedCall[]>): Unsubscribe;
  onError(listener: Listener<AppError>): Unsubscribe;
}

const ConfigSchema = z.object({
  url: z
    .string()
    .trim()
    .refine((u) => {
      try {
        return ['ws:', 'wss:'].includes(new URL(u).protocol);
      } catch {
        return false;
      }
    }, 'expected a ws:// or wss:// address'),
  accountId: z.string().trim().min(1),
  bindings: z.array(z.string().min(1)).min(1).optional(),
});

class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();
  constructor(
    private readonly log: SignalLogger,
    private readonly what: string,
  ) {}
  on(listener: Listener<T>): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.log.error(`signals: ${this.what} listener threw`, {
          error: error instanceof Error ? error.name : typeof error,
        });
      }
    }
  }
}

export function createSignalService(deps: SignalServiceDeps): SignalService {
  const log = deps.log ?? silentLogger;
  const clock = deps.clock ?? systemClock;
  const random = deps.random ?? Math.random;
  const adapter = deps.adapter ?? createBlackholeAdapter();
  const WebSocketImpl = deps.WebSocketImpl ?? (WebSocket as unknown as WebSocketConstructor);
  const timing: SignalServiceTiming = { ...DEFAULT_SERVICE_TIMING, ...deps.timing };
  const tokens = new TokenKeeper(deps.tokens, clock, log, { random, retry: timing.requestRetry });
  const folder = new CallFolder({ now: () => clock.now() });
  const reportedMissed = new BoundedSet(5_000);

  const stateEvents = new Emitter<SignalConnectionState>(log, 'state');
  const callEvents = new Emitter<CallEvent>(log, 'call event');
  const missedEvents = new Emitter<MissedCall[]>(log, 'missed');
  const errorEvents = new Emitter<AppError>(log, 'error');

  const requestPrefix = randomUUID().slice(0, 8);
  let requestCounter = 0;
  const nextRequestId = (): string => `${requestPrefix}-${++requestCounter}`;

  let current: SignalConnectionState = { kind: 'idle' };
  let running = false;
  /** Bumped by start/stop: callbacks of an older run do nothing. */
  let run = 0;
  let connection: SignalConnection | undefined;
  let reconnectTimer: unknown;
  let historyTimer: unknown;
  let followUpTimer: unknown;
  let failures = 0;
  let liveSinceMs: number | undefined;
  /** Start of the not-yet-backfilled gap, if any. */
  let gapStartMs: number | undefined;
  /** The first start of this run may inherit a gap from the previous run. */
  let startedBefore = false;
  let config: (z.infer<typeof ConfigSchema> & { agent: SignalConfig['agent'] }) | undefined;

  function setState(next: SignalConnectionState): void {
    current = next;
    stateEvents.emit(next);
  }

  function problem(code: ErrorCode, message: string): void {
    errorEvents.emit(appError(code, message, viMessage(code, message)));
  }

  function clearTimers(): void {
    if (reconnectTimer !== undefined) clock.clearTimeout(reconnectTimer);
    if (historyTimer !== undefined) clock.clearTimeout(historyTimer);
    if (followUpTimer !== undefined) clock.clearTimeout(followUpTimer);
    reconnectTimer = undefined;
    historyTimer = undefined;
    followUpTimer = undefined;
  }

  function fail(code: ErrorCode, reason: string): void {
    running = false;
    run++;
    clearTimers();
    connection?.close();
    connection = undefined;
    tokens.stop();
    log.error('signals: giving up', { code, reason });
    problem(code, reason);
    setState({ kind: 'failed', reason, code });
  }

  function readConfig(): boolean {
    let raw: SignalConfig | undefined;
    try {
      raw = deps.getConfig();
    } catch {
      raw = undefined;
    }
    const parsed = raw ? ConfigSchema.safeParse(raw) : undefined;
    if (!raw || !parsed?.success) {
      const field = parsed && !parsed.success ? (parsed.error.issues[0]?.path.join('.') ?? '') : '';
      fail('not_configured', `Call signals are not configured${field ? ` (${field})` : ''}`);
      return false;
    }
    config = { ...parsed.data, agent: raw.agent };
    return true;
  }

  async function connect(): Promise<void> {
    const myRun = run;
    if (!readConfig() || !config) return;
    setState({ kind: 'connecting', attempt: failures + 1 });
    // The token at hand is reused while it has not expired (a refused one never is): waiting
    // for a fresh one would tie every reconnect to the API, and an API outage would then hold
    // the socket back and turn reconnects into a stream of token requests.
    if (!tokens.usable()) {
      const token = await tokens.fetch();
      if (myRun !== run) return;
      if (!token.ok) {
        const { code } = token.error;
        if (code === 'not_configured' || code === 'config_invalid') {
          fail(code, `Cannot get the voice auth token: ${token.error.message}`);
        } else {
          scheduleReconnect(`Cannot get the voice auth token: ${token.error.message}`, tokens.waitBeforeRequestMs());
        }
        return;
      }
    }
    const target = {
      url: config.url,
      accountId: config.accountId,
      bindings: config.bindings ?? adapter.defaultBindings,
    };
    const conn: SignalConnection = new SignalConnection(
      target,
      { adapter, clock, log, WebSocketImpl, tokens, nextRequestId, timing },
      {
        onLive: () => {
          if (myRun !== run || connection !== conn) return;
          liveSinceMs = clock.now();
          tokens.keepFresh();
          log.info('signals: live', { bindings: target.bindings.length });
          setState({ kind: 'live', since: new Date(liveSinceMs).toISOString() });
          backfill(myRun, 1);
        },
        onEvent: (event) => {
          if (myRun !== run) return;
          for (const callEvent of folder.fold(event)) callEvents.emit(callEvent);
        },
        onEnd: (end) => {
          if (myRun !== run || connection !== conn) return;
          connection = undefined;
          onConnectionEnd(end);
        },
        onProblem: (error) => errorEvents.emit(error),
      },
    );
    connection = conn;
    conn.open();
  }

  function onConnectionEnd(end: ConnectionEnd): void {
    const now = clock.now();
    tokens.stop();
    if (liveSinceMs !== undefined) {
      gapStartMs ??= now;
      if (now - liveSinceMs >= timing.stableAfterMs) failures = 0;
      liveSinceMs = undefined;
    }
    log.warn('signals: connection ended', { code: end.code, reason: end.reason });
    if (end.fatal) fail(end.code, end.reason);
    else scheduleReconnect(end.reason);
  }

  /** `atLeastMs`: the token's own backoff, when the attempt failed for want of a token. */
  function scheduleReconnect(lastError: string, atLeastMs = 0): void {
    if (!running) return;
    failures++;
    // Both waits are capped at 30 s by default, so the larger one keeps the promise too.
    const delay = Math.max(reconnectDelayMs(failures, random, timing.reconnect), atLeastMs);
    const nextAttemptAt = new Date(clock.now() + delay).toISOString();
    setState({ kind: 'reconnecting', attempt: failures + 1, nextAttemptAt, lastError });
    reconnectTimer = clock.setTimeout(() => {
      reconnectTimer = undefined;
      void connect().catch(unexpected);
    }, delay);
  }

  /**
   * Asks the history for the gap just closed: reports the calls this agent missed, and ends
   * the calls signalled before the reconnect that the history lists as finished.
   */
  function backfill(myRun: number, attempt: number, followUp = false): void {
    const start = gapStartMs;
    if (start === undefined || !config) return;
    gapStartMs = undefined;
    const agent = config.agent;
    const now = clock.now();
    const reconnectedAt = liveSinceMs ?? now;
    const fromMs = start - timing.historyMarginMs;
    const toMs = now + timing.historyMarginMs;
    // A call still shown from before the gap is filed under its start, maybe long before it.
    const oldestShown = folder.oldestOpenStart(reconnectedAt);
    const lookupFromMs =
      oldestShown === undefined
        ? fromMs
        : Math.min(fromMs, Math.max(oldestShown, start - timing.reconcileLookbackMs) - timing.historyMarginMs);
    const restore = (): void => {
      gapStartMs = Math.min(gapStartMs ?? start, start);
    };
    deps.history
      .fetchRange(new Date(lookupFromMs), new Date(toMs))
      .catch((): Awaited<ReturnType<HistorySource['fetchRange']>> => ({
        ok: false,
        error: appError('internal', 'Call history lookup failed.', 'Không tra được lịch sử cuộc gọi.'),
      }))
      .then((result) => {
        if (myRun !== run) {
          restore();
          return;
        }
        if (!result.ok) {
          restore();
          log.warn('signals: gap history failed', { code: result.error.code, attempt });
          errorEvents.emit(result.error);
          if (attempt < timing.historyAttempts && historyTimer === undefined) {
            historyTimer = clock.setTimeout(
              () => {
                historyTimer = undefined;
                if (myRun === run && current.kind === 'live') backfill(myRun, attempt + 1, followUp);
              },
              reconnectDelayMs(attempt, random, timing.requestRetry),
            );
          }
          return;
        }
        const ended = folder.endFinished(finishedCalls(result.value), reconnectedAt);
        for (const event of ended) callEvents.emit(event);
        const missed = findMissedCalls(result.value, {
          agent,
          fromMs,
          toMs,
          wasSignalled: (callId, fromNumber, atMs) => folder.wasSignalled(callId, fromNumber, atMs),
        }).filter((call) => {
          if (reportedMissed.has(call.callId)) return false;
          reportedMissed.add(call.callId);
          return true;
        });
        log.info('signals: gap backfilled', {
          from: new Date(fromMs).toISOString(),
          to: new Date(toMs).toISOString(),
          missed: missed.length,
          ended: ended.length,
        });
        if (missed.length > 0) missedEvents.emit(missed);
        if (!followUp && followUpTimer === undefined) {
          followUpTimer = clock.setTimeout(() => {
            followUpTimer = undefined;
            if (myRun !== run || current.kind !== 'live') return;
            gapStartMs = Math.min(gapStartMs ?? start, start);
            backfill(myRun, 1, true);
          }, timing.gapFollowUpMs);
        }
      })
      .catch(unexpected);
  }

  function unexpected(error: unknown): void {
    log.error('signals: unexpected failure', { error: error instanceof Error ? error.name : typeof error });
  }

  return {
    start() {
      if (running) return;
      running = true;
      if (!startedBefore) {
        startedBefore = true;
        const previous = deps.lastListeningAt?.();
        if (previous !== undefined && gapStartMs === undefined) {
          gapStartMs = Math.max(previous, clock.now() - timing.inheritedGapMaxMs);
        }
      }
      run++;
      failures = 0;
      // A start follows a settings change or a resume: the next connect asks for a fresh token.
      tokens.reset();
      void connect().catch(unexpected);
    },
    stop() {
      const wasRunning = running || connection !== undefined || reconnectTimer !== undefined;
      running = false;
      run++;
      clearTimers();
      connection?.close();
      connection = undefined;
      tokens.stop();
      if (liveSinceMs !== undefined) gapStartMs ??= clock.now();
      liveSinceMs = undefined;
      if (wasRunning || current.kind !== 'idle') setState({ kind: 'idle' });
    },
    state: () => current,
    onState: (listener) => stateEvents.on(listener),
    onCallEvent: (listener) => callEvents.on(listener),
    onMissed: (listener) => missedEvents.on(listener),
    onError: (listener) => errorEvents.on(listener),
  };
}

function viMessage(code: ErrorCode, english: string): string {
  switch (code) {
    case 'not_configured':
      return 'Chưa cấu hình tín hiệu cuộc gọi.';
    case 'config_invalid':
      return `Cấu hình tín hiệu cuộc gọi không hợp lệ. (${english})`;
    case 'rejected':
      return `Máy chủ tín hiệu cuộc gọi từ chối mã xác thực. (${english})`;
    default:
      return `Mất kết nối tín hiệu cuộc gọi. (${english})`;
  }
}
