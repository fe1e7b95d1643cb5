import type { RegistrationState } from './phone-state';

/**
 * What the phone knows about its connection, from three sources that disagree in time: the
 * browser (online/offline), the socket (JsSIP's connected/disconnected, the watchdog's verdict)
 * and the registrar (JsSIP's registration events). The state shown is derived from all three.
 */
export interface ConnectionFacts {
  readonly network: 'online' | 'offline';
  /** `connecting`: never connected yet; `down`: lost (reconnecting); `dead`: open but silent. */
  readonly transport: 'connecting' | 'open' | 'down' | 'dead';
  readonly registration:
    | { readonly kind: 'none' }
    | { readonly kind: 'registered' }
    | { readonly kind: 'failed'; readonly reason: string; readonly serverReply?: string };
}

export const STARTING: ConnectionFacts = {
  network: 'online',
  transport: 'connecting',
  registration: { kind: 'none' },
};

export function registrationView(facts: ConnectionFacts): RegistrationState {
  if (facts.network === 'offline') return { kind: 'offline', cause: 'no-network' };
  if (facts.transport === 'down' || facts.transport === 'dead') return { kind: 'offline', cause: 'server-unreachable' };
  if (facts.transport === 'connecting') return { kind: 'registering' };
  const registration = facts.registration;
  switch (registration.kind) {
    case 'registered':
      return { kind: 'registered' };
    case 'failed':
      return registration.serverReply
        ? { kind: 'failed', reason: registration.reason, serverReply: registration.serverReply }
        : { kind: 'failed', reason: registration.reason };
    case 'none':
      return { kind: 'registering' };
  }
}

/** `403 Forbidden` from a SIP response, or undefined when there was none (a timeout). */
export function serverReplyOf(
  response: { readonly status_code?: number; readonly reason_phrase?: string } | null | undefined,
): string | undefined {
  const code = response?.status_code;
  if (typeof code !== 'number') return undefined;
  const phrase = (response?.reason_phrase ?? '')
    .replace(/[\r\n]/g, ' ')
    .trim()
    .slice(0, 80);
  return phrase ? `${code} ${phrase}` : String(code);
}
