import type { EventName, EventPayload, Unsubscribe } from '../../shared/contract';
import type { Services } from './index';

export type EmitEvent = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/**
 * Connects every contract event to the service that produces it, once, for every host: the
 * Electron shell passes its IPC broadcaster, the web host its bridge. The record's type makes
 * a new contract event fail to compile until it has a source here.
 */
export function forwardServiceEvents(services: Services, emit: EmitEvent): Unsubscribe {
  const sources: { readonly [E in EventName]: (send: (payload: EventPayload<E>) => void) => Unsubscribe } = {
    settingsChanged: (send) => services.settings.onChange(send),
    screenPopsChanged: (send) => services.screenPop.onChange(send),
    signalStateChanged: (send) => services.signals.onState(send),
    missedCallsChanged: (send) => services.missedCalls.onChange(send),
    phoneCallChanged: (send) => services.phoneRelay.onCallChange(send),
    phoneCommandRequested: (send) => services.phoneRelay.onCommand(send),
    historySyncChanged: (send) => services.history.onState(send),
    dialPromptChanged: (send) => services.dial.onChange(send),
    phoneDialRequested: (send) => services.dial.onPhoneRequest(send),
    dialShortcutChanged: (send) => services.dial.shortcut.onChange(send),
    trayStatusChanged: (send) => services.trayStatus.onChange(send),
    // Only a host with power events calls services.resume(): the web host never sends this.
    systemResumed: (send) => services.onResumed(send),
  };
  const unsubscribers = (Object.keys(sources) as EventName[]).map((name) =>
    (sources[name] as (send: (payload: unknown) => void) => Unsubscribe)((payload) =>
      emit(name, payload as EventPayload<typeof name>),
    ),
  );
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
