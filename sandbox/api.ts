import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { SandboxState } from './state';
import { failure, json, readJsonBody, type Reply } from './http';
import { checkHistoryQuery, checkSignature, requireParams } from './validation';
import { buildDashboard } from './dashboard';
import { RECORDINGS_PATH, checkRecordingAccess, signRecordingUrl } from './recordings';
import { recordingWav } from './wav';
import { RECORDING_NAME } from './records';
import { parseByteRange } from './byte-range';

/** The seven AntBuddy Open API endpoints, plus the signed recording files they point to. */

export interface ApiContext {
  readonly state: SandboxState;
  /** Base URL of this server, for signed recording URLs. */
  readonly apiUrl: () => string;
  readonly recordingUrlTtlSeconds: number;
  readonly historyShape: 'object' | 'array';
}

const clickToCallBody = z.object({ sipUser: z.string().min(1), sipPassword: z.string().min(1) });
/** A dialable number: digits with an optional leading +, or an extension. */
const DIALABLE = /^\+?\d{2,15}$/;

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Endpoints 1 and 2 sign with headers: x-auth-app-id, x-auth-app-hash = sha256(appId + appSecret). */
function checkHeaderAuth(ctx: ApiContext, req: IncomingMessage): Reply | undefined {
  const appId = headerValue(req, 'x-auth-app-id');
  if (appId === undefined) return failure(400, 'Missing header: x-auth-app-id');
  const hash = headerValue(req, 'x-auth-app-hash');
  if (hash === undefined) return failure(400, 'Missing header: x-auth-app-hash');
  const signed = checkSignature(ctx.state, appId, [appId], hash);
  return signed.ok ? undefined : failure(400, signed.message);
}

function authToken(ctx: ApiContext, req: IncomingMessage): Reply {
  const denied = checkHeaderAuth(ctx, req);
  if (denied) return denied;
  const token = ctx.state.tokens.issue();
  // `expire` is unix seconds: the document leaves the unit open, this is the sandbox's choice.
  return json(200, { value: token.value, expire: Math.floor(token.expiresAtMs / 1000) });
}

async function clickToCall(ctx: ApiContext, req: IncomingMessage, rawNumber: string): Promise<Reply> {
  const denied = checkHeaderAuth(ctx, req);
  if (denied) return denied;
  const body = await readJsonBody(req);
  if (!body.ok) return failure(400, body.message);
  const parsed = clickToCallBody.safeParse(body.value);
  if (!parsed.success) return failure(400, 'Body must be JSON { sipUser, sipPassword }');
  let number: string;
  try {
    number = decodeURIComponent(rawNumber);
  } catch {
    return failure(400, 'Invalid number');
  }
  if (!DIALABLE.test(number)) return failure(400, 'Invalid number');
  const agent = ctx.state.agentBySipUser(parsed.data.sipUser);
  if (!agent || agent.sipPassword !== parsed.data.sipPassword) return failure(400, 'Invalid SIP device or password');
  if (!(await ctx.state.devices.isRegistered(agent.sipUser))) {
    return failure(400, `Device offline: ${agent.sipUser} is not registered`);
  }
  ctx.state.notifyClickToCall({ agent, number, atMs: ctx.state.now() });
  return json(200, { message: 'Click to call successful' });
}

function histories(ctx: ApiContext, params: URLSearchParams): Reply {
  const checked = checkHistoryQuery(ctx.state, params);
  if (!checked.ok) return failure(400, checked.message);
  const { fromMs, toMs, limit, page } = checked.value;
  const all = ctx.state.history.query(fromMs, toMs);
  const data = all.slice((page - 1) * limit, page * limit);
  return json(200, ctx.historyShape === 'array' ? data : { data, page, limit, total: all.length });
}

function playRecording(ctx: ApiContext, params: URLSearchParams): Reply {
  const required = requireParams(params, ['appId', 'media', 'hash']);
  if (!required.ok) return failure(400, required.message);
  const { appId, media, hash } = required.value;
  const signed = checkSignature(ctx.state, appId, [appId, media], hash);
  if (!signed.ok) return failure(400, signed.message);
  if (!ctx.state.history.hasRecording(media)) return failure(400, 'Recording not found');
  const expires = Math.floor(ctx.state.now() / 1000) + ctx.recordingUrlTtlSeconds;
  return json(200, { media: signRecordingUrl(ctx.apiUrl(), ctx.state.urlSigningKey, media, expires) });
}

/** Endpoints 5–7: hash = sha256(appId + domain + email + appSecret), and the company must match. */
function companyQuery(ctx: ApiContext, params: URLSearchParams, answer: () => unknown): Reply {
  const required = requireParams(params, ['appId', 'domain', 'email', 'hash']);
  if (!required.ok) return failure(400, required.message);
  const { appId, domain, email, hash } = required.value;
  const signed = checkSignature(ctx.state, appId, [appId, domain, email], hash);
  if (!signed.ok) return failure(400, signed.message);
  if (domain.toLowerCase() !== ctx.state.domain) return failure(400, 'Unknown domain');
  if (email.toLowerCase() !== ctx.state.email) return failure(400, 'Unknown email for this domain');
  return json(200, answer());
}

function recordingFile(
  ctx: ApiContext,
  encodedName: string,
  params: URLSearchParams,
  rangeHeader: string | undefined,
): Reply {
  let name: string;
  try {
    name = decodeURIComponent(encodedName);
  } catch {
    return failure(404, 'Not found');
  }
  const access = checkRecordingAccess(ctx.state.urlSigningKey, name, params, ctx.state.now());
  if (access === 'expired') return failure(403, 'Request has expired');
  if (access === 'bad_signature') return failure(403, 'Signature does not match');
  if (!RECORDING_NAME.test(name) || !ctx.state.history.hasRecording(name)) return failure(404, 'Not found');
  const wav = recordingWav(name);
  // Like S3: byte ranges, so a browser can seek in what it streams.
  const range = parseByteRange(rangeHeader, wav.length);
  if (range.kind === 'unsatisfiable') {
    return failure(416, 'Range not satisfiable', {
      'content-range': `bytes */${wav.length}`,
      'accept-ranges': 'bytes',
    });
  }
  if (range.kind === 'part') {
    return {
      kind: 'bytes',
      status: 206,
      contentType: 'audio/wav',
      body: wav.subarray(range.start, range.end + 1),
      headers: { 'content-range': `bytes ${range.start}-${range.end}/${wav.length}`, 'accept-ranges': 'bytes' },
    };
  }
  return { kind: 'bytes', status: 200, contentType: 'audio/wav', body: wav, headers: { 'accept-ranges': 'bytes' } };
}

/** Routes one API request; undefined when no route matches the path. */
export async function routeApi(ctx: ApiContext, req: IncomingMessage, url: URL): Promise<Reply | undefined> {
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const params = url.searchParams;
  const expect = (wanted: string, handle: () => Reply | Promise<Reply>): Reply | Promise<Reply> =>
    method === wanted ? handle() : failure(405, `Use ${wanted} for ${path}`, { allow: wanted });

  const clickPrefix = '/oapi/v1/call/click-to-call/';
  if (
    path.startsWith(clickPrefix) &&
    path.length > clickPrefix.length &&
    !path.slice(clickPrefix.length).includes('/')
  ) {
    return expect('POST', () => clickToCall(ctx, req, path.slice(clickPrefix.length)));
  }
  if (path.startsWith(RECORDINGS_PATH) && path.length > RECORDINGS_PATH.length) {
    return expect('GET', () =>
      recordingFile(ctx, path.slice(RECORDINGS_PATH.length), params, headerValue(req, 'range')),
    );
  }
  switch (path) {
    case '/oapi/v1/voice/auth_token':
      return expect('POST', () => authToken(ctx, req));
    case '/oapi/v1/call/histories':
      return expect('GET', () => histories(ctx, params));
    case '/oapi/v1/call/play_recording':
      return expect('GET', () => playRecording(ctx, params));
    case '/oapi/v1/call/dashboard':
      return expect('GET', () => companyQuery(ctx, params, () => buildDashboard(ctx.state, ctx.state.now())));
    case '/oapi/v1/queues':
      return expect('GET', () =>
        companyQuery(ctx, params, () =>
          ctx.state.queues.map((q) => ({ id: q.id, name: q.name, agents: [...q.agentIds] })),
        ),
      );
    case '/oapi/v1/agents':
      return expect('GET', () =>
        companyQuery(ctx, params, () =>
          ctx.state.agents.map((a) => ({
            anttel: { userId: a.id },
            username: a.username,
            name: a.name,
            ext: [...a.extensions],
          })),
        ),
      );
    default:
      return undefined;
  }
}
