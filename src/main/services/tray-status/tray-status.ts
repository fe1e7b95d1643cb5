import type { PhoneCallSummary } from '../../../shared/contract';
import type { SignalConnectionState } from '../../../shared/domain';
import { reachabilityOf, type TrayAvailability, type TrayStatus } from '../../../shared/reachability';
import type { Settings } from '../../../shared/settings';

/** The parts of the other services the tray's state is made of. */
export interface TrayStatusSources {
  readonly signals: {
    state(): SignalConnectionState;
    onState(listener: (state: SignalConnectionState) => void): () => void;
  };
  readonly phone: {
    current(): PhoneCallSummary;
    onCallChange(listener: (summary: PhoneCallSummary) => void): () => void;
  };
  readonly settings: {
    effective(): Settings;
    onChange(listener: () => void): () => void;
  };
}

export interface TrayStatusService {
  current(): TrayStatus;
  /** The host says whether its tray icon can be seen (the Electron shell, once it probed the desktop). */
  setAvailability(availability: TrayAvailability): void;
  /** After every real change (a repeated report of the same state is not one). */
  onChange(listener: (status: TrayStatus) => void): () => void;
  dispose(): void;
}

/** What the window's phone needs to register (the renderer's sip-phone checks the same four). */
function sipConfigured(s: Settings): boolean {
  return s.sipWsUrl !== '' && s.sipDomain !== '' && s.sipUser !== '' && s.sipPassword !== '';
}

/** What call signals need; without it the signal service stays idle (services/index.ts signalConfig). */
function signalsConfigured(s: Settings): boolean {
  return s.signalsUrl !== '' && s.accountId !== '' && s.appId !== '' && s.appSecret !== '';
}

/**
 * The tray's state in one place for every host: how reachable the agent is (from the call
 * signals, the phone's registration and call, and Do not disturb) and whether the host's tray
 * can be seen at all. The Electron tray draws it; the window shows it where there is no tray.
 * Hosts without a tray never set the availability and stay `not-applicable`.
 */
export function createTrayStatus(sources: TrayStatusSources): TrayStatusService {
  let availability: TrayAvailability = { kind: 'not-applicable' };
  const compute = (): TrayStatus => {
    const settings = sources.settings.effective();
    return {
      availability,
      reachability: reachabilityOf({
        signals: sources.signals.state(),
        phone: sources.phone.current(),
        dnd: settings.dnd,
        sipConfigured: sipConfigured(settings),
        signalsConfigured: signalsConfigured(settings),
      }),
    };
  };
  let status = compute();
  let fingerprint = JSON.stringify(status);
  const listeners = new Set<(status: TrayStatus) => void>();
  const update = (): void => {
    const next = compute();
    const nextFingerprint = JSON.stringify(next);
    if (nextFingerprint === fingerprint) return;
    status = next;
    fingerprint = nextFingerprint;
    for (const listener of [...listeners]) listener(status);
  };
  const stops = [
    sources.signals.onState(update),
    sources.phone.onCallChange(update),
    sources.settings.onChange(update),
  ];
  return {
    current: () => status,
    setAvailability(next) {
      availability = next;
      update();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      for (const stop of stops.splice(0)) stop();
      listeners.clear();
    },
  };
}
