import type { PhoneCallSummary, PhoneCommand } from '../../../shared/contract';

export interface PhoneRelay {
  /** The last summary the phone reported; nothing rings (and nothing is registered) until it reports. */
  current(): PhoneCallSummary;
  /** The phone's call changed: keep it and tell every window (only when it really changed). */
  report(summary: PhoneCallSummary): void;
  /** A window without the phone asks it to answer or decline; the phone ignores ids that no longer ring. */
  command(command: PhoneCommand): void;
  onCallChange(listener: (summary: PhoneCallSummary) => void): () => void;
  onCommand(listener: (command: PhoneCommand) => void): () => void;
}

/** Until the main window's phone reports, nothing rings and it is not registered. */
const NO_PHONE: PhoneCallSummary = { ringing: null, registration: { kind: 'unconfigured' }, inCall: false };

function sameSummary(a: PhoneCallSummary, b: PhoneCallSummary): boolean {
  return (
    a.ringing?.id === b.ringing?.id &&
    a.ringing?.number === b.ringing?.number &&
    a.registration.kind === b.registration.kind &&
    a.registration.reason === b.registration.reason &&
    a.inCall === b.inCall
  );
}

function copyOf(summary: PhoneCallSummary): PhoneCallSummary {
  const { kind, reason } = summary.registration;
  return {
    ringing: summary.ringing ? { id: summary.ringing.id, number: summary.ringing.number } : null,
    registration: reason === undefined ? { kind } : { kind, reason },
    inCall: summary.inCall,
  };
}

/**
 * Carries the SIP phone's call between windows: the phone runs in the main window's renderer
 * only, so the popup window learns here what rings and sends its Answer/Decline back through it.
 * It decides nothing itself: the phone stays the one source of truth for its calls.
 */
export function createPhoneRelay(): PhoneRelay {
  let summary: PhoneCallSummary = NO_PHONE;
  const callListeners = new Set<(summary: PhoneCallSummary) => void>();
  const commandListeners = new Set<(command: PhoneCommand) => void>();

  return {
    current: () => summary,
    report(next) {
      if (sameSummary(summary, next)) return;
      // A copy: the caller's object must not change what was reported.
      summary = copyOf(next);
      for (const listener of callListeners) listener(summary);
    },
    command(command) {
      const copy: PhoneCommand = { action: command.action, callId: command.callId };
      for (const listener of commandListeners) listener(copy);
    },
    onCallChange(listener) {
      callListeners.add(listener);
      return () => callListeners.delete(listener);
    },
    onCommand(listener) {
      commandListeners.add(listener);
      return () => commandListeners.delete(listener);
    },
  };
}
