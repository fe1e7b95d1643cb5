/** What the phone shows; plain data, so React state never holds a JsSIP object. */

import type { DtmfMode } from '../../../shared/settings';

export type RegistrationState =
  | { readonly kind: 'unconfigured' }
  | { readonly kind: 'registering' }
  | { readonly kind: 'registered' }
  /**
   * The server (or the configuration) refused the registration. `reason` is a JsSIP cause
   * (`Authentication Error`, `Request Timeout`…), `serverReply` the server's own answer when it
   * gave one (`403 Forbidden`); never a secret.
   */
  | { readonly kind: 'failed'; readonly reason: string; readonly serverReply?: string }
  /** No network, or the SIP server cannot be reached (socket down or silent): the phone reconnects by itself. */
  | { readonly kind: 'offline'; readonly cause: OfflineCause };

export type OfflineCause = 'no-network' | 'server-unreachable';

/** The other side of a call: who calls (inbound) or who is called (outbound). */
export interface CallParty {
  /** The SIP user part: a phone number or an extension. */
  readonly number: string;
  readonly name?: string;
}

export type CallDirection = 'inbound' | 'outbound';

/**
 * How a ringing call sounds: the full ringtone when the agent is free, a short quiet tone
 * (call waiting) while another call is live, so the caller they are talking to is not drowned.
 */
export type RingStyle = 'full' | 'waiting';

export type CallEndReason =
  /** The agent hung up (or cancelled their own outgoing call). */
  | 'local-hangup'
  /** The other side hung up. */
  | 'remote-hangup'
  /** The agent declined while it rang. */
  | 'declined'
  /** The caller gave up (or another device answered) before the agent did. */
  | 'canceled'
  /** An outgoing call answered with an error status (`sipStatus`: 404, 486, 603…). */
  | 'refused'
  /** The microphone could not be opened (denied or missing). */
  | 'no-microphone'
  /** The call was handed over to someone else (the transfer was accepted). */
  | 'transferred'
  /**
   * The call's connection was lost for good: its media path failed (or stayed down), or JsSIP
   * ended it because the dialog could not be reached any more (transport error, timeout, 481).
   */
  | 'connection-lost'
  /** Media or signalling failed. */
  | 'failed';

export type CallStatus =
  /** Inbound, not answered yet. */
  | { readonly kind: 'ringing'; readonly autoAnswer: boolean; readonly ringStyle: RingStyle }
  /** Outbound, not answered yet: `trying` until the far end rings (180/183). */
  | { readonly kind: 'dialing'; readonly progress: 'trying' | 'ringing' }
  /** Inbound: answered here, media still connecting. */
  | { readonly kind: 'answering' }
  | {
      readonly kind: 'in-call';
      /** Epoch milliseconds when the call was answered. */
      readonly since: number;
      readonly muted: boolean;
      /** Put on hold by the agent (a re-INVITE with sendonly). */
      readonly held: boolean;
      /** Put on hold by the other side. */
      readonly remoteHeld: boolean;
    }
  | { readonly kind: 'ended'; readonly reason: CallEndReason; readonly sipStatus?: number };

/** A transfer of this call, as far as it went. */
export type TransferState =
  /** REFER sent (blind): waiting for the other side to report that the target answered. */
  | { readonly kind: 'blind'; readonly target: string }
  /** Attended: this call is held while the agent talks to the target on call `consultId`. */
  | { readonly kind: 'consulting'; readonly target: string; readonly consultId: string }
  /** Attended: REFER with Replaces sent, waiting for the other side's report. */
  | { readonly kind: 'completing'; readonly target: string; readonly consultId: string }
  /** Refused or failed: the call stays with the agent. `sipStatus` when the far end gave one. */
  | { readonly kind: 'failed'; readonly target: string; readonly sipStatus?: number };

export interface PhoneCall {
  /** JsSIP's session id. */
  readonly id: string;
  readonly direction: CallDirection;
  readonly remote: CallParty;
  readonly status: CallStatus;
  /** Set on a call being (or that failed to be) transferred. */
  readonly transfer?: TransferState;
  /** Set on a consultation call: the id of the held call it would take over. */
  readonly consultFor?: string;
}

/**
 * At most two calls (one live, one ringing, waiting or held); an ended call stays listed, as a
 * short note of how it ended, until the next call comes in or is placed.
 */
export interface PhoneCallsState {
  /** Oldest first. */
  readonly calls: readonly PhoneCall[];
  /** The call the keypad and the keyboard shortcuts act on; null when there is none. */
  readonly focusedId: string | null;
}

export const NO_CALLS: PhoneCallsState = { calls: [], focusedId: null };

/** Where SipPhone publishes its state (the zustand store in the app, a recorder in tests). */
export interface PhoneStateSink {
  setRegistration(state: RegistrationState): void;
  setCalls(state: PhoneCallsState): void;
}

export interface PhonePreferences {
  readonly dnd: boolean;
  readonly autoAnswerClickToCall: boolean;
  readonly autoAnswerIntercom: boolean;
  /** A second call may ring while one is live; off: it is refused 486 Busy Here. */
  readonly callWaiting: boolean;
  readonly dtmfMode: DtmfMode;
}

export const DEFAULT_PHONE_PREFERENCES: PhonePreferences = {
  dnd: false,
  autoAnswerClickToCall: true,
  autoAnswerIntercom: false,
  callWaiting: true,
  dtmfMode: 'rfc2833',
};

/** Answered or being answered, not ended: a call that holds a media path. */
export function isLive(call: PhoneCall): boolean {
  return call.status.kind === 'in-call' || call.status.kind === 'answering' || call.status.kind === 'dialing';
}

export function isEnded(call: PhoneCall): boolean {
  return call.status.kind === 'ended';
}
