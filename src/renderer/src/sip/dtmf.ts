import type { DtmfMode } from '../../../shared/settings';
import type { SipDtmfTransport, SipSessionLike } from './user-agent';

/** The keys of a telephone keypad; A–D exist in DTMF but no agent's IVR asks for them. */
export const DTMF_TONES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
export type DtmfTone = (typeof DTMF_TONES)[number];

export function isDtmfTone(key: string): key is DtmfTone {
  return (DTMF_TONES as readonly string[]).includes(key);
}

/** `a=rtpmap:101 telephone-event/8000`: the far end accepts RFC 2833/4733 events in the audio. */
const TELEPHONE_EVENT = /^a=rtpmap:\d+ telephone-event\//im;

/** Whether an SDP offers telephone-event (RFC 4733); false for no SDP at all. */
export function offersTelephoneEvent(sdp: string | undefined | null): boolean {
  return typeof sdp === 'string' && TELEPHONE_EVENT.test(sdp);
}

/** Whether the call's audio sender can insert RFC 2833 events (WebRTC's RTCDTMFSender). */
function canInsertDtmf(connection: RTCPeerConnection): boolean {
  return connection
    .getSenders()
    .some((sender) => sender.track?.kind === 'audio' && sender.dtmf !== null && sender.dtmf !== undefined);
}

/**
 * How a keypad press reaches the other side. RFC 2833 by default, in the audio itself; SIP
 * INFO when the agent chose it, or when RFC 2833 cannot work: the far end's SDP did not
 * negotiate telephone-event, or this side has no DTMF sender. JsSIP itself would silently drop
 * the tone in those cases.
 */
export function chooseDtmfTransport(
  mode: DtmfMode,
  connection: RTCPeerConnection | null | undefined,
): 'info' | 'rfc2833' {
  if (mode === 'info' || !connection) return 'info';
  const remote = connection.remoteDescription?.sdp;
  return offersTelephoneEvent(remote) && canInsertDtmf(connection) ? 'rfc2833' : 'info';
}

/** JsSIP's names for the transports (its TypeScript enum, which string literals cannot satisfy). */
function dtmfTransport(choice: 'info' | 'rfc2833'): SipDtmfTransport {
  return (choice === 'info' ? 'INFO' : 'RFC2833') as SipDtmfTransport;
}

/** Sends one tone; false when JsSIP refused (the call is not established any more). */
export function sendDtmfTone(session: SipSessionLike, tone: DtmfTone, mode: DtmfMode): boolean {
  try {
    session.sendDTMF(tone, { transportType: dtmfTransport(chooseDtmfTransport(mode, session.connection)) });
    return true;
  } catch {
    return false;
  }
}
