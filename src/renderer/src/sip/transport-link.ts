/**
 * What the phone's watchdog needs of the SIP connection, beyond JsSIP's own events: built by
 * jssip-user-agent.ts from JsSIP's UA and the WatchedSocket under it, faked in unit tests.
 */
export interface SipTransportLink {
  /** The websocket opened (first time or after a reconnect). */
  onOpen(listener: () => void): () => void;
  /** The websocket closed, however (the network, the server, or drop()). */
  onClose(listener: () => void): () => void;
  /** Any message from the server: responses, requests, CRLF keepalives. */
  onTraffic(listener: () => void): () => void;
  isOpen(): boolean;
  /** Sends one keepalive probe: an OPTIONS to the SIP domain. Any answer proves the server alive. */
  probe(): void;
  /** Closes an open socket as if the network had: JsSIP fails what was in flight and reconnects. */
  drop(): void;
  /** Skip the backoff wait before the next connection attempt. */
  connectNow(): void;
  /** JsSIP's own registrator registers (it ignores the call while a REGISTER is in flight). */
  register(): void;
  isRegistered(): boolean;
}
