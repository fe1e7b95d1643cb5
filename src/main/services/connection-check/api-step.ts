import type { CheckText } from '../../../shared/connection-check';
import { appError, type AppError, type AppResult } from '../../../shared/errors';
import { err, ok } from '../../../shared/result';
import type { Settings } from '../../../shared/settings';
import { createAntBuddyClient, type AntBuddyClient, type AuthToken } from '../api';
import type { Logger } from '../logger';
import { describeTransportFailure, transportCause } from './network-cause';
import { observeFetch, type FetchObservation } from './observed-fetch';
import { quoted, type CheckedSetting } from './setting-names';

/** The check's own API client: the app's signing and parsing, but one attempt and a shorter wait. */
export interface CheckApi {
  readonly client: AntBuddyClient;
  /** What the client's last request met (for naming a failure). */
  readonly seen: () => FetchObservation | undefined;
  readonly timeoutMs: number;
}

/**
 * The running app's client retries three times with backoff (right for the app, a minute of
 * waiting for a check) and drops the cause of a failure; this one tries once and is watched.
 */
export function createCheckApi(
  settings: Settings,
  options: { readonly fetch: typeof fetch; readonly timeoutMs: number; readonly log?: Logger },
): CheckApi {
  const observed = observeFetch(options.fetch);
  const client = createAntBuddyClient(
    {
      baseUrl: settings.apiBaseUrl,
      appId: settings.appId,
      appSecret: settings.appSecret,
      domain: settings.companyDomain,
      email: settings.companyEmail,
    },
    {
      fetch: observed.fetch,
      maxRetries: 0,
      timeoutMs: options.timeoutMs,
      ...(options.log ? { log: options.log } : {}),
    },
  );
  return { client, seen: observed.last, timeoutMs: options.timeoutMs };
}

/** `openapi.antbuddy.com` (host and port only: never a path or a query). */
export function hostOf(address: string): string {
  try {
    return new URL(address).host || address;
  } catch {
    return address;
  }
}

const CLIENT_FIELDS: Readonly<Record<string, CheckedSetting>> = {
  appId: 'appId',
  appSecret: 'appSecret',
  baseUrl: 'apiBaseUrl',
};

function failure(
  code: AppError['code'],
  text: CheckText,
  extra: { field?: CheckedSetting; status?: number } = {},
): AppError {
  return appError(code, text.en, text.vi, extra);
}

function notSet(setting: CheckedSetting, invalid: boolean): AppError {
  const name = quoted(setting);
  return invalid
    ? failure(
        'not_configured',
        {
          en: `The ${name.en} is not a valid http(s) address: enter it in Settings › AntBuddy API.`,
          vi: `${name.vi} không phải địa chỉ http(s) hợp lệ: hãy nhập lại trong Cài đặt › API AntBuddy.`,
        },
        { field: setting },
      )
    : failure(
        'not_configured',
        {
          en: `The ${name.en} is not set, so the app cannot sign in to AntBuddy: enter it in Settings › AntBuddy API.`,
          vi: `Chưa nhập ${name.vi} nên ứng dụng không đăng nhập được AntBuddy: hãy nhập trong Cài đặt › API AntBuddy.`,
        },
        { field: setting },
      );
}

function refused(error: AppError, status: number, seen: FetchObservation | undefined, appId: string): AppError {
  const blames = seen?.kind === 'answered' ? seen.blames : undefined;
  if (blames === 'appId') {
    return failure(
      'rejected',
      {
        en: `AntBuddy does not know the App ID “${appId}” (HTTP ${status}): check the App ID.`,
        vi: `AntBuddy không nhận ra App ID “${appId}” (HTTP ${status}): kiểm tra lại App ID.`,
      },
      { field: 'appId', status },
    );
  }
  if (blames === 'signature') {
    return failure(
      'rejected',
      {
        en: `AntBuddy refused the request’s signature (HTTP ${status}): the App secret is wrong, or belongs to another App ID.`,
        vi: `AntBuddy từ chối chữ ký của yêu cầu (HTTP ${status}): App secret sai, hoặc thuộc về một App ID khác.`,
      },
      { field: 'appSecret', status },
    );
  }
  return failure(
    'rejected',
    {
      en: `AntBuddy refused the App ID and App secret: one of them is wrong. (${error.message})`,
      vi: `AntBuddy từ chối App ID và App secret: một trong hai bị sai. (${error.messageVi})`,
    },
    { status },
  );
}

/**
 * Says exactly what broke when the voice token could not be had, and which setting to look at.
 * Pure: `error` is what the API client answered, `seen` what its request met on the wire.
 */
export function nameApiFailure(
  error: AppError,
  seen: FetchObservation | undefined,
  settings: Pick<Settings, 'apiBaseUrl' | 'appId'>,
  timeoutMs: number,
): AppError {
  const host = hostOf(settings.apiBaseUrl.trim());
  const status = error.status ?? (seen?.kind === 'answered' ? seen.status : undefined);
  switch (error.code) {
    case 'not_configured': {
      const setting = CLIENT_FIELDS[error.field ?? ''] ?? 'apiBaseUrl';
      return notSet(setting, setting === 'apiBaseUrl' && settings.apiBaseUrl.trim() !== '');
    }
    case 'timeout': {
      const seconds = Math.round(timeoutMs / 1000);
      return failure(
        'timeout',
        {
          en: `AntBuddy did not answer at ${host} within ${seconds} s: the API base URL may point at the wrong server, or a firewall or proxy holds the connection.`,
          vi: `AntBuddy không trả lời tại ${host} trong ${seconds} giây: địa chỉ API có thể trỏ sai máy chủ, hoặc tường lửa/proxy đang giữ kết nối.`,
        },
        { field: 'apiBaseUrl' },
      );
    }
    case 'network': {
      const code = seen?.kind === 'threw' ? seen.code : undefined;
      return failure('network', describeTransportFailure(transportCause(code), host, 'apiBaseUrl'), {
        field: 'apiBaseUrl',
      });
    }
    case 'malformed_response':
      return failure(
        'malformed_response',
        {
          en: `${host} answered, but not as the AntBuddy API does: check the API base URL. (${error.message})`,
          vi: `${host} có trả lời, nhưng không giống API AntBuddy: kiểm tra địa chỉ API. (${error.messageVi})`,
        },
        { field: 'apiBaseUrl', ...(status !== undefined ? { status } : {}) },
      );
    case 'server_error':
      return failure(
        'server_error',
        {
          en: `AntBuddy had a server error (HTTP ${status ?? '5xx'}): the settings may well be right; test again in a few minutes.`,
          vi: `Máy chủ AntBuddy gặp lỗi (HTTP ${status ?? '5xx'}): có thể cài đặt vẫn đúng; hãy thử lại sau vài phút.`,
        },
        status !== undefined ? { status } : {},
      );
    case 'rate_limited':
      return failure(
        'rate_limited',
        {
          en: `AntBuddy is limiting requests right now (HTTP ${status ?? 503}): wait a minute and test again.`,
          vi: `AntBuddy đang giới hạn số yêu cầu (HTTP ${status ?? 503}): đợi một phút rồi thử lại.`,
        },
        status !== undefined ? { status } : {},
      );
    case 'rejected':
    case 'not_registered': {
      if (status === undefined) return error;
      if (status >= 300 && status < 400) {
        return failure(
          'rejected',
          {
            en: `${host} redirects the API request elsewhere (HTTP ${status}): enter the final address as the API base URL.`,
            vi: `${host} chuyển hướng yêu cầu API sang nơi khác (HTTP ${status}): hãy nhập địa chỉ cuối cùng làm địa chỉ API.`,
          },
          { field: 'apiBaseUrl', status },
        );
      }
      if (status === 404 || status === 405) {
        return failure(
          'rejected',
          {
            en: `${host} answered, but there is no AntBuddy API at this address (HTTP ${status}): check the API base URL.`,
            vi: `${host} có trả lời, nhưng địa chỉ này không có API AntBuddy (HTTP ${status}): kiểm tra địa chỉ API.`,
          },
          { field: 'apiBaseUrl', status },
        );
      }
      if (status === 400 || status === 401 || status === 403)
        return refused(error, status, seen, settings.appId.trim());
      return error;
    }
    default:
      return error;
  }
}

export type ApiStepResult = AppResult<{ readonly token: AuthToken; readonly detail: CheckText }>;

/** Step 1: AntBuddy signs the app in and hands out the voice token the call signals need. */
export async function checkApi(api: CheckApi, settings: Settings, now: number): Promise<ApiStepResult> {
  const token = await api.client.getAuthToken();
  if (!token.ok) return err(nameApiFailure(token.error, api.seen(), settings, api.timeoutMs));
  const minutes = Math.max(0, Math.round((token.value.expiresAt.getTime() - now) / 60_000));
  const host = hostOf(settings.apiBaseUrl.trim());
  return ok({
    token: token.value,
    detail: {
      en: `AntBuddy at ${host} accepted the App ID and App secret and issued a voice token (valid for about ${minutes} min).`,
      vi: `AntBuddy tại ${host} đã chấp nhận App ID và App secret và cấp mã xác thực thoại (còn hiệu lực khoảng ${minutes} phút).`,
    },
  });
}
