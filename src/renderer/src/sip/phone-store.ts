import { create } from 'zustand';
import { appError, type AppError } from '../../../shared/errors';
import { err, type Result } from '../../../shared/result';
import { antring } from '../api';
import type { DtmfTone } from './dtmf';
import type { CallActionProblem } from './phone-calls';
import {
  NO_CALLS,
  isEnded,
  type PhoneCall,
  type PhoneCallsState,
  type PhoneStateSink,
  type RegistrationState,
  type RingStyle,
} from './phone-state';

/** What the store needs from the phone; SipPhone is one, tests may pass a recorder. */
export interface PhoneControls {
  /** Without an id: the call ringing. */
  answer(id?: string): void;
  decline(id?: string): void;
  /** Without an id (here and below): the focused call. */
  hangup(id?: string): void;
  toggleMute(id?: string): void;
  toggleHold(id?: string): void;
  sendDtmf(tone: DtmfTone, id?: string): boolean;
  placeCall(target: string): Result<string, CallActionProblem>;
  blindTransfer(target: string, id?: string): Result<void, CallActionProblem>;
  consult(target: string, id?: string): Result<void, CallActionProblem>;
  completeTransfer(id?: string): void;
  backToCaller(id?: string): void;
  /** Returns the ticket that withdraws the expectation when the request fails. */
  expectClickToCallCallback(): number;
  cancelClickToCallCallback(ticket: number): void;
}

export type DialState =
  | { readonly status: 'idle' }
  | { readonly status: 'dialing'; readonly number: string }
  | { readonly status: 'placed'; readonly number: string }
  | { readonly status: 'failed'; readonly number: string; readonly error: AppError };

/** Why an action found no phone to act on: the SIP phone runs in the main window only. */
export type PhoneActionProblem = CallActionProblem | 'no-phone';

export interface PhoneStoreState extends PhoneCallsState {
  readonly registration: RegistrationState;
  readonly dial: DialState;
  answer(id?: string): void;
  decline(id?: string): void;
  hangup(id?: string): void;
  toggleMute(id?: string): void;
  toggleHold(id?: string): void;
  sendDtmf(tone: DtmfTone, id?: string): boolean;
  blindTransfer(target: string, id?: string): Result<void, PhoneActionProblem>;
  consult(target: string, id?: string): Result<void, PhoneActionProblem>;
  completeTransfer(id?: string): void;
  backToCaller(id?: string): void;
  /** Asks AntBuddy to ring this device and then `number` (click-to-call). */
  clickToCall(number: string): Promise<void>;
  /** Calls `number` straight from this phone (SIP INVITE); the call shows in `calls`. */
  callOverSip(number: string): void;
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

/**
 * A click-to-call sent by the host (a link, the tray): the phone expects its callback exactly as
 * for the dial pad's own. Returns what withdraws the expectation when the request failed.
 */
export function expectHostClickToCall(): () => void {
  const phone = boundPhone;
  const ticket = phone?.expectClickToCallCallback();
  return () => {
    if (ticket !== undefined) phone?.cancelClickToCallCallback(ticket);
  };
}

export const initialPhoneState: Pick<PhoneStoreState, 'registration' | 'calls' | 'focusedId' | 'dial'> = {
  registration: { kind: 'unconfigured' },
  ...NO_CALLS,
  dial: { status: 'idle' },
};

const SIP_DIAL_PROBLEMS: Record<PhoneActionProblem, AppError> = {
  empty: appError(
    'invalid_input',
    'Enter a number or an extension to call.',
    'Nhập số điện thoại hoặc số máy lẻ cần gọi.',
  ),
  invalid: appError(
    'invalid_input',
    'That is not a number or an extension this phone can call.',
    'Đây không phải số điện thoại hay số máy lẻ mà điện thoại này gọi được.',
  ),
  'not-configured': appError(
    'not_configured',
    'The phone is not connected: check the SIP settings.',
    'Điện thoại chưa kết nối: hãy kiểm tra cài đặt SIP.',
  ),
  busy: appError(
    'invalid_input',
    'You already have two calls: end one before placing another.',
    'Bạn đang có hai cuộc gọi: hãy kết thúc một cuộc trước khi gọi tiếp.',
  ),
  'not-possible': appError('internal', 'The call could not be placed.', 'Không thể thực hiện cuộc gọi.'),
  'no-phone': appError(
    'not_configured',
    'The phone is not running in this window.',
    'Điện thoại không chạy trong cửa sổ này.',
  ),
};

const noPhone = (): Result<never, PhoneActionProblem> => err('no-phone');

/**
 * A call id, or undefined: `onClick={answer}` hands the action a click event, which must mean
 * "the call ringing", not an id.
 */
const callId = (id: unknown): string | undefined => (typeof id === 'string' ? id : undefined);

export const usePhoneStore = create<PhoneStoreState>()((set) => ({
  ...initialPhoneState,
  answer: (id) => boundPhone?.answer(callId(id)),
  decline: (id) => boundPhone?.decline(callId(id)),
  hangup: (id) => boundPhone?.hangup(callId(id)),
  toggleMute: (id) => boundPhone?.toggleMute(callId(id)),
  toggleHold: (id) => boundPhone?.toggleHold(callId(id)),
  sendDtmf: (tone, id) => boundPhone?.sendDtmf(tone, callId(id)) ?? false,
  blindTransfer: (target, id) => boundPhone?.blindTransfer(target, callId(id)) ?? noPhone(),
  consult: (target, id) => boundPhone?.consult(target, callId(id)) ?? noPhone(),
  completeTransfer: (id) => boundPhone?.completeTransfer(callId(id)),
  backToCaller: (id) => boundPhone?.backToCaller(callId(id)),

  async clickToCall(number) {
    set({ dial: { status: 'dialing', number } });
    // Before the request: the callback may ring faster than the HTTP answer comes back.
    const phone = boundPhone;
    const ticket = phone?.expectClickToCallCallback();
    const result = await antring().clickToCall({ number });
    if (!result.ok && ticket !== undefined) phone?.cancelClickToCallCallback(ticket);
    set({ dial: result.ok ? { status: 'placed', number } : { status: 'failed', number, error: result.error } });
  },

  callOverSip(number) {
    const placed = boundPhone?.placeCall(number) ?? noPhone();
    // Placed: the call itself shows how it goes (calling, ringing, answered or refused).
    set({
      dial: placed.ok ? { status: 'idle' } : { status: 'failed', number, error: SIP_DIAL_PROBLEMS[placed.error] },
    });
  },
}));

/** Where SipPhone publishes: straight into the store. */
export const phoneStoreSink: PhoneStateSink = {
  setRegistration: (registration) => usePhoneStore.setState({ registration }),
  setCalls: (state) => usePhoneStore.setState({ calls: state.calls, focusedId: state.focusedId }),
};

/** The call ringing on this phone (never more than one at a time). */
export function selectRingingCall(state: PhoneCallsState): PhoneCall | undefined {
  return state.calls.find((call) => call.status.kind === 'ringing');
}

/** The call the keypad and shortcuts act on. */
export function selectFocusedCall(state: PhoneCallsState): PhoneCall | undefined {
  return state.focusedId === null ? undefined : state.calls.find((call) => call.id === state.focusedId);
}

/** Calls not ended yet. */
export function selectOpenCalls(state: PhoneCallsState): readonly PhoneCall[] {
  return state.calls.filter((call) => !isEnded(call));
}

/**
 * What the ringer should play now: the full ringtone, the short call-waiting tone, or nothing.
 * A call that answers itself does not ring (it is answered within the same moment).
 */
export function selectRinger(state: PhoneCallsState): RingStyle | null {
  const ringing = selectRingingCall(state);
  if (!ringing || ringing.status.kind !== 'ringing' || ringing.status.autoAnswer) return null;
  return ringing.status.ringStyle;
}
