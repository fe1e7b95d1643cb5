/** What the phone shows; plain data, so React state never holds a JsSIP object. */

export type RegistrationState =
  | { readonly kind: 'unconfigured' }
  | { readonly kind: 'registering' }
  | { readonly kind: 'registered' }
  /** `reason` is a JsSIP cause (`Authentication Error`, `Connection Error`…), never a secret. */
  | { readonly kind: 'failed'; readonly reason: string };

export interface Caller {
  /** The SIP user part of the caller: a phone number or an extension. */
  readonly number: string;
  readonly name?: string;
}

export type CallEndReason =
  /** The agent hung up. */
  | 'local-hangup'
  /** The other side hung up. */
  | 'remote-hangup'
  /** The agent declined while it rang. */
  | 'declined'
  /** The caller gave up (or another device answered) before the agent did. */
  | 'canceled'
  /** Media or signalling failed. */
  | 'failed';

export type CallState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'ringing'; readonly id: string; readonly from: Caller; readonly autoAnswer: boolean }
  | { readonly kind: 'answering'; readonly id: string; readonly from: Caller }
  | {
      readonly kind: 'in-call';
      readonly id: string;
      readonly from: Caller;
      /** Epoch milliseconds when the call was answered. */
      readonly since: number;
      readonly muted: boolean;
      readonly held: boolean;
    }
  | { readonly kind: 'ended'; readonly reason: CallEndReason; readonly from?: Caller };

/** Where SipPhone publishes its state (the zustand store in the app, a recorder in tests). */
export interface PhoneStateSink {
  setRegistration(state: RegistrationState): void;
  setCall(state: CallState): void;
}

export interface PhonePreferences {
  readonly dnd: boolean;
  readonly autoAnswerClickToCall: boolean;
  readonly autoAnswerIntercom: boolean;
}
