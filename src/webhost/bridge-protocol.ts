import { z } from 'zod';
import type { AppError, AppResult } from '../shared/errors';
import type { EventName, EventPayload } from '../shared/contract';

/**
 * Frames on the web host's bridge socket. Both ends parse what they receive with these
 * schemas: the socket is a boundary like any other.
 */

export { BRIDGE_PATH, BRIDGE_SCRIPT_PATH } from './bridge-paths';
/** Upper bound for one frame; settings patches are a few KiB. */
export const MAX_FRAME_BYTES = 1024 * 1024;

export const RequestFrameSchema = z
  .object({
    kind: z.literal('request'),
    id: z.number().int().nonnegative(),
    name: z.string().min(1).max(100),
    input: z.unknown().optional(),
  })
  .strict();
export type RequestFrame = z.infer<typeof RequestFrameSchema>;

const AppErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  messageVi: z.string(),
  field: z.string().optional(),
  file: z.string().optional(),
  status: z.number().optional(),
});

const ResultSchema = z.union([
  // A request answering nothing (`ok(undefined)`) loses `value` in JSON: that is still a success.
  z.object({ ok: z.literal(true), value: z.unknown().optional() }),
  z.object({ ok: z.literal(false), error: AppErrorSchema }),
]);

export const HostFrameSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('response'),
    /** null when the request frame was too broken to carry a usable id. */
    id: z.number().int().nonnegative().nullable(),
    result: ResultSchema,
  }),
  z.object({ kind: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type HostFrame = z.infer<typeof HostFrameSchema>;

export interface ResponseFrame {
  readonly kind: 'response';
  readonly id: number | null;
  readonly result: AppResult<unknown>;
}

export interface EventFrame<E extends EventName = EventName> {
  readonly kind: 'event';
  readonly name: E;
  readonly payload: EventPayload<E>;
}

/** What the host answers when it refuses the socket before the WebSocket handshake. */
export interface RefusalBody {
  readonly ok: false;
  readonly error: AppError;
}
