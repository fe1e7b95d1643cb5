import { create } from 'zustand';

interface PhoneStartupState {
  /** The phone has read its credentials (and loaded JsSIP) since the page opened. */
  readonly started: boolean;
}

/**
 * Until the phone has read its credentials, the registration it shows ('unconfigured', the
 * store's first value) is not yet true: the frame shows a skeleton of the Phone screen instead
 * of "not set up", so a configured agent never sees that flash at start.
 */
export const usePhoneStartupStore = create<PhoneStartupState>()(() => ({ started: false }));

export function markPhoneStarted(): void {
  if (!usePhoneStartupStore.getState().started) usePhoneStartupStore.setState({ started: true });
}
