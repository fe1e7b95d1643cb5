import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import {
  bindingMatches,
  checkBinding,
  routingKey,
  subscriptionKey,
  type CallBinding,
  type CallEventName,
} from './bindings';

/**
 * A Blackhole-compatible websocket server (Kazoo 4.3/5.x, read from its documentation and
 * source): JSON text frames `{action, auth_token, request_id, data}` in, `reply` and `event`
 * frames out. The socket stays open after an error reply, and an authenticated socket stays
 * open when its token later expires, as on the real platform.
 */

export interface TokenCheck {
  validate(value: string): boolean;
}

export interface SignalsServerOptions {
  readonly accountId: string;
  readonly tokens: TokenCheck;
  /** Close a socket after this long with nothing received from the client (Blackhole: 1 hour). */
  readonly idleTimeoutMs?: number;
  /** Blackhole answers `{"action":"ping"}` only when its ping module is enabled. */
  readonly pingEnabled?: boolean;
}

/** One call event as the switch publishes it, already in Blackhole's normalised form. */
export interface CallSignal {
  readonly name: CallEventName;
  readonly callId: string;
  readonly data: Readonly<Record<string, unknown>>;
}

const DEFAULT_IDLE_TIMEOUT_MS = 3_600_000;

const clientMessage = z.object({
  action: z.string(),
  auth_token: z.string().optional(),
  request_id: z.union([z.string(), z.number()]).optional(),
  data: z.unknown().optional(),
});
type ClientMessage = z.infer<typeof clientMessage>;

const subscribeData = z.record(z.string(), z.unknown());

interface Session {
  readonly socket: WebSocket;
  authenticated: boolean;
  /** Client bindings in subscription order, keyed by the requested string. */
  readonly bindings: Map<string, CallBinding>;
  idleTimer: NodeJS.Timeout | undefined;
  /** Silent: nothing sent, nothing answered (not even ws pings), nothing received counts. */
  frozen: boolean;
}

/**
 * Frames `sendMalformed` pushes, in order: what a client must survive. Each is described so
 * tests can assert on them without copying the bytes.
 */
export const MALFORMED_FRAMES: readonly { readonly kind: string; readonly frame: string | Buffer }[] = [
  { kind: 'not-json', frame: '{"action":"event", this is not json' },
  { kind: 'json-array', frame: '[{"action":"event"},1,"two"]' },
  { kind: 'unknown-action', frame: '{"action":"surprise","request_id":"nobody-asked","data":{"hello":"world"}}' },
  {
    kind: 'event-without-data',
    frame:
      '{"action":"event","subscribed_key":"call.*.*","subscription_key":"call.x.CHANNEL_CREATE.*","name":"CHANNEL_CREATE","routing_key":"call.x.CHANNEL_CREATE.y"}',
  },
  {
    kind: 'event-data-not-object',
    frame: '{"action":"event","subscribed_key":"call.*.*","name":"CHANNEL_ANSWER","data":"31"}',
  },
  { kind: 'binary', frame: Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x7b]) },
];

type Reply =
  | { readonly status: 'success'; readonly data: Record<string, unknown> }
  | { readonly status: 'error'; readonly errors: string[] };

export class SignalsServer {
  // Pings are answered by hand (see open) so that a frozen socket can leave them unanswered.
  private readonly wss = new WebSocketServer({ noServer: true, handleProtocols: () => false, autoPong: false });
  private readonly sessions = new Set<Session>();
  private readonly idleTimeoutMs: number;
  private readonly pingEnabled: boolean;
  private accepting = true;
  private ignored = 0;

  constructor(private readonly options: SignalsServerOptions) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    this.pingEnabled = options.pingEnabled ?? true;
  }

  /** Whether an upgrade request is for this server: any path except the REST and control ones. */
  static isSignalsPath(url: string | undefined): boolean {
    const path = (url ?? '/').split('?')[0] ?? '/';
    return !/^\/(?:oapi|__sandbox)(?:\/|$)/.test(path);
  }

  get isAccepting(): boolean {
    return this.accepting;
  }

  get connections(): number {
    return this.sessions.size;
  }

  /** Open sockets currently frozen. */
  get frozenConnections(): number {
    return [...this.sessions].filter((s) => s.frozen).length;
  }

  /** Frames (messages and pings) frozen sockets received and ignored, since the server started. */
  get ignoredWhileFrozen(): number {
    return this.ignored;
  }

  /** Takes over an HTTP upgrade. Returns false (and leaves the socket alone) for other paths. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    if (!SignalsServer.isSignalsPath(req.url)) return false;
    if (!this.accepting) {
      rejectUpgrade(socket, 503, 'Service Unavailable');
      return true;
    }
    // Blackhole (cowboy) answers 400 when a subprotocol is requested.
    if (req.headers['sec-websocket-protocol'] !== undefined) {
      rejectUpgrade(socket, 400, 'Bad Request');
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws));
    return true;
  }

  /** Sends an event to every session with a matching binding (one frame per matching binding). */
  publish(signal: CallSignal): number {
    const { accountId } = this.options;
    let sent = 0;
    for (const session of this.sessions) {
      if (!session.authenticated || session.frozen) continue;
      for (const binding of session.bindings.values()) {
        if (!bindingMatches(binding, signal.name, signal.callId)) continue;
        this.send(session, {
          action: 'event',
          subscribed_key: binding.requested,
          subscription_key: subscriptionKey(accountId, binding, signal.name),
          name: signal.name,
          routing_key: routingKey(accountId, signal.name, signal.callId),
          data: signal.data,
        });
        sent++;
      }
    }
    return sent;
  }

  /** Closes every socket abruptly: TCP torn down, no close frame. */
  dropAll(): number {
    const count = this.sessions.size;
    for (const session of [...this.sessions]) {
      session.socket.terminate();
      this.forget(session);
    }
    return count;
  }

  /** Sends each malformed frame `count` times to every open socket; returns frames sent. */
  sendMalformed(count = 1): number {
    let sent = 0;
    for (const session of this.sessions) {
      if (session.frozen) continue;
      for (let i = 0; i < count; i++) {
        for (const { frame } of MALFORMED_FRAMES) {
          if (session.socket.readyState !== session.socket.OPEN) continue;
          session.socket.send(frame, { binary: Buffer.isBuffer(frame) });
          sent++;
        }
      }
    }
    return sent;
  }

  /**
   * Like a connection dying silently (a NAT entry or a peer vanishing): every socket open now
   * stays open but goes quiet. It sends nothing (no events, no replies, no pongs), ignores what
   * it receives and is never closed for idleness; only its client can notice, by the silence.
   * Sockets opened later are not frozen. Returns how many sockets were frozen.
   */
  freeze(): number {
    let frozen = 0;
    for (const session of this.sessions) {
      if (session.frozen) continue;
      session.frozen = true;
      if (session.idleTimer) clearTimeout(session.idleTimer);
      session.idleTimer = undefined;
      frozen++;
    }
    return frozen;
  }

  /** Frozen sockets still open speak again (what they were sent meanwhile is lost). */
  unfreeze(): number {
    let thawed = 0;
    for (const session of this.sessions) {
      if (!session.frozen) continue;
      session.frozen = false;
      this.touch(session);
      thawed++;
    }
    return thawed;
  }

  /** Like a server going down: drops every socket and refuses new ones until `start`. */
  stop(): number {
    this.accepting = false;
    return this.dropAll();
  }

  start(): void {
    this.accepting = true;
  }

  async close(): Promise<void> {
    this.accepting = false;
    this.dropAll();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private open(socket: WebSocket): void {
    const session: Session = {
      socket,
      authenticated: false,
      bindings: new Map(),
      idleTimer: undefined,
      frozen: false,
    };
    this.sessions.add(session);
    this.touch(session);
    socket.on('message', (raw, isBinary) => {
      if (session.frozen) {
        this.ignored++;
        return;
      }
      this.touch(session);
      if (!isBinary) this.receive(session, raw);
    });
    // A ws ping is answered (as ws would by itself) and counts as traffic for the idle timer.
    socket.on('ping', (data) => {
      if (session.frozen) {
        this.ignored++;
        return;
      }
      this.touch(session);
      if (socket.readyState === socket.OPEN) socket.pong(data);
    });
    socket.on('close', () => this.forget(session));
    socket.on('error', () => this.forget(session));
  }

  private forget(session: Session): void {
    if (session.idleTimer) clearTimeout(session.idleTimer);
    session.idleTimer = undefined;
    this.sessions.delete(session);
  }

  private touch(session: Session): void {
    if (session.idleTimer) clearTimeout(session.idleTimer);
    session.idleTimer = setTimeout(() => {
      session.socket.close(1000, 'idle timeout');
      this.forget(session);
    }, this.idleTimeoutMs);
    session.idleTimer.unref();
  }

  private receive(session: Session, raw: RawData): void {
    let value: unknown;
    try {
      value = JSON.parse(rawText(raw)) as unknown;
    } catch {
      // Blackhole drops frames it cannot decode; the socket stays up.
      return;
    }
    const parsed = clientMessage.safeParse(value);
    if (!parsed.success) return;
    const message = parsed.data;
    const requestId = message.request_id ?? null;
    const reply = this.handle(session, message);
    if (reply.status === 'success') {
      this.send(session, { action: 'reply', request_id: requestId, status: 'success', data: reply.data });
    } else {
      this.send(session, { action: 'reply', request_id: requestId, status: 'error', data: { errors: reply.errors } });
    }
  }

  private handle(session: Session, message: ClientMessage): Reply {
    if (message.auth_token !== undefined) {
      if (!this.options.tokens.validate(message.auth_token)) {
        return { status: 'error', errors: [`failed to authenticate token ${message.auth_token}`] };
      }
      session.authenticated = true;
    } else if (!session.authenticated) {
      return { status: 'error', errors: ['authentication token required'] };
    }
    switch (message.action) {
      case 'ping':
        return this.pingEnabled
          ? { status: 'success', data: { response: 'pong' } }
          : { status: 'error', errors: ['ping not enabled'] };
      case 'subscribe':
      case 'unsubscribe':
        return this.subscription(session, message.action, message.data);
      default:
        return { status: 'error', errors: [`unknown action ${message.action}`] };
    }
  }

  private subscription(session: Session, action: 'subscribe' | 'unsubscribe', rawData: unknown): Reply {
    const data = subscribeData.safeParse(rawData);
    if (!data.success || Object.keys(data.data).length === 0) {
      return { status: 'error', errors: ['missing required keys in data object'] };
    }
    const missing = ['account_id', 'binding'].filter((key) => !(key in data.data));
    if (missing.length > 0) return { status: 'error', errors: [`missing required keys : ${missing.join(', ')}`] };
    const accountId = data.data['account_id'];
    const requested = data.data['binding'];
    if (typeof requested !== 'string') return { status: 'error', errors: [`invalid binding`] };
    if (accountId !== this.options.accountId) return { status: 'error', errors: ['unauthorized account id'] };
    const check = checkBinding(requested);
    if (!check.ok) return { status: 'error', errors: [check.error] };
    if (action === 'subscribe') {
      if (!session.bindings.has(requested)) session.bindings.set(requested, check.binding);
      return { status: 'success', data: { subscribed: [...session.bindings.keys()] } };
    }
    session.bindings.delete(requested);
    return { status: 'success', data: { unsubscribed: [requested], subscribed: [...session.bindings.keys()] } };
  }

  private send(session: Session, frame: unknown): void {
    if (session.socket.readyState !== session.socket.OPEN) return;
    session.socket.send(JSON.stringify(frame));
  }
}

function rawText(raw: RawData): string {
  if (Buffer.isBuffer(raw)) return raw.toString('utf8');
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  return Buffer.from(raw).toString('utf8');
}

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
