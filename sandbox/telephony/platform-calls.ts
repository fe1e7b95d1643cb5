import type { AudioLevel } from './audio';
import type { PhoneCall } from './node-phone';

/**
 * What the platform phone saw on each of its SIP calls (`GET <controlUrl>/platform/calls`):
 * a test judges the app from the far end with it (holds received, DTMF digits, transfers,
 * audio bytes and level, how the call ended).
 */

export type PlatformCallPurpose = 'click-to-call' | 'inbound' | 'internal' | 'outgoing' | 'transfer';

export interface PlatformCallMeta {
  /** The customer's number (or the calling colleague's extension on internal calls). */
  readonly number: string;
  /** The agent device's SIP user. */
  readonly sipUser: string;
  readonly purpose: PlatformCallPurpose;
  /** Leg A's Kazoo call id: the history record's `call_id` (null when no signals follow the call). */
  readonly signalsCallId: string | null;
  /** Sandbox-clock unix ms. */
  readonly startedAtMs: number;
}

export interface PlatformCallView {
  readonly callId: string;
  readonly direction: 'to-device' | 'from-device';
  readonly purpose: PlatformCallPurpose;
  readonly number: string;
  readonly sipUser: string;
  readonly state: 'ringing' | 'active' | 'ended';
  readonly answered: boolean;
  readonly holds: number;
  readonly unholds: number;
  readonly dtmf: string;
  readonly referTo: string | null;
  /** JsSIP's cause once ended (`Terminated`, `Rejected`, `Canceled`...), else `active`. */
  readonly endCause: string;
  /** The final SIP status of a call that never connected (603, 486, 487...), else null. */
  readonly endStatus: number | null;
  /** Who ended it: `local` = the platform, `remote` = the device. */
  readonly endedBy: 'local' | 'remote' | 'system' | null;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly receivedLevel: AudioLevel;
  /** The tone the platform sends on this call now (Hz; 0 = silence; a DTMF digit changes it). */
  readonly toneHz: number;
  /** Headers of the INVITE the platform sent that mark a click-to-call (Call-Info, Alert-Info, X-AntBuddy-ClickToCall). */
  readonly markerHeaders: readonly string[];
  readonly signalsCallId: string | null;
  readonly startedAtMs: number;
}

const MARKER_HEADERS = ['Call-Info', 'Alert-Info', 'X-AntBuddy-ClickToCall'];
const MAX_CALLS = 200;

export class PlatformCallLog {
  private readonly entries: { readonly call: PhoneCall; meta: PlatformCallMeta }[] = [];

  add(call: PhoneCall, meta: PlatformCallMeta): void {
    this.entries.unshift({ call, meta });
    if (this.entries.length > MAX_CALLS) this.entries.length = MAX_CALLS;
  }

  /** Newest first. */
  list(): PlatformCallView[] {
    return this.entries.map(({ call, meta }) => view(call, meta));
  }

  find(callId: string): PhoneCall | undefined {
    return this.entries.find((entry) => entry.call.sipCallId === callId)?.call;
  }
}

function view(call: PhoneCall, meta: PlatformCallMeta): PlatformCallView {
  const state = call.state;
  const end = state.kind === 'ended' ? state.end : undefined;
  const bytes = call.stats();
  return {
    callId: call.sipCallId,
    direction: call.direction === 'outgoing' ? 'to-device' : 'from-device',
    purpose: meta.purpose,
    number: meta.number,
    sipUser: meta.sipUser,
    state: state.kind,
    answered: call.answered,
    holds: call.holdsReceived,
    unholds: call.unholdsReceived,
    dtmf: call.dtmfReceived,
    referTo: call.refersReceived[0]?.targetUser ?? null,
    endCause: end?.cause ?? 'active',
    endStatus: end?.status ?? null,
    endedBy: end?.originator ?? null,
    bytesSent: bytes.bytesSent,
    bytesReceived: bytes.bytesReceived,
    receivedLevel: state.kind === 'active' ? call.receivedLevel() : { peak: 0, rms: 0 },
    toneHz: state.kind === 'active' ? call.toneHzNow : 0,
    markerHeaders:
      call.direction === 'outgoing'
        ? MARKER_HEADERS.flatMap((name) => call.header(name).map((value) => `${name}: ${value}`))
        : [],
    signalsCallId: meta.signalsCallId,
    startedAtMs: meta.startedAtMs,
  };
}
