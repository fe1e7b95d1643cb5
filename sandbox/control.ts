import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { SandboxState } from './state';
import type { RequestLog } from './request-log';
import { faultRequestSchema, type FaultControls } from './faults';
import { failure, json, readJsonBody, type Reply } from './http';

/**
 * Test controls under /__sandbox (loopback only, never logged): request log, faults,
 * device registration, token expiry, and the seeded agents' SIP credentials.
 */

export const CONTROL_PREFIX = '/__sandbox';

export interface ControlContext {
  readonly state: SandboxState;
  readonly log: RequestLog;
  readonly faults: FaultControls;
}

const deviceBody = z.object({ registered: z.boolean() }).strict();

async function parseBody<T>(
  req: IncomingMessage,
  schema: z.ZodType<T>,
): Promise<{ ok: true; value: T } | { ok: false; reply: Reply }> {
  const body = await readJsonBody(req);
  if (!body.ok) return { ok: false, reply: failure(400, body.message) };
  const parsed = schema.safeParse(body.value ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, reply: failure(400, `Invalid body${where}: ${issue?.message ?? 'unknown problem'}`) };
  }
  return { ok: true, value: parsed.data };
}

export async function routeControl(ctx: ControlContext, req: IncomingMessage, path: string): Promise<Reply> {
  const method = req.method ?? 'GET';
  const route = `${method} ${path.slice(CONTROL_PREFIX.length) || '/'}`;

  if (route === 'GET /requests') return json(200, { requests: ctx.log.entries });
  if (route === 'DELETE /requests') return json(200, { cleared: ctx.log.clear() });
  if (route === 'GET /faults') return json(200, ctx.faults.snapshot());
  if (route === 'POST /faults') {
    const body = await parseBody(req, faultRequestSchema);
    if (!body.ok) return body.reply;
    ctx.faults.apply(body.value);
    return json(200, ctx.faults.snapshot());
  }
  if (route === 'DELETE /faults') {
    ctx.faults.clear();
    return json(200, ctx.faults.snapshot());
  }
  if (route === 'POST /tokens/expire') {
    ctx.state.tokens.expireAll();
    return json(200, { expired: ctx.state.tokens.issuedCount });
  }
  if (route === 'GET /agents') {
    return json(200, {
      agents: ctx.state.agents.map((a) => ({
        ...a,
        registeredOverride: ctx.state.devices.override(a.sipUser) ?? null,
      })),
    });
  }

  const device = /^(POST|DELETE) \/devices\/([^/]+)$/.exec(route);
  if (device) {
    const sipUser = device[2] ?? '';
    if (!ctx.state.agentBySipUser(sipUser)) return failure(404, 'Unknown SIP user');
    if (device[1] === 'DELETE') {
      ctx.state.devices.clear(sipUser);
      return json(200, { sipUser, registered: await ctx.state.devices.isRegistered(sipUser) });
    }
    const body = await parseBody(req, deviceBody);
    if (!body.ok) return body.reply;
    ctx.state.devices.set(sipUser, body.value.registered);
    return json(200, { sipUser, registered: body.value.registered });
  }
  return failure(404, 'Unknown sandbox control');
}
