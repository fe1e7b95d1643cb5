/**
 * What the SIP caller page puts on `window.sipCaller`, shared by the page script and the tests
 * (type-only on the test side: the page itself is bundled separately by esbuild).
 */

export interface CallerAccount {
  /** Kamailio's WebSocket, e.g. ws://127.0.0.1:5066 */
  wsUrl: string;
  domain: string;
  user: string;
  password: string;
  /** Answer incoming calls at once (to check this fixture against itself); default: refuse them. */
  autoAnswer?: boolean;
  /** Follow a REFER from the other side (be transferred: call the Refer-To target); default: refuse it. */
  acceptTransfers?: boolean;
}

export type RegisterOutcome = { registered: true } | { registered: false; cause: string };

/** How an outgoing call settled: answered, or refused/unreachable with the SIP status if one came back. */
export type CallOutcome = { state: 'confirmed' } | { state: 'failed'; status: number | null; cause: string };

export interface CallOptions {
  /** Whole header lines for the INVITE, e.g. `Call-Info: <sip:pbx>;answer-after=0`. */
  extraHeaders?: string[];
}

/** The current call as the caller sees it. */
export type CallState = 'idle' | 'calling' | 'confirmed' | 'ended' | 'failed';

export interface AudioStats {
  /** Bytes of audio received from the other side (`inbound-rtp`, kind audio). */
  inboundBytes: number;
  /** Bytes of audio sent to the other side (`outbound-rtp`, kind audio). */
  outboundBytes: number;
}

export interface SipCallerApi {
  register(account: CallerAccount): Promise<RegisterOutcome>;
  /** Calls `target` (a SIP URI), with extra INVITE headers; resolves once the call is confirmed or has failed. */
  call(target: string, options?: CallOptions): Promise<CallOutcome>;
  /** Ends the current call from the caller's side (no-op without one). */
  hangup(): void;
  state(): CallState;
  /** How the last call ended ("Terminated", "Rejected", "Busy"...), once it has. */
  endCause(): string | null;
  stats(): Promise<AudioStats>;
  /** Whether the other side holds this call now (its re-INVITE said sendonly or inactive). */
  heldByOtherSide(): boolean;
  /** DTMF tones the other side sent by SIP INFO during the current call, in order. */
  dtmfReceived(): string;
  /** The Refer-To targets of the REFERs followed (acceptTransfers), e.g. `sip:1003@example`. */
  transfersFollowed(): string[];
  /** Unregisters and closes the socket. */
  stop(): Promise<void>;
}

declare global {
  interface Window {
    sipCaller?: SipCallerApi;
  }
}
