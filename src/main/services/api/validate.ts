import { DIAL_NUMBER_PROBLEM_TEXT, normalizeDialNumber } from '../../../shared/dial-number';
import type { AppError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import { invalidInput, notConfigured } from './api-errors';
import type { ApiConfig, HistoryQuery, SipDevice } from './types';

/** Checks done before anything is sent, so a bad call never costs a request. */

export const MAX_HISTORY_LIMIT = 100;
/** The vendor's filter limit: one history request may span at most 31 days. */
export const MAX_HISTORY_SPAN_MS = 31 * 24 * 60 * 60 * 1000;

export interface Credentials {
  readonly base: URL;
  readonly appId: string;
  readonly appSecret: string;
}

export function checkCredentials(config: ApiConfig): Result<Credentials, AppError> {
  const appId = config.appId.trim();
  if (appId === '') return err(notConfigured('appId'));
  if (config.appSecret === '') return err(notConfigured('appSecret'));
  const base = parseBaseUrl(config.baseUrl);
  if (!base) return err(notConfigured('baseUrl', config.baseUrl.trim() === '' ? 'missing' : 'invalid'));
  return ok({ base, appId, appSecret: config.appSecret });
}

export interface CompanyCredentials extends Credentials {
  readonly domain: string;
  readonly email: string;
}

export function checkCompanyCredentials(config: ApiConfig): Result<CompanyCredentials, AppError> {
  const base = checkCredentials(config);
  if (!base.ok) return base;
  const domain = config.domain.trim();
  const email = config.email.trim();
  if (domain === '') return err(notConfigured('domain'));
  if (email === '') return err(notConfigured('email'));
  return ok({ ...base.value, domain, email });
}

function parseBaseUrl(text: string): URL | undefined {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Joins an endpoint path onto the base URL, keeping any path prefix the base carries. */
export function endpointUrl(base: URL, path: string): URL {
  const prefix = base.pathname.replace(/\/+$/, '');
  const url = new URL(base.origin);
  url.pathname = prefix + path;
  return url;
}

/**
 * The number becomes a segment of the signed path: only the normalised digits (optional leading
 * +) may go there, or `..` would turn the request into `POST /oapi/v1/call/`.
 */
export function checkDialNumber(number: string): Result<string, AppError> {
  const normalized = normalizeDialNumber(number);
  if (normalized.ok) return normalized;
  const text = DIAL_NUMBER_PROBLEM_TEXT[normalized.error];
  return err(invalidInput('number', text.en, text.vi));
}

export function checkSipDevice(device: SipDevice): Result<SipDevice, AppError> {
  if (device.sipUser.trim() === '')
    return err(invalidInput('sipUser', 'the SIP user is empty', 'tài khoản SIP đang trống'));
  // Never describe the password's value, only whether it is there.
  if (device.sipPassword === '') {
    return err(invalidInput('sipPassword', 'the SIP password is empty', 'mật khẩu SIP đang trống'));
  }
  return ok({ sipUser: device.sipUser.trim(), sipPassword: device.sipPassword });
}

const isValidDate = (value: unknown): value is Date => value instanceof Date && Number.isFinite(value.getTime());

export function checkHistoryQuery(query: HistoryQuery): Result<HistoryQuery, AppError> {
  if (!isValidDate(query.from)) return err(invalidInput('from', 'not a valid date', 'không phải ngày hợp lệ'));
  if (!isValidDate(query.to)) return err(invalidInput('to', 'not a valid date', 'không phải ngày hợp lệ'));
  if (query.from.getTime() > query.to.getTime()) {
    return err(invalidInput('from', 'the start is after the end', 'thời điểm bắt đầu sau thời điểm kết thúc'));
  }
  if (query.to.getTime() - query.from.getTime() > MAX_HISTORY_SPAN_MS) {
    return err(invalidInput('to', 'one request may span at most 31 days', 'mỗi yêu cầu chỉ được lấy tối đa 31 ngày'));
  }
  const limitCheck = checkLimit(query.limit);
  if (!limitCheck.ok) return limitCheck;
  if (!Number.isInteger(query.page) || query.page < 1) {
    return err(invalidInput('page', 'must be a whole number from 1', 'phải là số nguyên từ 1'));
  }
  return ok(query);
}

export function checkLimit(limit: number): Result<number, AppError> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY_LIMIT) {
    return err(invalidInput('limit', 'must be a whole number from 1 to 100', 'phải là số nguyên từ 1 đến 100'));
  }
  return ok(limit);
}

export function checkMedia(media: string): Result<string, AppError> {
  if (media.trim() === '') {
    return err(invalidInput('media', 'the recording name is empty', 'tên file ghi âm đang trống'));
  }
  if (media.length > 1000)
    return err(invalidInput('media', 'the recording name is too long', 'tên file ghi âm quá dài'));
  return ok(media);
}
