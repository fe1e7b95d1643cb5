import { err, ok, type Result } from '../../../shared/result';
import type { SipSessionLike } from './user-agent';

/**
 * Why an action on a JsSIP session did not happen:
 * - `session-ended`: JsSIP had already terminated the session (its `INVALID_STATE_ERROR:
 *   Invalid status: 8`, or isEnded()). The far end, a transport error or a timer got there
 *   first; for the phone the call is over either way.
 * - `refused`: JsSIP threw for another reason (a state it does not allow the action in, a
 *   target it cannot parse).
 */
export type SessionActionProblem = 'session-ended' | 'refused';

/** JsSIP's Exceptions.InvalidStateError, recognised by its shape (it is not exported as a type). */
function isInvalidStateError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, message } = error as { name?: unknown; message?: unknown };
  return name === 'INVALID_STATE_ERROR' || (typeof message === 'string' && message.startsWith('Invalid status'));
}

function hasEnded(session: SipSessionLike): boolean {
  try {
    return session.isEnded();
  } catch {
    return false;
  }
}

/**
 * Runs one action on a JsSIP RTCSession (terminate, answer, hold, refer…) without letting it
 * throw: JsSIP throws synchronously when the session's state does not allow the action, and
 * a session can end between the phone's last event and the agent's click (a BYE, a CANCEL, a
 * lost transport). Thrown from a button handler, that error would be uncaught in the page.
 */
export function onSession<T>(session: SipSessionLike, action: () => T): Result<T, SessionActionProblem> {
  if (hasEnded(session)) return err('session-ended');
  try {
    return ok(action());
  } catch (error) {
    return err(isInvalidStateError(error) || hasEnded(session) ? 'session-ended' : 'refused');
  }
}

/** The part of a JsSIP RTCSession whose own terminate() is made safe. */
export interface TerminableSession {
  terminate(options?: never): void;
  isEnded(): boolean;
}

/**
 * Makes JsSIP's own calls to terminate() on this session safe. JsSIP itself calls
 * `this.terminate()` when a hold, resume or renegotiation re-INVITE fails, without checking
 * whether the session already ended: when the re-INVITE died with the connection, the session
 * was terminated by the transport error first, and the second terminate() throws
 * INVALID_STATE_ERROR from a JsSIP callback, uncaught in the page (seen in the soak test during
 * a call-waiting hold and a network loss). Applied to every session as JsSIP creates it.
 */
export function guardOwnTerminate(session: TerminableSession): void {
  const terminate = session.terminate.bind(session);
  session.terminate = (options?: never): void => {
    if (session.isEnded()) return;
    try {
      terminate(options);
    } catch {
      // Ended in between (INVALID_STATE_ERROR): nothing left to end.
    }
  };
}
