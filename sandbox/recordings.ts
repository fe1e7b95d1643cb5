import { hmacSha256Hex, sameHex } from './signing';

/**
 * S3-style signed recording URLs: `/recordings/<name>?Expires=<unix s>&Signature=<hex>`,
 * where the signature is HMAC-SHA256 over "<name>\n<expires>" with a key private to this
 * sandbox run. The URL is the only thing a client needs to fetch the file.
 */

export const RECORDINGS_PATH = '/recordings/';

function signature(key: Buffer, name: string, expires: number): string {
  return hmacSha256Hex(key, `${name}\n${expires}`);
}

export function signRecordingUrl(apiUrl: string, key: Buffer, name: string, expiresUnixSeconds: number): string {
  const url = new URL(`${RECORDINGS_PATH}${encodeURIComponent(name)}`, apiUrl);
  url.searchParams.set('Expires', String(expiresUnixSeconds));
  url.searchParams.set('Signature', signature(key, name, expiresUnixSeconds));
  return url.toString();
}

export type RecordingAccess = 'ok' | 'expired' | 'bad_signature';

export function checkRecordingAccess(
  key: Buffer,
  name: string,
  params: URLSearchParams,
  nowMs: number,
): RecordingAccess {
  const expiresText = params.get('Expires') ?? '';
  const given = params.get('Signature') ?? '';
  if (!/^\d{1,12}$/.test(expiresText)) return 'bad_signature';
  const expires = Number(expiresText);
  if (!sameHex(signature(key, name, expires), given)) return 'bad_signature';
  return nowMs > expires * 1000 ? 'expired' : 'ok';
}
