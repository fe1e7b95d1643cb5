import { createHash } from 'node:crypto';

/**
 * Request signatures, one function per endpoint, each concatenating its inputs in the exact
 * order the vendor documents (no separators, appSecret last). Kept apart from the client so
 * each order can be checked against hand-computed values.
 */

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** `x-auth-app-hash` header for auth_token and click-to-call: sha256(appId + appSecret). */
export function appHeaderHash(appId: string, appSecret: string): string {
  return sha256Hex(appId + appSecret);
}

export interface HistoryHashInput {
  readonly createdFrom: string;
  readonly createdTo: string;
  readonly limit: number;
  readonly page: number;
  readonly appId: string;
  readonly appSecret: string;
}

/** Histories: sha256(created_from + created_to + limit + page + appId + appSecret). */
export function historyHash(input: HistoryHashInput): string {
  return sha256Hex(
    input.createdFrom + input.createdTo + String(input.limit) + String(input.page) + input.appId + input.appSecret,
  );
}

/** play_recording: sha256(appId + media + appSecret). */
export function recordingHash(appId: string, media: string, appSecret: string): string {
  return sha256Hex(appId + media + appSecret);
}

/** Dashboard, queues and agents share one signature: sha256(appId + domain + email + appSecret). */
function companyHash(appId: string, domain: string, email: string, appSecret: string): string {
  return sha256Hex(appId + domain + email + appSecret);
}

export const dashboardHash = companyHash;
export const queuesHash = companyHash;
export const agentsHash = companyHash;
