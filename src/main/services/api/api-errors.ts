import { appError, type AppError } from '../../../shared/errors';
import { MAX_RESPONSE_BYTES } from './bounded-body';

/**
 * Every error the API layer returns, with its English and Vietnamese sentence. Messages are
 * built from endpoint names, field paths and statuses only: never from the request (which
 * holds the hash) or from anything the caller passed as a secret.
 */

export function notConfigured(field: string, problem: 'missing' | 'invalid' = 'missing'): AppError {
  return appError(
    'not_configured',
    `The AntBuddy API is not configured: ${field} is ${problem}`,
    `Chưa cấu hình AntBuddy API: ${field} ${problem === 'missing' ? 'chưa được nhập' : 'không hợp lệ'}`,
    { field },
  );
}

export function invalidInput(field: string, en: string, vi: string): AppError {
  return appError('invalid_input', `Invalid ${field}: ${en}`, `${field} không hợp lệ: ${vi}`, { field });
}

export function rejected(endpoint: string, status: number, serverMessage: string | undefined): AppError {
  const detail = serverMessage ? `: ${serverMessage}` : '';
  return appError(
    'rejected',
    `AntBuddy refused the ${endpoint} request (HTTP ${status})${detail}`,
    `AntBuddy từ chối yêu cầu ${endpoint} (HTTP ${status})${detail}`,
    { status },
  );
}

export function notRegistered(status: number): AppError {
  return appError('not_registered', 'Your softphone is not registered', 'Điện thoại SIP của bạn chưa đăng ký', {
    status,
  });
}

export function serverError(endpoint: string, status: number): AppError {
  return appError(
    'server_error',
    `AntBuddy had a server error on ${endpoint} (HTTP ${status})`,
    `Máy chủ AntBuddy gặp lỗi khi xử lý ${endpoint} (HTTP ${status})`,
    { status },
  );
}

export function rateLimited(endpoint: string, status: number): AppError {
  return appError(
    'rate_limited',
    `AntBuddy is limiting requests (${endpoint}, HTTP ${status}); try again shortly`,
    `AntBuddy đang giới hạn số yêu cầu (${endpoint}, HTTP ${status}); vui lòng thử lại sau`,
    { status },
  );
}

export function networkError(endpoint: string): AppError {
  return appError(
    'network',
    `Could not reach AntBuddy (${endpoint}); check the network and the API address`,
    `Không kết nối được AntBuddy (${endpoint}); kiểm tra mạng và địa chỉ API`,
  );
}

export function timeoutError(endpoint: string, timeoutMs: number): AppError {
  return appError(
    'timeout',
    `AntBuddy did not answer ${endpoint} within ${Math.round(timeoutMs / 1000)} s`,
    `AntBuddy không trả lời ${endpoint} trong ${Math.round(timeoutMs / 1000)} giây`,
  );
}

export function malformed(
  endpoint: string,
  field: string,
  detail: string,
  status?: number,
  detailVi: string = detail,
): AppError {
  return appError(
    'malformed_response',
    `AntBuddy's answer to ${endpoint} is malformed at ${field}: ${detail}`,
    `Phản hồi của AntBuddy cho ${endpoint} không đúng định dạng tại ${field}: ${detailVi}`,
    { field, ...(status !== undefined ? { status } : {}) },
  );
}

/** An answer past the size limit: read no further, reported as malformed (it is not a valid answer). */
export function tooLarge(endpoint: string, status: number): AppError {
  const mib = MAX_RESPONSE_BYTES / (1024 * 1024);
  return malformed(endpoint, '(body)', `larger than ${mib} MiB`, status, `lớn hơn ${mib} MiB`);
}
