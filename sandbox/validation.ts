import { sameHex, sha256Hex } from './signing';

/**
 * Request checks, read straight from the AntBuddy documents. Every failure is a 400 with a
 * message for people; messages name parameters, never their secret values.
 */

export type Check<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const pass = <T>(value: T): Check<T> => ({ ok: true, value });
const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

export const MAX_WINDOW_MS = 31 * 86_400_000;
export const MAX_LIMIT = 100;

/** Reads required query parameters, each exactly once and non-empty. */
export function requireParams<K extends string>(
  params: URLSearchParams,
  names: readonly K[],
): Check<Record<K, string>> {
  const out = {} as Record<K, string>;
  for (const name of names) {
    const values = params.getAll(name);
    if (values.length === 0 || values[0] === '') return fail(`Missing parameter: ${name}`);
    if (values.length > 1) return fail(`Parameter given more than once: ${name}`);
    out[name] = values[0] as string;
  }
  return pass(out);
}

export interface Credentials {
  readonly appId: string;
  readonly appSecret: string;
}

/** Checks appId, then the hash over `parts` (in the endpoint's documented order) + appSecret. */
export function checkSignature(
  credentials: Credentials,
  appId: string,
  parts: readonly string[],
  hash: string,
): Check<true> {
  if (appId !== credentials.appId) return fail('Unknown appId');
  if (!sameHex(sha256Hex(parts.join('') + credentials.appSecret), hash)) return fail('Invalid hash');
  return pass(true);
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** ISO 8601 date or date-time with a zone (UTC if only a date): unix ms, or undefined. */
export function parseIsoDate(text: string): number | undefined {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const ms = Date.parse(m[4] === undefined ? `${text}T00:00:00Z` : text);
  return Number.isNaN(ms) ? undefined : ms;
}

function positiveInt(text: string): number | undefined {
  return /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

export interface HistoryQuery {
  readonly fromMs: number;
  readonly toMs: number;
  readonly limit: number;
  readonly page: number;
}

/**
 * GET /oapi/v1/call/histories. `limit` and `page` are required here although the document
 * gives defaults (20 and 1): the hash covers them, and without them the signed text is
 * ambiguous. Hash = sha256(created_from + created_to + limit + page + appId + appSecret),
 * over the parameters exactly as sent.
 */
export function checkHistoryQuery(credentials: Credentials, params: URLSearchParams): Check<HistoryQuery> {
  const required = requireParams(params, ['appId', 'created_from', 'created_to', 'limit', 'page', 'hash']);
  if (!required.ok) return required;
  const q = required.value;
  const signed = checkSignature(credentials, q.appId, [q.created_from, q.created_to, q.limit, q.page, q.appId], q.hash);
  if (!signed.ok) return signed;
  const fromMs = parseIsoDate(q.created_from);
  if (fromMs === undefined) return fail('created_from is not an ISO 8601 date');
  const toMs = parseIsoDate(q.created_to);
  if (toMs === undefined) return fail('created_to is not an ISO 8601 date');
  if (toMs < fromMs) return fail('created_to is before created_from');
  if (toMs - fromMs > MAX_WINDOW_MS) return fail('The time window is longer than 31 days');
  const limit = positiveInt(q.limit);
  if (limit === undefined || limit < 1 || limit > MAX_LIMIT) return fail('limit must be a whole number from 1 to 100');
  const page = positiveInt(q.page);
  if (page === undefined || page < 1) return fail('page must be a whole number from 1');
  return pass({ fromMs, toMs, limit, page });
}
