import { randomBytes } from 'node:crypto';
import type { CallEventName } from './bindings';
import type { CallSignal } from './server';

/**
 * Builds call events the way Kazoo's ecallmgr publishes them, in Blackhole's normalised form
 * (keys lower-cased, `-` → `_`). The field list and meanings are in PROTOCOL.md.
 */

/** Seconds between 0000-01-01 (Gregorian, Erlang's calendar) and 1970-01-01. */
export const GREGORIAN_OFFSET_SECONDS = 62_167_219_200;

export function gregorianSeconds(unixMs: number): number {
  return Math.floor(unixMs / 1000) + GREGORIAN_OFFSET_SECONDS;
}

export const SWITCH_HOSTNAME = 'fs1.sandbox.antbuddy.local';
export const CARRIER_IP = '203.0.113.10';

/** One channel of a call, as the switch sees it. */
export interface Leg {
  readonly callId: string;
  /** From the switch's point of view: `inbound` = the channel came into the switch. */
  readonly direction: 'inbound' | 'outbound';
  readonly callerIdName: string;
  readonly callerIdNumber: string;
  readonly calleeIdName: string;
  readonly calleeIdNumber: string;
  readonly request: string;
  readonly to: string;
  readonly from: string;
  readonly presenceId: string;
  readonly customChannelVars: Readonly<Record<string, string>>;
  /** Set once the other leg exists (B: from creation; A: once B has been created). */
  otherLegCallId: string | undefined;
  /** Sandbox-clock unix ms. */
  createdAtMs: number | undefined;
  /** Sandbox-clock unix ms. */
  answeredAtMs: number | undefined;
}

/** How this call spells its numbers, fixed per call: the platform is not consistent. */
export interface NumberStyle {
  readonly durationsAsStrings: boolean;
  readonly timestampAsString: boolean;
}

export function numberStyleFor(callId: string): NumberStyle {
  const bits = Number.parseInt(callId.slice(0, 2), 16) || 0;
  return { durationsAsStrings: (bits & 1) === 1, timestampAsString: (bits & 6) === 6 };
}

export interface Hangup {
  readonly cause: string;
  readonly code: string;
  /** Sandbox-clock unix ms at which the channel was destroyed. */
  readonly atMs: number;
}

const CALL_STATE: Record<CallEventName, string> = {
  CHANNEL_CREATE: 'RINGING',
  CHANNEL_ANSWER: 'ACTIVE',
  CHANNEL_BRIDGE: 'ACTIVE',
  CHANNEL_HOLD: 'HELD',
  CHANNEL_UNHOLD: 'ACTIVE',
  CHANNEL_DESTROY: 'HANGUP',
  PARK_PARKED: 'HELD',
  PARK_RETRIEVED: 'ACTIVE',
  PARK_ABANDONED: 'HANGUP',
};

function maybeString(value: number, asString: boolean): number | string {
  return asString ? String(value) : value;
}

export interface EventInput {
  readonly leg: Leg;
  readonly name: CallEventName;
  /** Sandbox-clock unix ms of the event. */
  readonly atMs: number;
  readonly style: NumberStyle;
  readonly hangup?: Hangup;
}

export function channelEvent(input: EventInput): CallSignal {
  const { leg, name, atMs, style } = input;
  const data: Record<string, unknown> = {
    call_id: leg.callId,
    call_direction: leg.direction,
    caller_id_name: leg.callerIdName,
    caller_id_number: leg.callerIdNumber,
    callee_id_name: leg.calleeIdName,
    callee_id_number: leg.calleeIdNumber,
    request: leg.request,
    to: leg.to,
    from: leg.from,
    presence_id: leg.presenceId,
    timestamp: maybeString(gregorianSeconds(atMs), style.timestampAsString),
    event_name: name,
    event_category: 'call_event',
    channel_call_state: CALL_STATE[name],
    channel_answer_state: leg.answeredAtMs === undefined ? 'ringing' : 'answered',
    channel_created_time: (leg.createdAtMs ?? atMs) * 1000,
    custom_channel_vars: { ...leg.customChannelVars },
    msg_id: randomBytes(16).toString('hex'),
    app_name: 'ecallmgr',
    app_version: '4.3.0',
    node: `ecallmgr@${SWITCH_HOSTNAME}`,
    switch_hostname: SWITCH_HOSTNAME,
  };
  if (leg.otherLegCallId !== undefined) data['other_leg_call_id'] = leg.otherLegCallId;
  if (name === 'CHANNEL_DESTROY' && input.hangup) {
    const created = leg.createdAtMs ?? input.hangup.atMs;
    const end = input.hangup.atMs;
    const seconds = (ms: number): number => Math.max(0, Math.round(ms / 1000));
    const answered = leg.answeredAtMs;
    data['hangup_cause'] = input.hangup.cause;
    data['hangup_code'] = input.hangup.code;
    data['duration_seconds'] = maybeString(seconds(end - created), style.durationsAsStrings);
    data['billing_seconds'] = maybeString(
      answered === undefined ? 0 : seconds(end - answered),
      style.durationsAsStrings,
    );
    data['ringing_seconds'] = maybeString(seconds((answered ?? end) - created), style.durationsAsStrings);
    data['disposition'] = answered === undefined ? input.hangup.cause : 'ANSWER';
  }
  return { name, callId: leg.callId, data };
}
