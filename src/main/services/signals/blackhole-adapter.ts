import { z } from 'zod';
import type {
  ClassifiedFrame,
  EventMapping,
  OutgoingContext,
  PlatformCallEvent,
  PlatformEventKind,
  ReplyErrorKind,
  SignalProtocolAdapter,
} from './adapter';
import { MAX_SIGNAL_FRAME_BYTES } from './frame-limit';
import { platformTimeToMs, toFiniteNumber } from './time';

/**
 * Kazoo Blackhole (4.3 / 5.0) as documented in shared/reference/call-signals.md: JSON text
 * frames, one binding per subscribe, replies checked by `status` only, events whose `data`
 * keys are lower-cased with `-` turned into `_`.
 */

export const CALL_BINDINGS: readonly string[] = [
  'call.CHANNEL_CREATE.*',
  'call.CHANNEL_ANSWER.*',
  'call.CHANNEL_BRIDGE.*',
  'call.CHANNEL_DESTROY.*',
  'call.CHANNEL_HOLD.*',
  'call.CHANNEL_UNHOLD.*',
];

const EVENT_KINDS: Readonly<Record<string, PlatformEventKind>> = {
  CHANNEL_CREATE: 'create',
  CHANNEL_ANSWER: 'answer',
  CHANNEL_BRIDGE: 'bridge',
  CHANNEL_DESTROY: 'destroy',
  CHANNEL_HOLD: 'hold',
  CHANNEL_UNHOLD: 'unhold',
};

/** Frames larger than this are not parsed (the socket's own limit is the same: frame-limit.ts). */
const MAX_FRAME_CHARS = MAX_SIGNAL_FRAME_BYTES;
const MAX_TEXT = 256;

const text = z.union([z.string(), z.number().finite().transform(String)]).transform((s) => s.trim().slice(0, MAX_TEXT));
/** Kazoo timestamps are numbers, sometimes in strings; anything else is not a timestamp. */
const stamp = z.unknown().refine((v) => toFiniteNumber(v) !== undefined, 'expected a number');
const count = z.unknown().transform((v, ctx) => {
  const n = toFiniteNumber(v);
  if (n === undefined || n < 0) {
    ctx.addIssue({ code: 'custom', message: 'expected a non-negative number' });
    return z.NEVER;
  }
  return n;
});

function callDataSchema(lenient: boolean) {
  // Lenient: a bad optional field is dropped instead of losing the whole event.
  const opt = <T extends z.ZodType>(schema: T) => (lenient ? schema.optional().catch(undefined) : schema.optional());
  const ccv = z.looseObject({
    account_id: opt(text),
    owner_id: opt(text),
    authorizing_id: opt(text),
    authorizing_type: opt(text),
    username: opt(text),
    bridge_id: opt(text),
    did: opt(text),
    did_number: opt(text),
    inception: opt(text),
    queue_id: opt(text),
    queue_name: opt(text),
    queue: opt(text),
  });
  return z.looseObject({
    call_id: z.string().trim().min(1).max(512),
    other_leg_call_id: opt(text),
    call_direction: opt(text),
    caller_id_name: opt(text),
    caller_id_number: opt(text),
    callee_id_name: opt(text),
    callee_id_number: opt(text),
    timestamp: opt(stamp),
    request: opt(text),
    to: opt(text),
    from: opt(text),
    event_name: opt(text),
    bridge_id: opt(text),
    custom_channel_vars: lenient ? ccv.optional().catch(undefined) : ccv.optional(),
    hangup_cause: opt(text),
    duration_seconds: opt(count),
    billing_seconds: opt(count),
  });
}

const StrictCallData = callDataSchema(false);
const LenientCallData = callDataSchema(true);
type CallData = z.infer<typeof LenientCallData>;

const FrameHead = z.looseObject({ action: z.string() });
const ReplyFrame = z.looseObject({
  action: z.literal('reply'),
  request_id: z
    .union([z.string(), z.number().finite().transform(String)])
    .optional()
    .catch(undefined),
  status: z.enum(['success', 'error']),
  data: z.unknown().optional(),
});
const EventFrame = z.looseObject({
  action: z.literal('event'),
  name: z.string().optional().catch(undefined),
  data: z.unknown().optional(),
});

/** "8001@company.antbuddy.com", "sip:8001@host", "<sip:8001@host>" → "8001". */
export function userPart(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  const bare = uri.replace(/^<|>$/g, '').replace(/^sips?:/i, '');
  const user = bare.split('@')[0]?.trim();
  return user ? user : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value !== '' ? value : undefined;
}

function replyErrors(data: unknown): string[] {
  if (typeof data !== 'object' || data === null) return [];
  const errors = (data as { errors?: unknown }).errors;
  const list = Array.isArray(errors) ? errors : errors === undefined ? [] : [errors];
  return list.filter((e): e is string => typeof e === 'string').slice(0, 20);
}

function toEvent(kind: PlatformEventKind, d: CallData): PlatformCallEvent {
  const ccv = d.custom_channel_vars ?? {};
  const dir = d.call_direction?.toLowerCase();
  const atMs = platformTimeToMs(d.timestamp);
  const entries: [string, unknown][] = [
    ['otherLegId', nonEmpty(d.other_leg_call_id)],
    ['bridgeId', nonEmpty(d.bridge_id) ?? nonEmpty(ccv.bridge_id)],
    ['switchDirection', dir === 'inbound' || dir === 'outbound' ? dir : undefined],
    ['atMs', atMs],
    ['requestUser', userPart(d.request)],
    ['toUser', userPart(d.to)],
    ['fromUser', userPart(d.from)],
    ['authorizingType', nonEmpty(ccv.authorizing_type)?.toLowerCase()],
    ['ownerId', nonEmpty(ccv.owner_id)],
    ['username', nonEmpty(ccv.username)],
    ['accountId', nonEmpty(ccv.account_id)],
    ['did', nonEmpty(ccv.did) ?? nonEmpty(ccv.did_number) ?? userPart(nonEmpty(ccv.inception))],
    ['queue', nonEmpty(ccv.queue_name) ?? nonEmpty(ccv.queue) ?? nonEmpty(ccv.queue_id)],
    ['hangupCause', nonEmpty(d.hangup_cause)],
    ['durationSeconds', d.duration_seconds],
    ['billingSeconds', d.billing_seconds],
  ];
  const party = (number: string | undefined, name: string | undefined) => ({
    ...(nonEmpty(number) ? { number: number as string } : {}),
    ...(nonEmpty(name) ? { name: name as string } : {}),
  });
  return {
    kind,
    legId: d.call_id,
    caller: party(d.caller_id_number, d.caller_id_name),
    callee: party(d.callee_id_number, d.callee_id_name),
    ...Object.fromEntries(entries.filter(([, v]) => v !== undefined)),
  } as PlatformCallEvent;
}

/**
 * Frames shaped like a real call's, every field the parsers know filled, and one with bad
 * optional fields (the lenient path): they only ever pass through classify and toPlatformEvent.
 */
export const WARM_UP_FRAMES: readonly string[] = [
  JSON.stringify({ action: 'reply', request_id: 'warm-up', status: 'success', data: {} }),
  ...['CHANNEL_CREATE', 'CHANNEL_ANSWER', 'CHANNEL_DESTROY'].map((name) =>
    JSON.stringify({
      action: 'event',
      subscribed_key: `call.${name}.*`,
      name,
      data: {
        call_id: 'warm-up-leg',
        other_leg_call_id: 'warm-up-other-leg',
        call_direction: 'outbound',
        caller_id_name: 'Warm-up',
        caller_id_number: '0912345678',
        callee_id_name: 'Agent',
        callee_id_number: '8001',
        timestamp: 63_900_000_000,
        request: '8001@warm-up.invalid',
        to: '8001@warm-up.invalid',
        from: '0912345678@warm-up.invalid',
        event_name: name,
        bridge_id: 'warm-up-bridge',
        custom_channel_vars: {
          account_id: 'warm-up',
          owner_id: 'warm-up',
          authorizing_id: 'warm-up',
          authorizing_type: 'user',
          username: 'warm-up',
          bridge_id: 'warm-up-bridge',
          did: '02873019555',
          did_number: '02873019555',
          inception: '02873019555@warm-up.invalid',
          queue_id: 'warm-up',
          queue_name: 'Warm-up',
          queue: 'warm-up',
        },
        hangup_cause: 'NORMAL_CLEARING',
        duration_seconds: 1,
        billing_seconds: 1,
      },
    }),
  ),
  JSON.stringify({ action: 'event', name: 'CHANNEL_DESTROY', data: { call_id: 'warm-up-leg', duration_seconds: -1 } }),
];

export function createBlackholeAdapter(): SignalProtocolAdapter {
  let warm = false;
  const message = (action: string, ctx: { requestId: string; token?: string }, data: object): string =>
    JSON.stringify({ action, ...(ctx.token ? { auth_token: ctx.token } : {}), request_id: ctx.requestId, data });

  const adapter: SignalProtocolAdapter = {
    name: 'kazoo-blackhole',
    defaultBindings: CALL_BINDINGS,
    subscribe: (binding: string, ctx: OutgoingContext) =>
      message('subscribe', ctx, { account_id: ctx.accountId, binding }),
    unsubscribe: (binding: string, ctx: OutgoingContext) =>
      message('unsubscribe', ctx, { account_id: ctx.accountId, binding }),
    ping: (ctx) => message('ping', ctx, {}),

    classify(frame: string): ClassifiedFrame {
      if (frame.length > MAX_FRAME_CHARS) return { kind: 'unknown', reason: 'frame too large' };
      let json: unknown;
      try {
        json = JSON.parse(frame);
      } catch {
        return { kind: 'unknown', reason: 'not JSON' };
      }
      const head = FrameHead.safeParse(json);
      if (!head.success) return { kind: 'unknown', reason: 'not an object with an action' };
      if (head.data.action === 'reply') {
        const reply = ReplyFrame.safeParse(json);
        if (!reply.success) return { kind: 'unknown', reason: 'reply without a valid status' };
        return {
          kind: 'reply',
          ...(reply.data.request_id !== undefined ? { requestId: reply.data.request_id } : {}),
          status: reply.data.status,
          errors: reply.data.status === 'error' ? replyErrors(reply.data.data) : [],
        };
      }
      if (head.data.action === 'event') {
        const event = EventFrame.safeParse(json);
        if (!event.success) return { kind: 'unknown', reason: 'malformed event' };
        const fromData =
          typeof event.data.data === 'object' && event.data.data !== null
            ? (event.data.data as { event_name?: unknown }).event_name
            : undefined;
        const name = event.data.name ?? (typeof fromData === 'string' ? fromData : undefined);
        if (!name) return { kind: 'unknown', reason: 'event without a name' };
        return { kind: 'event', name, data: event.data.data };
      }
      return { kind: 'unknown', reason: `unknown action` };
    },

    toPlatformEvent(frame): EventMapping {
      const kind = EVENT_KINDS[frame.name.toUpperCase()];
      if (!kind) return { ok: false, ignorable: true, reason: `event ${frame.name.slice(0, 40)} not used` };
      const strict = StrictCallData.safeParse(frame.data);
      if (strict.success) return { ok: true, event: toEvent(kind, strict.data), droppedFields: [] };
      // A create starts a call (and a pop): one that fails validation in any field, an object
      // as the caller's number say, is no evidence of a real call, and dropping the bad field
      // would pop an "unknown caller" that nobody placed. Later events stay lenient: losing a
      // destroy over a bad hang-up cause would leave a call open forever.
      if (kind === 'create') {
        const where = strict.error.issues.map((i) => i.path.join('.') || '(data)').slice(0, 5);
        return { ok: false, ignorable: false, reason: `bad call event: ${where.join(', ')}` };
      }
      const lenient = LenientCallData.safeParse(frame.data);
      if (!lenient.success) {
        const where = lenient.error.issues.map((i) => i.path.join('.') || '(data)').slice(0, 5);
        return { ok: false, ignorable: false, reason: `bad call event: ${where.join(', ')}` };
      }
      const dropped = strict.error.issues.map((i) => i.path.join('.')).slice(0, 10);
      return { ok: true, event: toEvent(kind, lenient.data), droppedFields: dropped };
    },

    classifyReplyError(errors: readonly string[]): ReplyErrorKind {
      const all = errors.join(' | ').toLowerCase();
      if (all.includes('authenticate token') || all.includes('authentication token required')) return 'auth';
      if (all.includes('unauthorized account')) return 'account';
      if (all.includes('no available subscriptions')) return 'unavailable';
      if (all.includes('rate limit')) return 'rate_limited';
      return 'other';
    },

    warmUp() {
      if (warm) return;
      warm = true;
      for (const text of WARM_UP_FRAMES) {
        const frame = adapter.classify(text);
        if (frame.kind === 'event') adapter.toPlatformEvent(frame);
      }
    },
  };
  return adapter;
}
