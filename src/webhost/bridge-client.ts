import type { AntringApi, EventName, Unsubscribe } from '../shared/contract';
import { appError, type AppError, type AppResult } from '../shared/errors';
import { err } from '../shared/result';
import { eventNames, requestNames } from './bridge-channels';
import { readHostFrame } from './bridge-host-frame';
import { BRIDGE_PATH } from './bridge-paths';
import type { RequestFrame } from './bridge-protocol';
import { splitTokenFromHash } from './bridge-token';

/**
 * Browser side of the web host bridge. Loaded as a classic script before the app, it installs
 * `window.antring` with exactly the shape the Electron preload exposes (one function per
 * request in the contract, `on.<event>` subscriptions), carried over a loopback WebSocket.
 */

const TOKEN_KEY = 'antring.webhost.token';
const MAX_RECONNECT_DELAY_MS = 5_000;

/**
 * Moves the token from the URL fragment to sessionStorage, so it survives reloads but is not
 * shown, bookmarked, kept in the history or shared. An app route in the same fragment stays.
 */
function takeToken(): string | null {
  const { token, hash } = splitTokenFromHash(window.location.hash);
  if (token) window.sessionStorage.setItem(TOKEN_KEY, token);
  if (hash !== window.location.hash) {
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${window.location.search}${hash}`,
    );
  }
  return window.sessionStorage.getItem(TOKEN_KEY);
}

function lostConnection(): AppError {
  return appError('network', 'Lost the connection to the web host.', 'Mất kết nối tới web host.');
}

function unreadableReply(): AppError {
  return appError(
    'internal',
    'The web host sent a reply the page could not read.',
    'Web host trả về dữ liệu trang không đọc được.',
  );
}

type Listener = (payload: unknown) => void;

class BridgeConnection {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (result: AppResult<unknown>) => void>();
  private readonly queued: string[] = [];
  private readonly listeners = new Map<EventName, Set<Listener>>();
  private reconnectDelay = 250;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly token: string | null) {}

  request(name: string, input: unknown): Promise<AppResult<unknown>> {
    if (!this.token) {
      return Promise.resolve(
        err(
          appError(
            'forbidden_sender',
            'No access token: open the address the web host printed.',
            'Không có mã truy cập: hãy mở đúng địa chỉ mà web host đã in ra.',
          ),
        ),
      );
    }
    const id = this.nextId++;
    const frame: RequestFrame =
      input === undefined ? { kind: 'request', id, name } : { kind: 'request', id, name, input };
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send(JSON.stringify(frame));
    });
  }

  subscribe(name: EventName, listener: Listener): Unsubscribe {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener);
    // Events only flow over an open socket: subscribing is a reason to connect.
    if (this.token) this.connect();
    return () => {
      set.delete(listener);
    };
  }

  private send(text: string): void {
    const socket = this.connect();
    if (socket.readyState === WebSocket.OPEN) socket.send(text);
    else this.queued.push(text);
  }

  private connect(): WebSocket {
    if (this.socket && (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING)) {
      return this.socket;
    }
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(
      `${scheme}://${window.location.host}${BRIDGE_PATH}?token=${encodeURIComponent(this.token ?? '')}`,
    );
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.reconnectDelay = 250;
      for (const text of this.queued.splice(0)) socket.send(text);
    });
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', () => this.onClose(socket));
    return socket;
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      return;
    }
    const frame = readHostFrame(raw);
    if (!frame) {
      // A reply the page cannot read must still settle its request, or the caller waits forever.
      const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
      const resolve = typeof id === 'number' ? this.pending.get(id) : undefined;
      if (typeof id === 'number' && resolve) {
        this.pending.delete(id);
        resolve(err(unreadableReply()));
      }
      return;
    }
    if (frame.kind === 'event') {
      const set = this.listeners.get(frame.name as EventName);
      for (const listener of set ?? []) listener(frame.payload);
      return;
    }
    if (frame.id === null) return;
    const resolve = this.pending.get(frame.id);
    if (!resolve) return;
    this.pending.delete(frame.id);
    resolve(frame.result as AppResult<unknown>);
  }

  private onClose(socket: WebSocket): void {
    if (this.socket !== socket) return;
    this.socket = null;
    this.queued.length = 0;
    for (const resolve of this.pending.values()) resolve(err(lostConnection()));
    this.pending.clear();
    // Keep event subscribers connected across web host restarts; requests reconnect on demand.
    const hasListeners = [...this.listeners.values()].some((set) => set.size > 0);
    if (hasListeners && this.reconnectTimer === null) {
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null;
        this.connect();
      }, this.reconnectDelay);
      this.reconnectDelay = Math.min(this.reconnectDelay * 2, MAX_RECONNECT_DELAY_MS);
    }
  }
}

function createBridgeApi(connection: BridgeConnection): AntringApi {
  const api: Record<string, unknown> = {};
  for (const name of requestNames) {
    api[name] = (input?: unknown) => connection.request(name, input);
  }
  const on: Record<string, unknown> = {};
  for (const name of eventNames) {
    on[name] = (listener: Listener) => connection.subscribe(name, listener);
  }
  api['on'] = Object.freeze(on);
  return Object.freeze(api) as AntringApi;
}

Object.defineProperty(window, 'antring', {
  value: createBridgeApi(new BridgeConnection(takeToken())),
  writable: false,
  configurable: false,
  enumerable: true,
});
