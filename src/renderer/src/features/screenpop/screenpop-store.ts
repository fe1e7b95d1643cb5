import { create } from 'zustand';
import type { ScreenPop } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/errors';
import { samePhone } from '../../../../shared/phone';
import { antring, onHostEvent } from '../../api';
import type { PhoneCallsState } from '../../sip/phone-state';
import { selectRingingCall } from '../../sip/phone-store';

export interface ScreenPopStoreState {
  /** Active pops, newest first, exactly as the host last sent them. */
  readonly pops: readonly ScreenPop[];
  /** The last error of an action (open in CRM, dismiss), shown on the card it concerns. */
  readonly failure: { readonly callId: string; readonly error: AppError } | null;
  loadPops(): Promise<void>;
  /** Subscribes to the host's screenPopsChanged; returns the unsubscribe function. */
  followHost(): () => void;
  dismiss(callId: string): Promise<void>;
  openInCrm(callId: string): Promise<void>;
}

/** Opens a web page from the page itself (web host): the Electron host opens it in main instead. */
export type PageOpener = (url: string) => void;

let openFromPage: PageOpener = (url) => {
  window.open(url, '_blank', 'noopener,noreferrer');
};

/** Tests replace how the page opens links. */
export function setPageOpener(opener: PageOpener): void {
  openFromPage = opener;
}

export const useScreenPopStore = create<ScreenPopStoreState>()((set) => ({
  pops: [],
  failure: null,

  async loadPops() {
    const result = await antring().getScreenPops();
    if (result.ok) set({ pops: result.value });
  },

  followHost() {
    return onHostEvent('screenPopsChanged', (pops) => set({ pops }));
  },

  async dismiss(callId) {
    // Hide at once: the agent asked for it, the host's answer only confirms.
    set((state) => ({ pops: state.pops.filter((p) => p.callId !== callId) }));
    const result = await antring().dismissScreenPop({ callId });
    if (result.ok) set({ pops: result.value });
  },

  async openInCrm(callId) {
    const result = await antring().openInCrm({ callId });
    if (!result.ok) {
      set({ failure: { callId, error: result.error } });
      return;
    }
    set({ failure: null });
    if (!result.value.opened) openFromPage(result.value.url);
  },
}));

const digits = (value: string): string => value.replace(/\D/g, '');

/**
 * Whether the call ringing on this device is the one a pop describes, so the pop can offer
 * Answer and Decline. The signal and the SIP INVITE come by different routes, so they are
 * matched by caller number (any spelling), not by id.
 */
export function isRingingHere(pop: ScreenPop, phone: PhoneCallsState): boolean {
  const ringing = selectRingingCall(phone);
  return ringing !== undefined && isCallerOf(pop, ringing.remote.number);
}

/** Whether a pop still ringing is about the call from `number` (the SIP caller). */
export function isCallerOf(pop: ScreenPop, number: string): boolean {
  if (pop.state !== 'ringing') return false;
  if (samePhone(number, pop.caller.raw)) return true;
  if (pop.caller.e164 !== undefined && samePhone(number, pop.caller.e164)) return true;
  const here = digits(number);
  return here !== '' && here === digits(pop.caller.raw);
}
