import { create } from 'zustand';
import type { PhoneCallSummary, PhoneCommand, Unsubscribe } from '../../../shared/contract';
import { antring, onHostEvent } from '../api';
import type { CallState } from './phone-state';
import { usePhoneStore } from './phone-store';

/**
 * The phone runs in the main window only. These pieces carry its incoming call through the host
 * to the popup window, and the popup's Answer/Decline back to the phone.
 */

/** What other windows need to know about the phone's call: only what rings, not who talks. */
export function summarizeCall(call: CallState): PhoneCallSummary {
  return { ringing: call.kind === 'ringing' ? { id: call.id, number: call.from.number } : null };
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
  const report = (call: CallState): void => {
    const summary = summarizeCall(call);
    if (last && sameSummary(last, summary)) return;
    last = summary;
    void antring().reportPhoneCall(summary);
  };
  report(usePhoneStore.getState().call);
  const unsubscribe = usePhoneStore.subscribe((state) => report(state.call));
  return () => {
    unsubscribe();
    report({ kind: 'idle' });
  };
}

/**
 * Main window: carries out Answer/Decline pressed in another window, only while the call it
 * names still rings here (a late click must not answer the next call).
 */
export function followPhoneCommands(): Unsubscribe {
  return onHostEvent('phoneCommandRequested', ({ action, callId }) => {
    const phone = usePhoneStore.getState();
    if (phone.call.kind !== 'ringing' || phone.call.id !== callId) return;
    if (action === 'answer') phone.answer();
    else phone.decline();
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
