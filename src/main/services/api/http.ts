import type { AppError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import { malformed, networkError, rateLimited, rejected, serverError, timeoutError, tooLarge } from './api-errors';
import { backoffDelayMs, parseRetryAfterMs, type BackoffPolicy } from './backoff';
import { MAX_RESPONSE_BYTES, readBodyText, type BodyText } from './bounded-body';
import type { Logger } from './logger';
import { hasControlCharacter } from './text';

export interface HttpDeps {
  readonly fetch: typeof fetch;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly now: () => number;
  readonly log: Logger;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly backoff: BackoffPolicy;
  /** A Retry-After longer than this is not waited out: the caller gets the error instead. */
  readonly maxRetryAfterMs: number;
}

/**
 * Which failures may be sent again. `all`: 5xx, 429/503, network errors and timeouts.
 * `unprocessed`: only answers proving the server did not act (429/503), for requests with
 * side effects such as placing a call, where a retry after a 500 or a timeout could ring twice.
 * `none`: one request, whatever happens, for a caller that paces its own retries (the call
 * signals' token keeper): retries stacked on its backoff would multiply its rate in an outage.
 */
export type RetryMode = 'all' | 'unprocessed' | 'none';

export interface RequestSpec {
  /** Human name of the endpoint, used in messages. */
  readonly endpoint: string;
  /** Route template for logs: never the real path or query, which hold numbers and hashes. */
  readonly route: string;
  readonly method: 'GET' | 'POST';
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly retry: RetryMode;
  /** Endpoint-specific meaning of a 400 (click-to-call: the device is not registered). */
  readonly on400?: (status: number) => AppError;
  /** Values that must never be echoed back in an error, even if the server quotes them. */
  readonly secrets: readonly string[];
}

export interface JsonResponse {
  readonly status: number;
  /** Parsed JSON; undefined for an empty body. */
  readonly body: unknown;
}

type Attempt =
  | { readonly kind: 'final'; readonly result: Result<JsonResponse, AppError> }
  | { readonly kind: 'retryable'; readonly error: AppError; readonly retryAfterMs?: number };

export async function requestJson(spec: RequestSpec, deps: HttpDeps): Promise<Result<JsonResponse, AppError>> {
  for (let attempt = 0; ; attempt++) {
    const outcome = await attemptOnce(spec, deps, attempt);
    if (outcome.kind === 'final') return outcome.result;
    if (spec.retry === 'none' || attempt >= deps.maxRetries) return err(withRetryAfter(outcome));
    if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > deps.maxRetryAfterMs)
      return err(withRetryAfter(outcome));
    const delay = outcome.retryAfterMs ?? backoffDelayMs(attempt, deps.random, deps.backoff);
    deps.log.warn('AntBuddy request will be retried', {
      method: spec.method,
      route: spec.route,
      code: outcome.error.code,
      status: outcome.error.status,
      retry: attempt + 1,
      delayMs: delay,
    });
    await deps.sleep(delay);
  }
}

/** The error a caller gets when no retry follows: with the server's Retry-After, so it can pace itself. */
function withRetryAfter(outcome: Extract<Attempt, { kind: 'retryable' }>): AppError {
  return outcome.retryAfterMs === undefined ? outcome.error : { ...outcome.error, retryAfterMs: outcome.retryAfterMs };
}

async function attemptOnce(spec: RequestSpec, deps: HttpDeps, attempt: number): Promise<Attempt> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs);
  let status: number;
  let body: BodyText;
  let retryAfter: string | null;
  try {
    const response = await deps.fetch(spec.url, {
      method: spec.method,
      headers: {
        accept: 'application/json',
        ...(spec.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...spec.headers,
      },
      ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
      // A redirect would replay the signed headers to wherever it points.
      redirect: 'manual',
      signal: controller.signal,
    });
    status = response.status;
    retryAfter = response.headers.get('retry-after');
    // The timer still runs: a server that sends headers and then stalls is a timeout too.
    body = await readBodyText(response, MAX_RESPONSE_BYTES);
  } catch {
    // The cause may quote the URL (and with it the hash): it is deliberately dropped.
    const error = controller.signal.aborted ? timeoutError(spec.endpoint, deps.timeoutMs) : networkError(spec.endpoint);
    deps.log.warn('AntBuddy request failed', { method: spec.method, route: spec.route, code: error.code, attempt });
    return spec.retry === 'all' ? { kind: 'retryable', error } : { kind: 'final', result: err(error) };
  } finally {
    clearTimeout(timer);
  }

  deps.log.debug('AntBuddy response', { method: spec.method, route: spec.route, status, attempt });

  if (status >= 200 && status < 300) {
    // Not retried: the same request would get the same oversized answer.
    if (body.kind === 'too-large') return { kind: 'final', result: err(tooLarge(spec.endpoint, status)) };
    const text = body.text;
    if (text.trim() === '') return { kind: 'final', result: ok({ status, body: undefined }) };
    try {
      return { kind: 'final', result: ok({ status, body: JSON.parse(text) as unknown }) };
    } catch {
      return { kind: 'final', result: err(malformed(spec.endpoint, '(body)', 'not valid JSON', status)) };
    }
  }

  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfterMs(retryAfter, deps.now());
    return {
      kind: 'retryable',
      error: rateLimited(spec.endpoint, status),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
  if (status >= 500) {
    const error = serverError(spec.endpoint, status);
    if (spec.retry !== 'all') return { kind: 'final', result: err(error) };
    const retryAfterMs = parseRetryAfterMs(retryAfter, deps.now());
    return { kind: 'retryable', error, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  if (status === 400 && spec.on400) return { kind: 'final', result: err(spec.on400(status)) };
  // A refusal's body only ever serves as a short reason: an oversized one gives none.
  const reason = body.kind === 'text' ? serverMessage(body.text, spec.secrets) : undefined;
  return { kind: 'final', result: err(rejected(spec.endpoint, status, reason)) };
}

const MAX_SERVER_MESSAGE = 200;

/**
 * The server's reason for a refusal, shown only when it is a short plain sentence: HTML pages
 * and stack traces are noise, and anything resembling a hash or quoting a secret is withheld.
 */
export function serverMessage(text: string, secrets: readonly string[]): string | undefined {
  let candidate = text.trim();
  if (candidate === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(candidate);
    if (typeof parsed === 'string') candidate = parsed;
    else if (typeof parsed === 'object' && parsed !== null) {
      const record = parsed as Record<string, unknown>;
      const found = [record['message'], record['error'], record['msg']].find((v) => typeof v === 'string');
      if (typeof found !== 'string') return undefined;
      candidate = found;
    } else return undefined;
  } catch {
    // not JSON: a plain-text body
  }
  candidate = candidate.trim();
  if (candidate === '' || candidate.length > MAX_SERVER_MESSAGE) return undefined;
  if (hasControlCharacter(candidate) || /[<>]/.test(candidate)) return undefined;
  if (/[0-9a-f]{32,}/i.test(candidate)) return undefined;
  if (secrets.some((secret) => secret !== '' && candidate.includes(secret))) return undefined;
  return candidate;
}
