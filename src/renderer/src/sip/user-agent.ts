/**
 * The part of JsSIP that the phone uses, described by shape. SipPhone depends on these
 * interfaces rather than on JsSIP's classes so that unit tests can hand it a fake user agent
 * (JsSIP itself needs a WebSocket server and WebRTC); the real one is built in
 * jssip-user-agent.ts and exercised by the Chromium + Kamailio end-to-end test.
 */

import type { DTMF_TRANSPORT } from 'jssip/lib/Constants';
import type { SipTransportLink } from './transport-link';

export interface SipAnswerOptions {
  /** `audio` names the chosen microphone when there is one (AudioDeviceManager.microphoneConstraints). */
  readonly mediaConstraints: { readonly audio: boolean | MediaTrackConstraints; readonly video: boolean };
  readonly pcConfig: { readonly iceServers: RTCIceServer[] };
}

export interface SipTerminateOptions {
  readonly status_code?: number;
  readonly reason_phrase?: string;
}

/** An INVITE as JsSIP hands it over: only its headers matter here. */
export interface SipRequestLike {
  /** The SIP Call-ID (JsSIP's IncomingRequest and OutgoingRequest both carry it). */
  readonly call_id?: string;
  getHeader(name: string): string | undefined;
  getHeaders(name: string): string[];
}

export interface SipEndEvent {
  readonly originator: string;
  readonly cause: string;
  /** The response that ended an outgoing call (404, 486…), or the request that ended it (BYE, CANCEL). */
  readonly message?: unknown;
}

/** A provisional response to our INVITE (180 Ringing, 183 Session Progress). */
export interface SipProgressEvent {
  readonly originator: string;
  readonly response?: { readonly status_code?: number } | null;
}

/**
 * JsSIP declares its DTMF transports as a TypeScript enum ('INFO', 'RFC2833'), which no string
 * literal satisfies; dtmfTransport() in dtmf.ts is the one place that names them.
 */
export type SipDtmfTransport = DTMF_TRANSPORT;

export interface SipDtmfOptions {
  readonly transportType: SipDtmfTransport;
}

export interface SipReferOptions {
  /** Attended transfer: the consultation call the transferee's INVITE replaces (JsSIP reads its dialog). */
  readonly replaces?: SipSessionLike;
}

/** The NOTIFY sipfrag of a REFER (RFC 3515), as JsSIP parses it: `SIP/2.0 200 OK`. */
export interface SipReferNotifyEvent {
  readonly status_line?: { readonly status_code?: number | string; readonly reason_phrase?: string } | null;
}

export interface SipReferRequestFailedEvent {
  readonly response?: { readonly status_code?: number } | null;
  readonly cause?: string;
}

/**
 * What JsSIP's refer() returns: the subscription to the transferee's progress reports.
 * `requestSucceeded`/`requestFailed` answer the REFER itself (202 or an error); `accepted` and
 * `failed` are the NOTIFYs telling how the transferee's call to the target went (RFC 5589).
 */
export interface SipReferSubscriberLike {
  on(event: 'requestSucceeded', listener: () => void): unknown;
  on(event: 'requestFailed', listener: (event: SipReferRequestFailedEvent) => void): unknown;
  on(event: 'accepted' | 'failed', listener: (event: SipReferNotifyEvent) => void): unknown;
}

/** `refer` (the other side asks us to transfer) and `replaces` (an INVITE replacing this call). */
export interface SipInDialogOfferEvent {
  accept(...args: unknown[]): unknown;
  reject(): void;
}

export interface SipSessionLike {
  readonly id: string;
  readonly remote_identity: {
    readonly display_name: string | undefined;
    readonly uri: { readonly user: string };
  };
  /** Set once JsSIP has built the RTCPeerConnection (answer()), null before. */
  readonly connection: RTCPeerConnection | null | undefined;
  answer(options: SipAnswerOptions): void;
  terminate(options?: SipTerminateOptions): void;
  mute(options?: { audio?: boolean }): void;
  unmute(options?: { audio?: boolean }): void;
  /** A re-INVITE with sendonly; false when JsSIP cannot now (not established, already held, mid-offer). */
  hold(): boolean;
  unhold(): boolean;
  sendDTMF(tones: string, options: SipDtmfOptions): void;
  /**
   * Sends REFER. JsSIP returns its ReferSubscriber (its type definitions say void), or false when
   * the call is not established: read it through asReferSubscriber().
   */
  refer(target: string, options?: SipReferOptions): unknown;
  /** JsSIP terminated (or cancelled) the session: any further action on it throws. */
  isEnded(): boolean;
  on(event: 'accepted' | 'confirmed', listener: () => void): unknown;
  on(event: 'progress', listener: (event: SipProgressEvent) => void): unknown;
  on(event: 'ended' | 'failed', listener: (event: SipEndEvent) => void): unknown;
  on(event: 'peerconnection', listener: (event: { peerconnection: RTCPeerConnection }) => void): unknown;
  on(event: 'hold' | 'unhold', listener: (event: { originator: string }) => void): unknown;
  on(event: 'refer' | 'replaces', listener: (event: SipInDialogOfferEvent) => void): unknown;
}

/** JsSIP's refer() result as the subscriber it is, or null (false, or anything unexpected). */
export function asReferSubscriber(value: unknown): SipReferSubscriberLike | null {
  if (typeof value !== 'object' || value === null) return null;
  return typeof (value as { on?: unknown }).on === 'function' ? (value as SipReferSubscriberLike) : null;
}

/** What ua.call() is given: audio only, with the configured ICE servers. */
export type SipCallOptions = SipAnswerOptions;

export interface SipNewSessionEvent {
  readonly originator: string;
  readonly session: SipSessionLike;
  readonly request: SipRequestLike;
}

export interface SipRegistrationFailedEvent {
  readonly cause?: string;
  readonly response?: { readonly status_code?: number; readonly reason_phrase?: string } | null;
}

export interface SipUserAgentLike {
  start(): void;
  stop(): void;
  on(event: 'connecting' | 'connected' | 'registered' | 'unregistered', listener: () => void): unknown;
  on(event: 'disconnected', listener: (event: { error?: boolean; reason?: string }) => void): unknown;
  on(event: 'registrationFailed', listener: (event: SipRegistrationFailedEvent) => void): unknown;
  on(event: 'newRTCSession', listener: (event: SipNewSessionEvent) => void): unknown;
  /** Sends an INVITE to `target` (a SIP URI); throws on a target JsSIP cannot parse. */
  call(target: string, options: SipCallOptions): SipSessionLike;
  /** The connection under the UA, for the keepalive watchdog; absent on test fakes that do not model it. */
  readonly link?: SipTransportLink;
}

/** What the phone asks of a user agent factory: JsSIP's configuration, minus the socket object. */
export interface SipUserAgentConfig {
  readonly wsUrl: string;
  readonly uri: string;
  readonly password: string;
  readonly displayName: string;
}

export type SipUserAgentFactory = (config: SipUserAgentConfig) => SipUserAgentLike;
