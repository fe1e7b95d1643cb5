import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { failure, json, readJsonBody, type Reply } from '../http';
import type { CallSimulator, StartResult } from './call-simulator';
import { MALFORMED_FRAMES, type SignalsServer } from './server';

/**
 * Test controls for call signals, under the sandbox's control prefix (/__sandbox):
 *   POST /calls               start a call (body: call-spec.ts) → { callId, legs }: over real SIP
 *                             when it rings a registered device and the platform phone runs, else scripted
 *   GET  /calls               scripted calls still running
 *   GET  /signals             { signalsUrl, accepting, connections, frozen, ignoredWhileFrozen }
 *   POST /signals/drop        terminate every socket (no close frame)
 *   POST /signals/malformed   { count? } send malformed frames to every socket
 *   POST /signals/freeze      every open socket goes silent without closing (no events, replies, pongs)
 *   POST /signals/unfreeze    frozen sockets still open speak again
 *   POST /signals/stop        drop every socket and refuse new ones
 *   POST /signals/start       accept connections again
 */

export interface SignalsControlContext {
  readonly server: SignalsServer;
  readonly simulator: CallSimulator;
  /** Starts a call from untrusted input: live over SIP or scripted. */
  readonly placeCall: (input: unknown) => Promise<StartResult>;
  readonly signalsUrl: string;
}

const malformedBody = z.object({ count: z.number().int().min(1).max(100).optional() }).strict();

async function body(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; reply: Reply }> {
  const read = await readJsonBody(req);
  return read.ok ? { ok: true, value: read.value } : { ok: false, reply: failure(400, read.message) };
}

/** Answers a signals control route, or undefined when `path` (after the prefix) is not one. */
export async function routeSignalsControl(
  ctx: SignalsControlContext,
  req: IncomingMessage,
  path: string,
): Promise<Reply | undefined> {
  const route = `${req.method ?? 'GET'} ${path || '/'}`;
  switch (route) {
    case 'GET /calls':
      return json(200, { calls: ctx.simulator.active });
    case 'POST /calls': {
      const read = await body(req);
      if (!read.ok) return read.reply;
      if (read.value === undefined) return failure(400, 'Body must be a JSON call: { direction, from, to, ... }');
      const started = await ctx.placeCall(read.value);
      if (!started.ok) return failure(400, started.message);
      return json(200, { callId: started.call.callId, legs: started.call.legs });
    }
    case 'GET /signals':
      return json(200, {
        signalsUrl: ctx.signalsUrl,
        accepting: ctx.server.isAccepting,
        connections: ctx.server.connections,
        frozen: ctx.server.frozenConnections,
        ignoredWhileFrozen: ctx.server.ignoredWhileFrozen,
      });
    case 'POST /signals/drop':
      return json(200, { dropped: ctx.server.dropAll() });
    case 'POST /signals/malformed': {
      const read = await body(req);
      if (!read.ok) return read.reply;
      const parsed = malformedBody.safeParse(read.value ?? {});
      if (!parsed.success) return failure(400, 'Body must be { count?: 1..100 }');
      const sent = ctx.server.sendMalformed(parsed.data.count ?? 1);
      return json(200, { sent, kinds: MALFORMED_FRAMES.map((f) => f.kind) });
    }
    case 'POST /signals/freeze':
      return json(200, { frozen: ctx.server.freeze() });
    case 'POST /signals/unfreeze':
      return json(200, { unfrozen: ctx.server.unfreeze() });
    case 'POST /signals/stop':
      return json(200, { dropped: ctx.server.stop(), accepting: false });
    case 'POST /signals/start':
      ctx.server.start();
      return json(200, { accepting: true });
    default:
      return undefined;
  }
}
