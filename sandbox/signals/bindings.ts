/**
 * Blackhole call bindings, read from Kazoo's bh_call / bh_events: a client binds
 * `call.<EVENT>.<CALL_ID>` where EVENT and CALL_ID may each be `*`; the server subscribes the
 * AMQP key `call.<ACCOUNT_ID>.<EVENT>.<CALL_ID>` (one per event when EVENT is `*`).
 */

export const CALL_EVENT_NAMES = [
  'CHANNEL_CREATE',
  'CHANNEL_ANSWER',
  'CHANNEL_DESTROY',
  'CHANNEL_HOLD',
  'CHANNEL_UNHOLD',
  'CHANNEL_BRIDGE',
  'PARK_PARKED',
  'PARK_RETRIEVED',
  'PARK_ABANDONED',
] as const;
export type CallEventName = (typeof CALL_EVENT_NAMES)[number];

export function isCallEventName(value: string): value is CallEventName {
  return (CALL_EVENT_NAMES as readonly string[]).includes(value);
}

export interface CallBinding {
  /** What the client sent, e.g. `call.*.*`: the event's `subscribed_key`. */
  readonly requested: string;
  readonly event: CallEventName | '*';
  readonly callId: string;
}

export type BindingCheck =
  { readonly ok: true; readonly binding: CallBinding } | { readonly ok: false; readonly error: string };

export const NO_SUBSCRIPTION = 'no available subscriptions to requested binding';

/** Checks a client binding the way Blackhole does; the error strings are Blackhole's. */
export function checkBinding(requested: string): BindingCheck {
  const [key, ...keys] = requested.split('.');
  // Only call events exist here (no acdc_stats, conference, fax, object...): like a Blackhole
  // with just bh_call loaded, which answers every other key with "no available subscriptions".
  if (key !== 'call') return { ok: false, error: NO_SUBSCRIPTION };
  const [event, callId] = keys;
  if (keys.length !== 2 || event === undefined || callId === undefined || event === '' || callId === '') {
    return { ok: false, error: `invalid format for call subscription : ${keys.join(', ')}` };
  }
  if (event !== '*' && !isCallEventName(event)) return { ok: false, error: `event ${event} not supported` };
  return { ok: true, binding: { requested, event, callId } };
}

/** The AMQP-side key an event reached this binding through (`subscription_key`). */
export function subscriptionKey(accountId: string, binding: CallBinding, event: CallEventName): string {
  return `call.${accountId}.${binding.event === '*' ? event : binding.event}.${binding.callId}`;
}

/** The event's own routing key (`routing_key`). */
export function routingKey(accountId: string, event: CallEventName, callId: string): string {
  return `call.${accountId}.${event}.${callId}`;
}

export function bindingMatches(binding: CallBinding, event: CallEventName, callId: string): boolean {
  return (binding.event === '*' || binding.event === event) && (binding.callId === '*' || binding.callId === callId);
}
