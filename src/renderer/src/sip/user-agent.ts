/**
 * The part of JsSIP that the phone uses, described by shape. SipPhone depends on these
 * interfaces rather than on JsSIP's classes so that unit tests can hand it a fake user agent
 * (JsSIP itself needs a WebSocket server and WebRTC); the real one is built in
 * jssip-user-agent.ts and exercised by the Chromium + Kamailio end-to-end test.
 */

export interface SipAnswerOptions {
  readonly mediaConstraints: { readonly audio: boolean; readonly video: boolean };
  readonly pcConfig: { readonly iceServers: RTCIceServer[] };
}

export interface SipTerminateOptions {
  readonly status_code?: number;
  readonly reason_phrase?: string;
}

/** An INVITE as JsSIP hands it over: only its headers matter here. */
export interface SipRequestLike {
  getHeader(name: string): string | undefined;
  getHeaders(name: string): string[];
}

export interface SipEndEvent {
  readonly originator: string;
  readonly cause: string;
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
  on(event: 'accepted' | 'confirmed', listener: () => void): unknown;
  on(event: 'ended' | 'failed', listener: (event: SipEndEvent) => void): unknown;
  on(event: 'peerconnection', listener: (event: { peerconnection: RTCPeerConnection }) => void): unknown;
  on(event: 'hold' | 'unhold', listener: (event: { originator: string }) => void): unknown;
}

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
}

/** What the phone asks of a user agent factory: JsSIP's configuration, minus the socket object. */
export interface SipUserAgentConfig {
  readonly wsUrl: string;
  readonly uri: string;
  readonly password: string;
  readonly displayName: string;
}

export type SipUserAgentFactory = (config: SipUserAgentConfig) => SipUserAgentLike;
