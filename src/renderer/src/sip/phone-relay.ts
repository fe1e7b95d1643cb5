import { create } from 'zustand';
import type { PhoneCallSummary, PhoneCommand, Unsubscribe } from '../../../shared/contract';
import { antring, onHostEvent } from '../api';
import { NO_CALLS, type PhoneCallsState } from './phone-state';
import { selectRingingCall, usePhoneStore } from './phone-store';

/**
 * The phone runs in the main window only. These pieces carry its incoming call through the host
 * to the popup window, and the popup's Answer/Decline back to the phone.
 */

/** What other windows need to know about the phone's calls: only what rings, not who talks. */
export function summarizeCall(state: PhoneCallsState): PhoneCallSummary {
  const ringing = selectRingingCall(state);
  return { ringing: ringing ? { id: ringing.id, number: ringing.remote.number } : null };
}

function sameSummary(a: PhoneCallSummary, b: PhoneCallSummary): boolean {
  return a.ringing?.id === b.ringing?.id && a.ringing?.number === b.ringing?.number;
}

/**
 * Main window: tells the host about the phone's call now and after every change. When it stops
 * (the phone goes away) it reports that nothing rings, so the popup cannot answer a phone that is gone.
 */
export function reportPhoneCalls(): Unsubscribe {
  let last: PhoneCallSummary | null = null;
  const report = (calls: PhoneCallsState): void => {
    const summary = summarizeCall(calls);
    if (last && sameSummary(last, summary)) return;
    last = summary;
    void antring().reportPhoneCall(summary);
  };
  report(usePhoneStore.getState());
  const unsubscribe = usePhoneStore.subscribe((state) => report(state));
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
