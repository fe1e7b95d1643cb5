import type { z } from 'zod';
import type { AppResult } from '../../../shared/errors';
import { err, ok } from '../../../shared/result';
import { malformed, notRegistered } from './api-errors';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { parseExpire } from './expire';
import { requestJson, type HttpDeps, type JsonResponse, type RequestSpec } from './http';
import { noopLogger, type Logger } from './logger';
import { findArray, parseEach, parseWith } from './parse-response';
import { RecordingUrlCache } from './recording-cache';
import { recordingExpiresAt } from './recording-expiry';
import {
  AgentSchema,
  AuthTokenResponseSchema,
  CallRecordSchema,
  DashboardSchema,
  QueueSchema,
  RecordingResponseSchema,
} from './schemas';
import { agentsHash, appHeaderHash, dashboardHash, historyHash, queuesHash, recordingHash } from './signing';
import type {
  Agent,
  ApiConfig,
  AuthToken,
  Dashboard,
  HistoryPage,
  HistoryQuery,
  Queue,
  RecordingUrl,
  SipDevice,
} from './types';
import {
  checkCompanyCredentials,
  checkCredentials,
  checkDialNumber,
  checkHistoryQuery,
  checkMedia,
  checkSipDevice,
  endpointUrl,
  type CompanyCredentials,
} from './validate';

export interface AntBuddyClientDeps {
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1): the jitter source. */
  readonly random?: () => number;
  /** Epoch milliseconds: for Retry-After dates, token lifetimes and recording expiry. */
  readonly now?: () => number;
  readonly log?: Logger;
  /** Per attempt, covering headers and body. Default 15 000. */
  readonly timeoutMs?: number;
  /** Retries after the first attempt. Default 3. */
  readonly maxRetries?: number;
  readonly backoff?: BackoffPolicy;
  /** Retry-After values above this are not waited out. Default 30 000. */
  readonly maxRetryAfterMs?: number;
}

export interface AntBuddyClient {
  /**
   * POST /oapi/v1/voice/auth_token: the token for the call-signal websocket. `retry: 'none'`
   * makes a single request, for a caller that paces its own retries.
   */
  getAuthToken(options?: { readonly retry?: 'none' }): Promise<AppResult<AuthToken>>;
  /** POST /oapi/v1/call/click-to-call/:number: rings `device`, then connects it to `number`. */
  clickToCall(number: string, device: SipDevice): Promise<AppResult<void>>;
  /** GET /oapi/v1/call/histories: one page of one window of at most 31 days. */
  getHistoryPage(query: HistoryQuery): Promise<AppResult<HistoryPage>>;
  /**
   * GET /oapi/v1/call/play_recording: a short-lived signed URL, reused only while valid.
   * `fresh` skips the reuse: for a URL the media server refused although it looked valid here.
   */
  getRecordingUrl(media: string, options?: { readonly fresh?: boolean }): Promise<AppResult<RecordingUrl>>;
  /** GET /oapi/v1/call/dashboard */
  getDashboard(): Promise<AppResult<Dashboard>>;
  /** GET /oapi/v1/queues */
  getQueues(): Promise<AppResult<Queue[]>>;
  /** GET /oapi/v1/agents */
  getAgents(): Promise<AppResult<Agent[]>>;
}

const ROUTES = {
  authToken: '/oapi/v1/voice/auth_token',
  clickToCall: '/oapi/v1/call/click-to-call/:number',
  histories: '/oapi/v1/call/histories',
  playRecording: '/oapi/v1/call/play_recording',
  dashboard: '/oapi/v1/call/dashboard',
  queues: '/oapi/v1/queues',
  agents: '/oapi/v1/agents',
} as const;

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The AntBuddy Open API, signed and typed. `config` may be a getter so that settings saved
 * while the app runs apply to the next request without rebuilding the client.
 */
export function createAntBuddyClient(
  config: ApiConfig | (() => ApiConfig),
  deps: AntBuddyClientDeps = {},
): AntBuddyClient {
  const getConfig = typeof config === 'function' ? config : () => config;
  const now = deps.now ?? Date.now;
  const http: HttpDeps = {
    fetch: deps.fetch ?? globalThis.fetch,
    sleep: deps.sleep ?? defaultSleep,
    random: deps.random ?? Math.random,
    now,
    log: deps.log ?? noopLogger,
    timeoutMs: deps.timeoutMs ?? 15_000,
    maxRetries: deps.maxRetries ?? 3,
    backoff: deps.backoff ?? DEFAULT_BACKOFF,
    maxRetryAfterMs: deps.maxRetryAfterMs ?? 30_000,
  };
  const recordings = new RecordingUrlCache(now);

  const send = (spec: RequestSpec): Promise<AppResult<JsonResponse>> => requestJson(spec, http);

  async function getAuthToken(options: { readonly retry?: 'none' } = {}): Promise<AppResult<AuthToken>> {
    const creds = checkCredentials(getConfig());
    if (!creds.ok) return creds;
    const { base, appId, appSecret } = creds.value;
    const response = await send({
      endpoint: 'auth_token',
      route: ROUTES.authToken,
      method: 'POST',
      url: endpointUrl(base, ROUTES.authToken),
      headers: { 'x-auth-app-id': appId, 'x-auth-app-hash': appHeaderHash(appId, appSecret) },
      retry: options.retry ?? 'all',
      secrets: [appSecret],
    });
    if (!response.ok) return response;
    const parsed = parseWith(AuthTokenResponseSchema, response.value.body, 'auth_token');
    if (!parsed.ok) return parsed;
    const expire = parseExpire(parsed.value.expire, now());
    if (!expire) return err(malformed('auth_token', 'expire', 'not a time or lifetime'));
    return ok({ token: parsed.value.value, expire: parsed.value.expire, expiresAt: expire.expiresAt });
  }

  async function clickToCall(number: string, device: SipDevice): Promise<AppResult<void>> {
    const creds = checkCredentials(getConfig());
    if (!creds.ok) return creds;
    const dial = checkDialNumber(number);
    if (!dial.ok) return dial;
    const sip = checkSipDevice(device);
    if (!sip.ok) return sip;
    const { base, appId, appSecret } = creds.value;
    const response = await send({
      endpoint: 'click-to-call',
      route: ROUTES.clickToCall,
      method: 'POST',
      url: endpointUrl(base, `/oapi/v1/call/click-to-call/${encodeURIComponent(dial.value)}`),
      headers: { 'x-auth-app-id': appId, 'x-auth-app-hash': appHeaderHash(appId, appSecret) },
      body: { sipUser: sip.value.sipUser, sipPassword: sip.value.sipPassword },
      // Placing a call is a side effect: resending after a 500 or a timeout could ring twice.
      retry: 'unprocessed',
      on400: notRegistered,
      secrets: [appSecret, sip.value.sipPassword],
    });
    return response.ok ? ok(undefined) : response;
  }

  async function getHistoryPage(query: HistoryQuery): Promise<AppResult<HistoryPage>> {
    const creds = checkCredentials(getConfig());
    if (!creds.ok) return creds;
    const checked = checkHistoryQuery(query);
    if (!checked.ok) return checked;
    const { base, appId, appSecret } = creds.value;
    const createdFrom = query.from.toISOString();
    const createdTo = query.to.toISOString();
    const url = endpointUrl(base, ROUTES.histories);
    url.search = new URLSearchParams({
      appId,
      created_from: createdFrom,
      created_to: createdTo,
      limit: String(query.limit),
      page: String(query.page),
      hash: historyHash({ createdFrom, createdTo, limit: query.limit, page: query.page, appId, appSecret }),
    }).toString();
    const response = await send({
      endpoint: 'histories',
      route: ROUTES.histories,
      method: 'GET',
      url,
      retry: 'all',
      secrets: [appSecret],
    });
    if (!response.ok) return response;
    const found = findArray(response.value.body);
    if (!found) return err(malformed('histories', '(body)', 'expected a list of calls'));
    const records = parseEach(CallRecordSchema, found.items, 'histories', found.path);
    if (!records.ok) return records;
    return ok({ records: records.value, page: query.page, limit: query.limit });
  }

  async function getRecordingUrl(
    media: string,
    options: { readonly fresh?: boolean } = {},
  ): Promise<AppResult<RecordingUrl>> {
    const creds = checkCredentials(getConfig());
    if (!creds.ok) return creds;
    const checked = checkMedia(media);
    if (!checked.ok) return checked;
    const { base, appId, appSecret } = creds.value;
    const cacheKey = JSON.stringify([base.href, appId, media]);
    const cached = options.fresh ? undefined : recordings.get(cacheKey);
    if (cached) return ok(cached);
    const url = endpointUrl(base, ROUTES.playRecording);
    url.search = new URLSearchParams({ appId, media, hash: recordingHash(appId, media, appSecret) }).toString();
    const response = await send({
      endpoint: 'play_recording',
      route: ROUTES.playRecording,
      method: 'GET',
      url,
      retry: 'all',
      secrets: [appSecret],
    });
    if (!response.ok) return response;
    const parsed = parseWith(RecordingResponseSchema, response.value.body, 'play_recording');
    if (!parsed.ok) return parsed;
    const expiresAt = recordingExpiresAt(parsed.value.media);
    const result: RecordingUrl = expiresAt ? { url: parsed.value.media, expiresAt } : { url: parsed.value.media };
    recordings.set(cacheKey, result);
    return ok(result);
  }

  function companyUrl(creds: CompanyCredentials, path: string, hash: string): URL {
    const url = endpointUrl(creds.base, path);
    url.search = new URLSearchParams({ appId: creds.appId, domain: creds.domain, email: creds.email, hash }).toString();
    return url;
  }

  async function getCompany(
    endpoint: string,
    route: string,
    sign: (appId: string, domain: string, email: string, appSecret: string) => string,
  ): Promise<AppResult<unknown>> {
    const creds = checkCompanyCredentials(getConfig());
    if (!creds.ok) return creds;
    const { appId, domain, email, appSecret } = creds.value;
    const response = await send({
      endpoint,
      route,
      method: 'GET',
      url: companyUrl(creds.value, route, sign(appId, domain, email, appSecret)),
      retry: 'all',
      secrets: [appSecret],
    });
    return response.ok ? ok(response.value.body) : response;
  }

  async function getDashboard(): Promise<AppResult<Dashboard>> {
    const body = await getCompany('dashboard', ROUTES.dashboard, dashboardHash);
    if (!body.ok) return body;
    const { value, path } = unwrapData(body.value, 'agent');
    return parseWith(DashboardSchema, value, 'dashboard', path);
  }

  async function getQueues(): Promise<AppResult<Queue[]>> {
    const body = await getCompany('queues', ROUTES.queues, queuesHash);
    if (!body.ok) return body;
    return parseList(body.value, QueueSchema, 'queues');
  }

  async function getAgents(): Promise<AppResult<Agent[]>> {
    const body = await getCompany('agents', ROUTES.agents, agentsHash);
    if (!body.ok) return body;
    return parseList(body.value, AgentSchema, 'agents');
  }

  return { getAuthToken, clickToCall, getHistoryPage, getRecordingUrl, getDashboard, getQueues, getAgents };
}

function parseList<S extends z.ZodType>(body: unknown, schema: S, endpoint: string): AppResult<z.output<S>[]> {
  const found = findArray(body);
  if (!found) return err(malformed(endpoint, '(body)', `expected a list of ${endpoint}`));
  return parseEach(schema, found.items, endpoint, found.path);
}

/** The dashboard is documented bare (`{agent, queue}`); also accept it inside a `data` envelope. */
function unwrapData(body: unknown, marker: string): { value: unknown; path: string[] } {
  if (typeof body === 'object' && body !== null && !(marker in body)) {
    const data = (body as Record<string, unknown>)['data'];
    if (typeof data === 'object' && data !== null && marker in data) return { value: data, path: ['data'] };
  }
  return { value: body, path: [] };
}
