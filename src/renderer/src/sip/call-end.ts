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
  if (direction === 'inbound')
    return { reason: end.originator === 'remote' && end.cause === 'Canceled' ? 'canceled' : 'failed' };
  const sipStatus = end.originator === 'remote' ? statusCodeOf(end.message) : undefined;
  if (sipStatus !== undefined && sipStatus >= 300) return { reason: 'refused', sipStatus };
  return { reason: 'failed' };
}
