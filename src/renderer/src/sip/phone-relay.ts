import { create } from 'zustand';
import type { PhoneCallSummary, PhoneCommand, Unsubscribe } from '../../../shared/contract';
import { antring, onHostEvent } from '../api';
import { NO_CALLS, type PhoneCallsState, type RegistrationState } from './phone-state';
import { selectOpenCalls, selectRingingCall, usePhoneStore } from './phone-store';

/**
 * The phone runs in the main window only. These pieces carry its incoming call through the host
 * to the popup window, and the popup's Answer/Decline back to the phone.
 */

/** The registration as main words it: the kind, and the phone's reason when it has one. */
function registrationSummary(registration: RegistrationState): PhoneCallSummary['registration'] {
  switch (registration.kind) {
    case 'failed':
      return { kind: 'failed', reason: (registration.serverReply ?? registration.reason).slice(0, 200) };
    case 'offline':
      return { kind: 'offline', reason: registration.cause };
    default:
      return { kind: registration.kind };
  }
}

/**
 * What other windows and main need to know about the phone: what rings (not who talks), whether
 * it is registered, and whether the agent is on a call.
 */
export function summarizeCall(
  state: PhoneCallsState,
  registration: RegistrationState = { kind: 'unconfigured' },
): PhoneCallSummary {
  const ringing = selectRingingCall(state);
  return {
    ringing: ringing ? { id: ringing.id, number: ringing.remote.number } : null,
    registration: registrationSummary(registration),
    inCall: selectOpenCalls(state).some((call) => call.status.kind !== 'ringing'),
  };
}

function sameSummary(a: PhoneCallSummary, b: PhoneCallSummary): boolean {
  return (
    a.ringing?.id === b.ringing?.id &&
    a.ringing?.number === b.ringing?.number &&
    a.registration.kind === b.registration.kind &&
    a.registration.reason === b.registration.reason &&
    a.inCall === b.inCall
  );
}

/**
 * Main window: tells the host about the phone's call now and after every change. When it stops
 * (the phone goes away) it reports that nothing rings, so the popup cannot answer a phone that is gone.
 */
export function reportPhoneCalls(): Unsubscribe {
  let last: PhoneCallSummary | null = null;
  const report = (calls: PhoneCallsState, registration?: RegistrationState): void => {
    const summary = summarizeCall(calls, registration);
    if (last && sameSummary(last, summary)) return;
    last = summary;
    void antring().reportPhoneCall(summary);
  };
  const initial = usePhoneStore.getState();
  report(initial, initial.registration);
  const unsubscribe = usePhoneStore.subscribe((state) => report(state, state.registration));
  return () => {
    unsubscribe();
    report(NO_CALLS);
  };
}

/**
 * Main window: carries out Answer/Decline pressed in another window, only while the call it
 * names still rings here (a late click must not answer the next call).
 */
export function followPhoneCommands(): Unsubscribe {
  return onHostEvent('phoneCommandRequested', ({ action, callId }) => {
    const phone = usePhoneStore.getState();
    if (selectRingingCall(phone)?.id !== callId) return;
    if (action === 'answer') phone.answer(callId);
    else phone.decline(callId);
  });
}

export interface RelayedCallState {
  /** What the main window's phone last reported ringing. */
  readonly ringing: PhoneCallSummary['ringing'];
  load(): Promise<void>;
  /** Subscribes to the host's phoneCallChanged; returns the unsubscribe function. */
  followHost(): Unsubscribe;
  /** Asks the phone (in the main window) to answer or decline. */
  send(action: PhoneCommand['action'], callId: string): Promise<void>;
}

/** Popup window: the phone's call as the host relays it. */
export const useRelayedCallStore = create<RelayedCallState>()((set) => ({
  ringing: null,

  async load() {
    const result = await antring().getPhoneCall();
    if (result.ok) set({ ringing: result.value.ringing });
  },

  followHost() {
    return onHostEvent('phoneCallChanged', (summary) => set({ ringing: summary.ringing }));
  },

  async send(action, callId) {
    // The phone reports its new state once it acts; nothing to do with the answer here.
    await antring().phoneCommand({ action, callId });
  },
}));
