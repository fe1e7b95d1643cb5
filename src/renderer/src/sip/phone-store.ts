import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import { antring } from '../api';
import type { CallState, PhoneStateSink, RegistrationState } from './phone-state';

/** What the store needs from the phone; SipPhone is one, tests may pass a recorder. */
export interface PhoneControls {
  answer(): void;
  decline(): void;
  hangup(): void;
  toggleMute(): void;
  /** Returns the ticket that withdraws the expectation when the request fails. */
  expectClickToCallCallback(): number;
  cancelClickToCallCallback(ticket: number): void;
}

export type DialState =
  | { readonly status: 'idle' }
  | { readonly status: 'dialing'; readonly number: string }
  | { readonly status: 'placed'; readonly number: string }
  | { readonly status: 'failed'; readonly number: string; readonly error: AppError };

export interface PhoneStoreState {
  readonly registration: RegistrationState;
  readonly call: CallState;
  readonly dial: DialState;
  answer(): void;
  decline(): void;
  hangup(): void;
  toggleMute(): void;
  /** Asks AntBuddy to ring this device and then `number` (click-to-call). */
  clickToCall(number: string): Promise<void>;
}

/** The running phone, outside React state: JsSIP objects do not belong in a store. */
let boundPhone: PhoneControls | null = null;

/** Connects the store's actions to a phone; returns the function that disconnects it. */
export function bindPhone(phone: PhoneControls): () => void {
  boundPhone = phone;
  return () => {
    if (boundPhone === phone) boundPhone = null;
  };
}

export const initialPhoneState: Pick<PhoneStoreState, 'registration' | 'call' | 'dial'> = {
  registration: { kind: 'unconfigured' },
  call: { kind: 'idle' },
  dial: { status: 'idle' },
};

export const usePhoneStore = create<PhoneStoreState>()((set) => ({
  ...initialPhoneState,
  answer: () => boundPhone?.answer(),
  decline: () => boundPhone?.decline(),
  hangup: () => boundPhone?.hangup(),
  toggleMute: () => boundPhone?.toggleMute(),

  async clickToCall(number) {
    set({ dial: { status: 'dialing', number } });
    // Before the request: the callback may ring faster than the HTTP answer comes back.
    const phone = boundPhone;
    const ticket = phone?.expectClickToCallCallback();
    const result = await antring().clickToCall({ number });
    if (!result.ok && ticket !== undefined) phone?.cancelClickToCallCallback(ticket);
    set({ dial: result.ok ? { status: 'placed', number } : { status: 'failed', number, error: result.error } });
  },
}));

/** Where SipPhone publishes: straight into the store. */
export const phoneStoreSink: PhoneStateSink = {
  setRegistration: (registration) => usePhoneStore.setState({ registration }),
  setCall: (call) => usePhoneStore.setState({ call }),
};
