import type { CallDirection, CallEndReason } from './phone-state';
import type { SipEndEvent } from './user-agent';

export interface CallEnd {
  readonly reason: CallEndReason;
  /** The SIP status the far end (or the proxy) answered, for an outgoing call it refused. */
  readonly sipStatus?: number;
}

/** The status code of a JsSIP message, when it is a response that has one. */
export function statusCodeOf(message: unknown): number | undefined {
  if (typeof message !== 'object' || message === null || !('status_code' in message)) return undefined;
  const status = (message as { status_code: unknown }).status_code;
  return typeof status === 'number'
    ? status
    : typeof status === 'string' && /^\d{3}$/.test(status)
      ? Number(status)
      : undefined;
}

/**
 * How a JsSIP `failed` event reads for the agent. Our own decline and hangup have finished the
 * call before JsSIP reports it, so only others' failures land here.
 */
export function failedCallEnd(direction: CallDirection, end: SipEndEvent): CallEnd {
  if (end.cause === 'User Denied Media Access') return { reason: 'no-microphone' };
  // The INVITE (or our answer to it) was lost with the signalling connection.
  if (end.cause === 'Connection Error') return { reason: 'connection-lost' };
  if (direction === 'inbound')
    return { reason: end.originator === 'remote' && end.cause === 'Canceled' ? 'canceled' : 'failed' };
  const sipStatus = end.originator === 'remote' ? statusCodeOf(end.message) : undefined;
  if (sipStatus !== undefined && sipStatus >= 300) return { reason: 'refused', sipStatus };
  return { reason: 'failed' };
}

/**
 * JsSIP's causes for a session it ended by itself because the other side could not be reached
 * any more: an in-dialog request lost with the transport, unanswered, answered 408/481, or the
 * ACK to our 200 OK that never came.
 */
const UNREACHABLE_CAUSES: ReadonlySet<string> = new Set([
  'Connection Error',
  'Request Timeout',
  'Dialog Error',
  'RTP Timeout',
  'No ACK',
]);

/**
 * How a JsSIP `ended` event (an established call) reads for the agent. Our own hangups have
 * finished the call before JsSIP reports them, so a `local` end here is JsSIP's own doing.
 */
export function endedCallEnd(end: SipEndEvent): CallEnd {
  if (UNREACHABLE_CAUSES.has(end.cause)) return { reason: 'connection-lost' };
  return { reason: end.originator === 'local' ? 'local-hangup' : 'remote-hangup' };
}
