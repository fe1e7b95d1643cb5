import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReconnectSchedule } from '../../../src/renderer/src/sip/reconnect-policy';
import { browserClock } from '../../../src/renderer/src/sip/timer-clock';
import { WatchedSocket, type JsSipSocket } from '../../../src/renderer/src/sip/watched-socket';

/** WebSocketInterface's behaviour, by hand: connect() only starts; the test opens or fails it. */
class FakeInnerSocket implements JsSipSocket {
  readonly url = 'wss://sip.example.vn:7443';
  readonly sip_uri = 'sip:sip.example.vn:7443;transport=ws';
  via_transport = 'WSS';
  connects = 0;
  disconnects = 0;
  sent: string[] = [];
  state: 'closed' | 'connecting' | 'open' = 'closed';
  onconnect: () => void = () => undefined;
  ondisconnect: (error: boolean, code?: number, reason?: string) => void = () => undefined;
  ondata: (data: unknown) => void = () => undefined;
  connect(): void {
    this.connects += 1;
    this.state = 'connecting';
  }
  disconnect(): void {
    this.disconnects += 1;
    this.state = 'closed';
  }
  send(message: string): boolean {
    this.sent.push(message);
    return this.state === 'open';
  }
  isConnected(): boolean {
    return this.state === 'open';
  }
  isConnecting(): boolean {
    return this.state === 'connecting';
  }
  accept(): void {
    this.state = 'open';
    this.onconnect();
  }
  fail(): void {
    this.state = 'closed';
    this.ondisconnect(true, 1006);
  }
}

let inner: FakeInnerSocket;
let socket: WatchedSocket;
let transportEvents: string[];

beforeEach(() => {
  vi.useFakeTimers();
  inner = new FakeInnerSocket();
  socket = new WatchedSocket(inner, new ReconnectSchedule(() => 1), browserClock);
  transportEvents = [];
  // What JsSIP's Transport does on connect().
  socket.onconnect = () => transportEvents.push('connect');
  socket.ondisconnect = (error, code) => transportEvents.push(`disconnect:${error}:${code ?? ''}`);
  socket.ondata = (data) => transportEvents.push(`data:${String(data)}`);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('WatchedSocket', () => {
  it('passes the JsSIP socket interface through', () => {
    expect(socket.url).toBe(inner.url);
    expect(socket.sip_uri).toBe(inner.sip_uri);
    socket.via_transport = 'wss';
    expect(inner.via_transport).toBe('wss');
    socket.connect();
    expect(inner.connects).toBe(1);
    inner.accept();
    expect(socket.isConnected()).toBe(true);
    expect(socket.send('OPTIONS sip:x SIP/2.0')).toBe(true);
    expect(transportEvents).toEqual(['connect']);
  });

  it('notices every message from the server before JsSIP reads it', () => {
    const heard: number[] = [];
    socket.onTraffic(() => heard.push(transportEvents.length));
    socket.connect();
    inner.accept();
    inner.ondata('SIP/2.0 200 OK');
    inner.ondata('\r\n');
    expect(heard).toEqual([1, 2]);
    expect(transportEvents).toEqual(['connect', 'data:SIP/2.0 200 OK', 'data:\r\n']);
  });

  it('drops an open socket as an abnormal close, which JsSIP recovers from', () => {
    const closes: string[] = [];
    socket.onClose(() => closes.push('closed'));
    socket.connect();
    inner.accept();
    socket.drop();
    expect(inner.disconnects).toBe(1);
    expect(socket.isOpen()).toBe(false);
    expect(closes).toEqual(['closed']);
    expect(transportEvents).toEqual(['connect', 'disconnect:true:1006']);
    socket.drop();
    expect(inner.disconnects).toBe(1);
  });

  it('paces the reconnection by the backoff, and goes at once when told', () => {
    socket.connect();
    inner.accept();
    inner.fail();
    // JsSIP's transport asks again (after its fixed second); the backoff still has a second to run.
    vi.advanceTimersByTime(1_000);
    socket.connect();
    expect(inner.connects).toBe(1);
    expect(socket.isConnecting()).toBe(true);
    vi.advanceTimersByTime(999);
    expect(inner.connects).toBe(1);
    vi.advanceTimersByTime(1);
    expect(inner.connects).toBe(2);
    inner.fail();
    socket.connect();
    expect(inner.connects).toBe(2);
    socket.connectNow();
    expect(inner.connects).toBe(3);
    vi.advanceTimersByTime(60_000);
    expect(inner.connects).toBe(3);
  });

  it('a close asked for by JsSIP (ua.stop) is not a failure and cancels a waiting attempt', () => {
    socket.connect();
    inner.fail();
    socket.connect();
    socket.disconnect();
    vi.advanceTimersByTime(60_000);
    expect(inner.connects).toBe(1);
  });
});
