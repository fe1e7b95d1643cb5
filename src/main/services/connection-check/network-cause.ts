import type { CheckText } from '../../../shared/connection-check';
import { quoted, type CheckedSetting } from './setting-names';

/**
 * Why a connection could not be made, read from the error code Node puts on a failed socket
 * (fetch's `cause`, a `ws` error). The API client deliberately drops causes (they may quote a
 * signed URL); the check keeps only the code, which names the failure without any of the request.
 */
export type CertificateProblem = 'self-signed' | 'expired' | 'not-yet-valid' | 'wrong-host' | 'untrusted' | 'revoked';

export type TransportCause =
  | { readonly kind: 'dns'; readonly code: string; readonly temporary: boolean }
  | { readonly kind: 'refused' }
  | { readonly kind: 'unreachable'; readonly code: string }
  | { readonly kind: 'reset' }
  | { readonly kind: 'connect-timeout' }
  | { readonly kind: 'tls-certificate'; readonly code: string; readonly problem: CertificateProblem }
  | { readonly kind: 'tls-protocol'; readonly code: string }
  | { readonly kind: 'unknown'; readonly code?: string };

const CERTIFICATE_CODES: Readonly<Record<string, CertificateProblem>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not-yet-valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'wrong-host',
  HOSTNAME_MISMATCH: 'wrong-host',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted',
  CERT_UNTRUSTED: 'untrusted',
  CERT_SIGNATURE_FAILURE: 'untrusted',
  CERT_REVOKED: 'revoked',
};

/** Codes are short upper-case words; anything else is not a code and is never echoed. */
const CODE_SHAPE = /^[A-Z][A-Z0-9_]{1,60}$/;

function codeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('code' in value)) return undefined;
  const code = (value as { code: unknown }).code;
  return typeof code === 'string' && CODE_SHAPE.test(code) ? code : undefined;
}

function collectCodes(error: unknown, depth: number, out: string[]): void {
  if (typeof error !== 'object' || error === null || depth > 4) return;
  if ('cause' in error) collectCodes((error as { cause: unknown }).cause, depth + 1, out);
  const inner = 'errors' in error ? (error as { errors: unknown }).errors : undefined;
  if (Array.isArray(inner)) for (const each of inner) collectCodes(each, depth + 1, out);
  const own = codeOf(error);
  if (own) out.push(own);
}

/**
 * The most specific error code in an error and its causes, deepest first: fetch wraps the
 * socket's error in `cause`, and a host with several addresses fails with an AggregateError
 * whose `errors` carry them. undici's own codes (UND_ERR_SOCKET) tell least: used only alone.
 */
export function causeCodeOf(error: unknown): string | undefined {
  const codes: string[] = [];
  collectCodes(error, 0, codes);
  return codes.find((code) => !code.startsWith('UND_ERR_')) ?? codes[0];
}

export function transportCause(code: string | undefined): TransportCause {
  if (code === undefined) return { kind: 'unknown' };
  const problem = CERTIFICATE_CODES[code];
  if (problem) return { kind: 'tls-certificate', code, problem };
  switch (code) {
    case 'ENOTFOUND':
      return { kind: 'dns', code, temporary: false };
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return { kind: 'dns', code, temporary: true };
    case 'ECONNREFUSED':
      return { kind: 'refused' };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
      return { kind: 'unreachable', code };
    case 'ECONNRESET':
    case 'ECONNABORTED':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return { kind: 'reset' };
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return { kind: 'connect-timeout' };
    case 'EPROTO':
      return { kind: 'tls-protocol', code };
    default:
      return code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')
        ? { kind: 'tls-protocol', code }
        : { kind: 'unknown', code };
  }
}

const CERTIFICATE_TEXT: Readonly<Record<CertificateProblem, CheckText>> = {
  'self-signed': { en: 'is self-signed', vi: 'là chứng chỉ tự ký' },
  expired: { en: 'has expired', vi: 'đã hết hạn' },
  'not-yet-valid': {
    en: 'is not valid yet (check this computer’s date and time)',
    vi: 'chưa có hiệu lực (kiểm tra ngày giờ của máy tính này)',
  },
  'wrong-host': { en: 'was issued for another host name', vi: 'được cấp cho một tên máy chủ khác' },
  untrusted: {
    en: 'is not signed by an authority this computer trusts',
    vi: 'không do tổ chức mà máy tính này tin cậy ký',
  },
  revoked: { en: 'has been revoked', vi: 'đã bị thu hồi' },
};

/**
 * One sentence naming what failed on the way to `host` (host:port, never a path or query) and
 * what to check, the setting named as the Settings screen shows it.
 */
export function describeTransportFailure(cause: TransportCause, host: string, setting: CheckedSetting): CheckText {
  const name = quoted(setting);
  switch (cause.kind) {
    case 'dns':
      return cause.temporary
        ? {
            en: `The host name ${host} could not be looked up right now (DNS ${cause.code}): check this computer’s network and DNS.`,
            vi: `Hiện không tra cứu được tên máy chủ ${host} (DNS ${cause.code}): kiểm tra mạng và DNS của máy tính này.`,
          }
        : {
            en: `The host name ${host} does not exist (DNS ${cause.code}): check the ${name.en}.`,
            vi: `Tên máy chủ ${host} không tồn tại (DNS ${cause.code}): kiểm tra ${name.vi}.`,
          };
    case 'refused':
      return {
        en: `Nothing answers at ${host} (connection refused): check the address and port in the ${name.en}, and that the server is running.`,
        vi: `Không có gì trả lời tại ${host} (kết nối bị từ chối): kiểm tra địa chỉ và cổng trong ${name.vi}, và máy chủ có đang chạy không.`,
      };
    case 'unreachable':
      return {
        en: `${host} cannot be reached from this computer (${cause.code}): check the network, VPN or firewall.`,
        vi: `Máy tính này không tới được ${host} (${cause.code}): kiểm tra mạng, VPN hoặc tường lửa.`,
      };
    case 'reset':
      return {
        en: `The connection to ${host} was cut off: a firewall or proxy may be blocking it.`,
        vi: `Kết nối tới ${host} bị cắt ngang: có thể tường lửa hoặc proxy đang chặn.`,
      };
    case 'connect-timeout':
      return {
        en: `${host} did not accept the connection in time: check the ${name.en}, the network and the firewall.`,
        vi: `${host} không nhận kết nối kịp thời: kiểm tra ${name.vi}, mạng và tường lửa.`,
      };
    case 'tls-certificate': {
      const problem = CERTIFICATE_TEXT[cause.problem];
      return {
        en: `The secure (TLS) connection to ${host} failed: its certificate ${problem.en} (${cause.code}). If your network inspects HTTPS traffic, this computer must trust that proxy’s certificate.`,
        vi: `Kết nối bảo mật (TLS) tới ${host} thất bại: chứng chỉ của máy chủ ${problem.vi} (${cause.code}). Nếu mạng của bạn kiểm tra lưu lượng HTTPS, máy tính này phải tin cậy chứng chỉ của proxy đó.`,
      };
    }
    case 'tls-protocol':
      return {
        en: `The secure (TLS) connection to ${host} failed (${cause.code}): the server at that address and port does not speak TLS. Check the ${name.en}.`,
        vi: `Kết nối bảo mật (TLS) tới ${host} thất bại (${cause.code}): máy chủ tại địa chỉ và cổng đó không dùng TLS. Kiểm tra ${name.vi}.`,
      };
    case 'unknown': {
      const code = cause.code ? ` (${cause.code})` : '';
      return {
        en: `Could not connect to ${host}${code}: check the ${name.en} and the network.`,
        vi: `Không kết nối được tới ${host}${code}: kiểm tra ${name.vi} và mạng.`,
      };
    }
  }
}
