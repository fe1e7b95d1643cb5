import type { ReplyErrorKind, SignalProtocolAdapter } from '../signals/adapter';
import type { SignalSocket, WebSocketConstructor } from '../signals/types';
import { causeCodeOf } from './network-cause';

/**
 * What the check's call-signal socket met, seen from around the socket the signals client
 * itself uses: the client words its endings for a log ("connection failed: …"); the check needs
 * the facts behind them (the HTTP status of a refused upgrade, the socket's error code, which
 * kind of refusal a subscription got) to name the setting at fault.
 */
export interface SocketObservation {
  opened: boolean;
  /** Error code of the socket's failure (ECONNREFUSED, CERT_HAS_EXPIRED…). */
  errorCode?: string;
  /** Status of an HTTP answer that refused the WebSocket upgrade (404: wrong path). */
  upgradeStatus?: number;
  handshakeTimedOut: boolean;
  /** Kinds of subscription refusals, in the order they came. */
  refusals: ReplyErrorKind[];
  confirmed: number;
}

const UNEXPECTED_RESPONSE = /Unexpected server response: (\d{3})/;

export function observeSockets(
  Impl: WebSocketConstructor,
  adapter: SignalProtocolAdapter,
): { readonly WebSocketImpl: WebSocketConstructor; readonly seen: SocketObservation } {
  const seen: SocketObservation = { opened: false, handshakeTimedOut: false, refusals: [], confirmed: 0 };
  const note = (error: Error): void => {
    const status = UNEXPECTED_RESPONSE.exec(error.message)?.[1];
    if (status) seen.upgradeStatus = Number(status);
    if (/handshake has timed out/i.test(error.message)) seen.handshakeTimedOut = true;
    const code = causeCodeOf(error);
    if (code) seen.errorCode = code;
  };
  const noteFrame = (data: unknown): void => {
    const text = typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('utf8') : undefined;
    if (text === undefined) return;
    const frame = adapter.classify(text);
    if (frame.kind !== 'reply') return;
    if (frame.status === 'success') seen.confirmed++;
    else seen.refusals.push(adapter.classifyReplyError(frame.errors));
  };

  class ObservedSocket implements SignalSocket {
    private readonly inner: SignalSocket;
    constructor(url: string, options?: { handshakeTimeout?: number; maxPayload?: number }) {
      this.inner = new Impl(url, options);
      this.inner.on('open', () => {
        seen.opened = true;
      });
      this.inner.on('error', note);
      this.inner.on('message', noteFrame);
    }
    get readyState(): number {
      return this.inner.readyState;
    }
    on(event: 'open' | 'message' | 'pong' | 'close' | 'error', listener: (...args: never[]) => void): unknown {
      return (this.inner.on as (event: string, listener: (...args: never[]) => void) => unknown)(event, listener);
    }
    send(data: string): void {
      this.inner.send(data);
    }
    ping(): void {
      this.inner.ping();
    }
    terminate(): void {
      this.inner.terminate();
    }
  }
  return { WebSocketImpl: ObservedSocket as unknown as WebSocketConstructor, seen };
}
