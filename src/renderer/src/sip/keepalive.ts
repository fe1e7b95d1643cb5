/**
 * When to probe the SIP server and when to give the websocket up for dead. JsSIP never pings:
 * a socket whose far end vanished (Wi-Fi change, a NAT that forgot the flow, a server that
 * hung) stays "connected" for minutes, and calls stop ringing with nothing on the screen.
 *
 * Why an OPTIONS and not a CRLF: a page cannot send WebSocket ping frames, and the CRLF
 * keepalive of RFC 5626 is defined for TCP/TLS flows, not for SIP over WebSocket (RFC 7118):
 * a server owes no answer to a "\r\n\r\n" frame, so silence after it proves nothing. An
 * OPTIONS is an ordinary transaction that every SIP server answers (200, or 404/483 when it
 * routes its own domain nowhere; the sandbox's Kamailio relays it to a registered phone that
 * answers 200), so no answer at all really means a dead path.
 *
 * Any message from the server proves the socket alive. After `idleMs` of silence the phone
 * sends one probe (an OPTIONS, which every SIP server answers, even with an error); when
 * nothing at all arrives within `answerMs` of the probe the socket is dead. So a dead socket is
 * found within idleMs + answerMs of the last word from the server. The deadline runs from the
 * probe, not from the silence, so a page whose timers were throttled (or a machine that slept)
 * is never declared dead without having asked first.
 */

export interface KeepaliveTiming {
  readonly idleMs: number;
  readonly answerMs: number;
}

/**
 * 10 s + 10 s: dead 20 s after the server's last word, so well within the promised 30 s even
 * when a loaded machine runs the page's timers late; one small OPTIONS every 10 s on an idle line.
 */
export const SIP_KEEPALIVE: KeepaliveTiming = { idleMs: 10_000, answerMs: 10_000 };

export type KeepaliveState =
  | { readonly kind: 'closed' }
  | {
      readonly kind: 'open';
      /** The last message from the server (or the moment the socket opened). */
      readonly lastHeardAt: number;
      /** When the unanswered probe went out; null when none is outstanding. */
      readonly probeSentAt: number | null;
    };

export type KeepaliveAction =
  | { readonly kind: 'none' }
  | { readonly kind: 'wait'; readonly ms: number }
  | { readonly kind: 'probe' }
  | { readonly kind: 'dead' };

export const CLOSED: KeepaliveState = { kind: 'closed' };

export function opened(now: number): KeepaliveState {
  return { kind: 'open', lastHeardAt: now, probeSentAt: null };
}

export function heard(state: KeepaliveState, now: number): KeepaliveState {
  return state.kind === 'open' ? { kind: 'open', lastHeardAt: now, probeSentAt: null } : state;
}

export function probeSent(state: KeepaliveState, now: number): KeepaliveState {
  return state.kind === 'open' ? { ...state, probeSentAt: now } : state;
}

/** What to do at `now`: nothing (closed), wait, send a probe, or declare the socket dead. */
export function nextKeepaliveAction(
  state: KeepaliveState,
  now: number,
  timing: KeepaliveTiming = SIP_KEEPALIVE,
): KeepaliveAction {
  if (state.kind === 'closed') return { kind: 'none' };
  if (state.probeSentAt !== null) {
    const deadline = state.probeSentAt + timing.answerMs;
    return now >= deadline ? { kind: 'dead' } : { kind: 'wait', ms: deadline - now };
  }
  const probeAt = state.lastHeardAt + timing.idleMs;
  return now >= probeAt ? { kind: 'probe' } : { kind: 'wait', ms: probeAt - now };
}
