import { createHash } from 'node:crypto';
import type { RunningSandbox } from '../../../sandbox/index';

/** The tests' own signing, straight from the API document (not the sandbox's code). */
export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Tuesday 2026-01-20 10:00 in Vietnam (UTC+7): business hours. */
export const TUESDAY_10AM_ICT = Date.UTC(2026, 0, 20, 3, 0, 0);

export function authHeaders(sb: RunningSandbox, hash = sha256(sb.appId + sb.appSecret)): Record<string, string> {
  return { 'x-auth-app-id': sb.appId, 'x-auth-app-hash': hash, 'content-type': 'application/json' };
}

export function historiesUrl(sb: RunningSandbox, from: string, to: string, limit = '20', page = '1'): string {
  const q = new URLSearchParams({
    appId: sb.appId,
    created_from: from,
    created_to: to,
    limit,
    page,
    hash: sha256(from + to + limit + page + sb.appId + sb.appSecret),
  });
  return `${sb.apiUrl}/oapi/v1/call/histories?${q}`;
}

export function companyUrl(sb: RunningSandbox, path: string, domain = sb.domain, email = sb.email): string {
  const q = new URLSearchParams({
    appId: sb.appId,
    domain,
    email,
    hash: sha256(sb.appId + domain + email + sb.appSecret),
  });
  return `${sb.apiUrl}${path}?${q}`;
}

export function playRecordingUrl(sb: RunningSandbox, media: string): string {
  const q = new URLSearchParams({ appId: sb.appId, media, hash: sha256(sb.appId + media + sb.appSecret) });
  return `${sb.apiUrl}/oapi/v1/call/play_recording?${q}`;
}

export async function getJson(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as unknown, headers: response.headers };
}

export function control(
  sb: RunningSandbox,
  path: string,
  method: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  return getJson(`${sb.controlUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
