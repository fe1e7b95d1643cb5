import { useEffect } from 'react';
import { create } from 'zustand';
import type { DialVia } from '../../../../shared/settings';
import { usePhoneStartupStore } from '../../sip/phone-startup';
import { usePhoneStore } from '../../sip/phone-store';
import type { RegistrationState } from '../../sip/phone-state';
import { useSettingsStore, type SettingsLoad } from '../settings/settings-store';

/**
 * The dial field works from the app's first render, before the host has said how to dial
 * (settings) and before the phone has read its account or registered. A Call pressed that early
 * is kept here, shown under the field, and placed the moment the app knows how: never dropped,
 * never sent the wrong way (click-to-call for an agent who dials over SIP).
 */

export type DialReadiness = { readonly kind: 'wait' } | { readonly kind: 'ready'; readonly via: DialVia };

export interface DialConditions {
  readonly settings: SettingsLoad;
  /** The phone has read its credentials (phone-startup.ts). */
  readonly phoneStarted: boolean;
  readonly registration: RegistrationState;
}

/**
 * Whether a call can be placed now, and how. It waits while the settings are loading (the
 * route is not known), while the phone is starting (registration not known) and while it
 * registers: a SIP call needs the registration, and a click-to-call's callback must find this
 * phone registered to ring it. Any settled state dials: a SIP call then fails with its own
 * message when the phone cannot place it, and click-to-call goes to AntBuddy as always.
 */
export function dialReadiness({ settings, phoneStarted, registration }: DialConditions): DialReadiness {
  if (settings.status === 'idle' || settings.status === 'loading') return { kind: 'wait' };
  // Any registration but the store's first value says the phone is running with its account.
  const phoneKnown = phoneStarted || registration.kind !== 'unconfigured';
  if (!phoneKnown || registration.kind === 'registering') return { kind: 'wait' };
  // Settings that could not be read dial the way the Phone screen always has: click-to-call.
  return { kind: 'ready', via: settings.status === 'ready' ? settings.view.values.dialVia : 'click-to-call' };
}

function currentReadiness(): DialReadiness {
  return dialReadiness({
    settings: useSettingsStore.getState().load,
    phoneStarted: usePhoneStartupStore.getState().started,
    registration: usePhoneStore.getState().registration,
  });
}

interface QueuedDialState {
  /** The number waiting for the phone, already normalized; null when none. */
  readonly number: string | null;
}

export const useQueuedDialStore = create<QueuedDialState>()(() => ({ number: null }));

function placeNow(number: string, via: DialVia): void {
  const phone = usePhoneStore.getState();
  if (via === 'sip') phone.callOverSip(number);
  else void phone.clickToCall(number);
}

/** Places the call now when the app can, or keeps it until it can (a second Call replaces the number kept). */
export function dialOrQueue(number: string): void {
  const readiness = currentReadiness();
  if (readiness.kind === 'ready') {
    useQueuedDialStore.setState({ number: null });
    placeNow(number, readiness.via);
    return;
  }
  useQueuedDialStore.setState({ number });
}

/** What was typed in the frame's dial field before the Phone screen took over (app/startup-dial.ts). */
export interface StartupDraft {
  readonly typed: string;
  readonly invalid: boolean;
}

const NO_DRAFT: StartupDraft = { typed: '', invalid: false };
let startupDraft: StartupDraft = NO_DRAFT;

/** Takes over what the agent did in the frame's dial field: the number typed, and a Call pressed. */
export function adoptStartupDial(handover: StartupDraft & { readonly queued: string | null }): void {
  startupDraft = { typed: handover.typed, invalid: handover.invalid };
  if (handover.queued !== null) dialOrQueue(handover.queued);
}

/** The dial field's first value; read by its first render (twice in Strict Mode, hence no clearing here). */
export function startupDialDraft(): StartupDraft {
  return startupDraft;
}

/** Once the dial field has it: a later dial field starts empty. */
export function forgetStartupDialDraft(): void {
  startupDraft = NO_DRAFT;
}

export function cancelQueuedDial(): void {
  useQueuedDialStore.setState({ number: null });
}

/** Places the call kept, if any, as soon as the app can. */
function placeQueuedIfReady(): void {
  const { number } = useQueuedDialStore.getState();
  if (number === null) return;
  const readiness = currentReadiness();
  if (readiness.kind !== 'ready') return;
  useQueuedDialStore.setState({ number: null });
  placeNow(number, readiness.via);
}

/**
 * Mounted with the app frame (not the Phone screen): a call kept at startup is placed even if
 * the agent has gone to another screen meanwhile.
 */
export function usePlaceQueuedDial(): void {
  useEffect(() => {
    const stops = [
      useQueuedDialStore.subscribe(placeQueuedIfReady),
      useSettingsStore.subscribe(placeQueuedIfReady),
      usePhoneStartupStore.subscribe(placeQueuedIfReady),
      usePhoneStore.subscribe(placeQueuedIfReady),
    ];
    placeQueuedIfReady();
    return () => {
      for (const stop of stops) stop();
    };
  }, []);
}
