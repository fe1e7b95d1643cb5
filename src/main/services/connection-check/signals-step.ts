import WebSocket from 'ws';
import type { CheckText } from '../../../shared/connection-check';
import { appError, type AppError, type AppResult } from '../../../shared/errors';
import { err, ok } from '../../../shared/result';
import type { Settings } from '../../../shared/settings';
import type { AuthToken } from '../api';
import type { Clock } from '../clock';
import { noopLogger, type Logger } from '../logger';
import { createBlackholeAdapter } from '../signals/blackhole-adapter';
import { SignalConnection, type ConnectionEnd } from '../signals/signal-connection';
import { TokenKeeper } from '../signals/token-keeper';
import type { TokenSource, WebSocketConstructor } from '../signals/types';
import { hostOf } from './api-step';
import { describeTransportFailure, transportCause } from './network-cause';
import { observeSockets, type SocketObservation } from './observed-socket';
import { quoted, type CheckedSetting } from './setting-names';

function failure(code: AppError['code'], text: CheckText, field?: CheckedSetting, status?: number): AppError {
  return appError(code, text.en, text.vi, {
    ...(field ? { field } : {}),
    ...(status !== undefined ? { status } : {}),
  });
}

/** The settings the call-signal step needs, checked before anything is opened. */
export function checkSignalSettings(settings: Pick<Settings, 'signalsUrl' | 'accountId'>): AppError | undefined {
  const url = settings.signalsUrl.trim();
  for (const setting of ['signalsUrl', 'accountId'] as const) {
    if (settings[setting].trim() !== '') continue;
    const name = quoted(setting);
    return failure(
      'not_configured',
      {
        en: `The ${name.en} is not set, so incoming calls cannot pop up: enter it in Settings › Call signals.`,
        vi: `Chưa nhập ${name.vi} nên cuộc gọi đến không thể hiện lên: hãy nhập trong Cài đặt › Tín hiệu cuộc gọi.`,
      },
      setting,
    );
  }
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // falls through to the message below
  }
  if (protocol !== 'ws:' && protocol !== 'wss:') {
    return failure(
      'config_invalid',
      {
        en: 'The call signals WebSocket URL must start with wss:// (or ws:// on this computer).',
        vi: 'Địa chỉ WebSocket của tín hiệu cuộc gọi phải bắt đầu bằng wss:// (hoặc ws:// trên máy này).',
      },
      'signalsUrl',
    );
  }
  return undefined;
}

/**
 * Says exactly why the check's call-signal connection did not get as far as a confirmed
 * subscription. Pure: `end` is how the signals client ended it, `seen` what its socket met.
 */
export function nameSignalsFailure(
  end: ConnectionEnd,
  seen: SocketObservation,
  settings: Pick<Settings, 'signalsUrl' | 'accountId'>,
  subscribeTimeoutMs: number,
): AppError {
  const host = hostOf(settings.signalsUrl.trim());
  const accountId = settings.accountId.trim();
  if (!seen.opened) {
    const status = seen.upgradeStatus;
    if (status === 404 || status === 400 || status === 405 || status === 426) {
      return failure(
        'rejected',
        {
          en: `${host} answered, but has no call-signal WebSocket at this address (HTTP ${status}): check the path of the call signals WebSocket URL.`,
          vi: `${host} có trả lời, nhưng địa chỉ này không có WebSocket tín hiệu cuộc gọi (HTTP ${status}): kiểm tra đường dẫn trong địa chỉ WebSocket của tín hiệu cuộc gọi.`,
        },
        'signalsUrl',
        status,
      );
    }
    if (status !== undefined) {
      return failure(
        status >= 500 ? 'server_error' : 'rejected',
        {
          en: `The call-signal server at ${host} refused the WebSocket connection (HTTP ${status}).`,
          vi: `Máy chủ tín hiệu cuộc gọi tại ${host} từ chối kết nối WebSocket (HTTP ${status}).`,
        },
        'signalsUrl',
        status,
      );
    }
    if (seen.handshakeTimedOut) {
      return failure(
        'timeout',
        {
          en: `${host} did not complete the WebSocket handshake in time: check the call signals WebSocket URL, the network and the firewall.`,
          vi: `${host} không hoàn tất bắt tay WebSocket kịp thời: kiểm tra địa chỉ WebSocket của tín hiệu cuộc gọi, mạng và tường lửa.`,
        },
        'signalsUrl',
      );
    }
    if (end.code === 'config_invalid') {
      return failure(
        'config_invalid',
        {
          en: 'The call signals WebSocket URL cannot be opened: check how it is written.',
          vi: 'Không mở được địa chỉ WebSocket của tín hiệu cuộc gọi: kiểm tra cách viết địa chỉ.',
        },
        'signalsUrl',
      );
    }
    return failure(
      'network',
      describeTransportFailure(transportCause(seen.errorCode), host, 'signalsUrl'),
      'signalsUrl',
    );
  }
  const refusal = seen.refusals.at(-1);
  if (refusal === 'account') {
    return failure(
      'config_invalid',
      {
        en: `The call-signal server refused the Account ID “${accountId}”: check the Account ID.`,
        vi: `Máy chủ tín hiệu cuộc gọi từ chối Mã tài khoản “${accountId}”: kiểm tra lại Mã tài khoản.`,
      },
      'accountId',
    );
  }
  if (refusal === 'auth' && end.code !== 'network') {
    return failure(
      'rejected',
      {
        en: 'The call-signal server refused the voice token the API issued: the call signals WebSocket URL and the API base URL may belong to different AntBuddy systems.',
        vi: 'Máy chủ tín hiệu cuộc gọi từ chối mã xác thực thoại do API cấp: địa chỉ WebSocket tín hiệu và địa chỉ API có thể thuộc hai hệ thống AntBuddy khác nhau.',
      },
      'signalsUrl',
    );
  }
  if (refusal === 'unavailable' && seen.confirmed === 0) {
    return failure(
      'rejected',
      {
        en: 'The call-signal server offers none of the call events the app subscribes to: it may not be a Kazoo (Blackhole) call-signal server.',
        vi: 'Máy chủ tín hiệu cuộc gọi không cung cấp sự kiện cuộc gọi nào mà ứng dụng đăng ký: có thể đây không phải máy chủ tín hiệu Kazoo (Blackhole).',
      },
      'signalsUrl',
    );
  }
  if (refusal === 'rate_limited' || end.code === 'rate_limited') {
    return failure('rate_limited', {
      en: 'The call-signal server is limiting connections right now: wait a minute and test again.',
      vi: 'Máy chủ tín hiệu cuộc gọi đang giới hạn kết nối: đợi một phút rồi thử lại.',
    });
  }
  if (end.code === 'timeout') {
    const seconds = Math.round(subscribeTimeoutMs / 1000);
    return failure(
      'timeout',
      {
        en: `${host} accepted the WebSocket but did not confirm the subscription within ${seconds} s: check that the call signals WebSocket URL is the Kazoo (Blackhole) call-signal server.`,
        vi: `${host} nhận kết nối WebSocket nhưng không xác nhận đăng ký trong ${seconds} giây: kiểm tra địa chỉ WebSocket tín hiệu có đúng là máy chủ tín hiệu Kazoo (Blackhole) không.`,
      },
      'signalsUrl',
    );
  }
  if (end.code === 'network') {
    return failure(
      'network',
      {
        en: `The call-signal server at ${host} closed the connection before confirming the subscription.`,
        vi: `Máy chủ tín hiệu cuộc gọi tại ${host} đóng kết nối trước khi xác nhận đăng ký.`,
      },
      'signalsUrl',
    );
  }
  // The signals client's own wording (English, from its log), kept whole: it is the most precise there is.
  return failure(end.code, {
    en: `${end.reason}.`,
    vi: `Máy chủ tín hiệu cuộc gọi báo lỗi: ${end.reason}.`,
  });
}

export interface SignalsStepDeps {
  readonly settings: Settings;
  /** The token step 1 got; refreshed through `tokens` if the server refuses it. */
  readonly token: AuthToken;
  readonly tokens: TokenSource;
  readonly clock: Clock;
  readonly subscribeTimeoutMs: number;
  readonly WebSocketImpl?: WebSocketConstructor;
  readonly log?: Logger;
}

/**
 * Step 2: a fresh, short-lived connection made by the signals client's own code (the one the
 * app keeps open), with the token from step 1: passes only once the server confirmed the
 * subscriptions, then closes. A fresh one, not the app's running connection, because the
 * running one may be from before the last save, or between two retries.
 */
export async function checkSignals(deps: SignalsStepDeps): Promise<AppResult<CheckText>> {
  const problem = checkSignalSettings(deps.settings);
  if (problem) return err(problem);
  const log = deps.log ?? noopLogger;
  const adapter = createBlackholeAdapter();
  const observed = observeSockets(deps.WebSocketImpl ?? (WebSocket as unknown as WebSocketConstructor), adapter);
  let first: AuthToken | undefined = deps.token;
  const tokens = new TokenKeeper(
    {
      getToken: () => {
        const given = first;
        first = undefined;
        return given ? Promise.resolve(ok(given)) : deps.tokens.getToken();
      },
    },
    deps.clock,
    log,
  );
  await tokens.fetch();
  let counter = 0;
  const url = deps.settings.signalsUrl.trim();
  const accountId = deps.settings.accountId.trim();
  const outcome = await new Promise<{ live: true } | { live: false; end: ConnectionEnd }>((settle) => {
    const connection = new SignalConnection(
      { url, accountId, bindings: adapter.defaultBindings },
      {
        adapter,
        clock: deps.clock,
        log,
        WebSocketImpl: observed.WebSocketImpl,
        tokens,
        nextRequestId: () => `connection-check-${++counter}`,
        timing: {
          keepaliveMs: deps.subscribeTimeoutMs,
          deadAfterMs: deps.subscribeTimeoutMs + 5_000,
          subscribeTimeoutMs: deps.subscribeTimeoutMs,
          maxAuthRetries: 1,
        },
      },
      {
        onLive: () => {
          connection.close();
          settle({ live: true });
        },
        onEvent: () => undefined,
        onEnd: (end) => settle({ live: false, end }),
        onProblem: () => undefined,
      },
    );
    connection.open();
  });
  tokens.stop();
  if (!outcome.live) return err(nameSignalsFailure(outcome.end, observed.seen, deps.settings, deps.subscribeTimeoutMs));
  const host = hostOf(url);
  return ok({
    en: `Connected to the call-signal server at ${host} and subscribed to the call events of account ${accountId} (${observed.seen.confirmed} subscriptions confirmed).`,
    vi: `Đã kết nối tới máy chủ tín hiệu cuộc gọi tại ${host} và đăng ký nhận sự kiện cuộc gọi của tài khoản ${accountId} (máy chủ đã xác nhận ${observed.seen.confirmed} đăng ký).`,
  });
}
