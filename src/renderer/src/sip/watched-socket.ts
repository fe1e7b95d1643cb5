import type { ReconnectSchedule } from './reconnect-policy';
import type { TimerClock } from './timer-clock';

/** JsSIP's socket interface (https://jssip.net/documentation/api/socket/), as WebSocketInterface implements it. */
export interface JsSipSocket {
  readonly url: string;
  readonly sip_uri: string;
  via_transport: string;
  connect(): void;
  disconnect(): void;
  send(message: string): boolean;
  isConnected(): boolean;
  isConnecting(): boolean;
  onconnect: () => void;
  ondisconnect: (error: boolean, code?: number, reason?: string) => void;
  ondata: (data: unknown) => void;
}

type Listener = () => void;

/** The WebSocket close code a browser reports for a connection lost without a close frame. */
const ABNORMAL_CLOSURE = 1006;

/**
 * Sits between JsSIP's transport and its WebSocketInterface, for three things JsSIP does not do:
 * - it notices every message from the server (the keepalive's proof of life);
 * - it can drop a socket that is open but dead, reporting it to JsSIP as an abnormal close so
 *   JsSIP fails what was in flight, forgets the registration and starts its recovery;
 * - it paces the reconnection: JsSIP retries after a fixed second (its recovery interval is set
 *   to 1 s), then this socket waits out the rest of the jittered backoff before opening, unless
 *   told to go at once (network back, machine awake).
 * Everything else passes straight through.
 */
export class WatchedSocket implements JsSipSocket {
  onconnect: () => void = () => undefined;
  ondisconnect: (error: boolean, code?: number, reason?: string) => void = () => undefined;
  ondata: (data: unknown) => void = () => undefined;

  private pending: unknown = null;
  private open = false;
  private readonly openListeners = new Set<Listener>();
  private readonly closeListeners = new Set<Listener>();
  private readonly trafficListeners = new Set<Listener>();

  constructor(
    private readonly inner: JsSipSocket,
    private readonly schedule: ReconnectSchedule,
    private readonly clock: TimerClock,
  ) {
    inner.onconnect = () => {
      this.open = true;
      this.schedule.opened(this.clock.now());
      this.onconnect();
      for (const listener of [...this.openListeners]) listener();
    };
    inner.ondisconnect = (error, code, reason) => this.closed(error, code, reason);
    inner.ondata = (data) => {
      for (const listener of [...this.trafficListeners]) listener();
      this.ondata(data);
    };
  }

  get url(): string {
    return this.inner.url;
  }
  get sip_uri(): string {
    return this.inner.sip_uri;
  }
  get via_transport(): string {
    return this.inner.via_transport;
  }
  set via_transport(value: string) {
    this.inner.via_transport = value;
  }

  connect(): void {
    if (this.pending !== null) return;
    const wait = this.schedule.waitFor(this.clock.now());
    if (wait === 0) {
      this.inner.connect();
      return;
    }
    this.pending = this.clock.setTimeout(() => {
      this.pending = null;
      this.inner.connect();
    }, wait);
  }

  disconnect(): void {
    this.cancelPending();
    const wasOpen = this.open;
    this.open = false;
    this.inner.disconnect();
    if (wasOpen) this.notify(this.closeListeners);
  }

  send(message: string): boolean {
    return this.inner.send(message);
  }

  isConnected(): boolean {
    return this.inner.isConnected();
  }

  isConnecting(): boolean {
    return this.pending !== null || this.inner.isConnecting();
  }

  /** Whether the websocket is open now. */
  isOpen(): boolean {
    return this.open;
  }

  /** Closes an open socket as the network would: JsSIP sees an abnormal close and recovers. */
  drop(): void {
    if (!this.open) return;
    // WebSocketInterface.disconnect() unbinds its handlers first, so report the close ourselves.
    this.inner.disconnect();
    this.closed(true, ABNORMAL_CLOSURE, 'SIP keepalive: no answer from the server');
  }

  /** The next connection attempt goes at once (one already waiting fires now). */
  connectNow(): void {
    this.schedule.skipWait();
    if (this.pending === null) return;
    this.cancelPending();
    this.inner.connect();
  }

  onOpen(listener: Listener): () => void {
    return this.listen(this.openListeners, listener);
  }
  onClose(listener: Listener): () => void {
    return this.listen(this.closeListeners, listener);
  }
  /** Every message from the server, SIP or CRLF keepalive. */
  onTraffic(listener: Listener): () => void {
    return this.listen(this.trafficListeners, listener);
  }

  private closed(error: boolean, code?: number, reason?: string): void {
    const wasOpen = this.open;
    this.open = false;
    this.schedule.failed(this.clock.now());
    if (wasOpen) this.notify(this.closeListeners);
    this.ondisconnect(error, code, reason);
  }

  private cancelPending(): void {
    if (this.pending === null) return;
    this.clock.clearTimeout(this.pending);
    this.pending = null;
  }

  private notify(listeners: Set<Listener>): void {
    for (const listener of [...listeners]) listener();
  }

  private listen(set: Set<Listener>, listener: Listener): () => void {
    set.add(listener);
    return () => set.delete(listener);
  }
}
