import type { CheckText } from '../../../shared/connection-check';
import type { PhoneCallSummary } from '../../../shared/contract';
import { appError, type AppError, type AppResult } from '../../../shared/errors';
import { err, ok } from '../../../shared/result';
import type { Settings } from '../../../shared/settings';
import type { Clock } from '../clock';
import { hostOf } from './api-step';
import { quoted, type CheckedSetting } from './setting-names';

export type PhoneRegistration = PhoneCallSummary['registration'];

/**
 * The phone's registration as main knows it. JsSIP runs in the main window's renderer, so main
 * only has what the phone reports: its state and a short reason (`403 Forbidden`), no more.
 */
export interface RegistrationSource {
  current(): PhoneCallSummary;
  onCallChange(listener: (summary: PhoneCallSummary) => void): () => void;
}

type SipSettings = Pick<Settings, 'sipWsUrl' | 'sipDomain' | 'sipUser' | 'sipPassword'>;

function failure(code: AppError['code'], text: CheckText, field?: CheckedSetting): AppError {
  return appError(code, text.en, text.vi, field ? { field } : {});
}

/** The SIP settings the phone needs to register, checked in the order the form shows them. */
export function checkSipSettings(settings: SipSettings): AppError | undefined {
  for (const setting of ['sipWsUrl', 'sipDomain', 'sipUser', 'sipPassword'] as const) {
    if (settings[setting].trim() !== '') continue;
    const name = quoted(setting);
    return failure(
      'not_configured',
      {
        en: `The ${name.en} is not set, so the in-app phone cannot register: enter it in Settings › SIP phone.`,
        vi: `Chưa nhập ${name.vi} nên điện thoại trong ứng dụng không đăng ký được: hãy nhập trong Cài đặt › Điện thoại SIP.`,
      },
      setting,
    );
  }
  return undefined;
}

/** `403` from `403 Forbidden`, or the JsSIP cause that stands for one. */
function sipStatusOf(reason: string): number | undefined {
  const status = /^\s*(\d{3})\b/.exec(reason)?.[1];
  if (status) return Number(status);
  if (/authentication error/i.test(reason)) return 401;
  if (/not found/i.test(reason)) return 404;
  if (/request timeout/i.test(reason)) return 408;
  return undefined;
}

/**
 * Says what the phone's registration means for IT. Pure: `registration` is the phone's last
 * report, `waitedMs` how long the check gave a registration in progress to settle.
 */
export function nameRegistration(
  registration: PhoneRegistration,
  settings: SipSettings,
  waitedMs: number,
): AppResult<CheckText> {
  const host = hostOf(settings.sipWsUrl.trim());
  const account = `${settings.sipUser.trim()}@${settings.sipDomain.trim()}`;
  const reason = registration.reason?.trim() ?? '';
  switch (registration.kind) {
    case 'registered':
      return ok({
        en: `The in-app phone is registered at ${host} as ${account}.`,
        vi: `Điện thoại trong ứng dụng đã đăng ký tại ${host} với tài khoản ${account}.`,
      });
    case 'failed': {
      const status = sipStatusOf(reason);
      const said = reason === '' ? '' : ` (${reason})`;
      if (status === 401 || status === 403 || status === 407) {
        return err(
          failure(
            'rejected',
            {
              en: `The SIP server at ${host} refused the registration of ${account}${said}: check the SIP user and the SIP password.`,
              vi: `Máy chủ SIP tại ${host} từ chối đăng ký ${account}${said}: kiểm tra tên đăng nhập SIP và mật khẩu SIP.`,
            },
            'sipPassword',
          ),
        );
      }
      if (status === 404) {
        return err(
          failure(
            'rejected',
            {
              en: `The SIP server at ${host} does not know ${account}${said}: check the SIP user and the SIP domain.`,
              vi: `Máy chủ SIP tại ${host} không biết tài khoản ${account}${said}: kiểm tra tên đăng nhập SIP và tên miền SIP.`,
            },
            'sipUser',
          ),
        );
      }
      if (status === 408) {
        return err(
          failure(
            'timeout',
            {
              en: `The SIP server at ${host} did not answer the registration${said}: check the SIP WebSocket URL and the SIP domain.`,
              vi: `Máy chủ SIP tại ${host} không trả lời yêu cầu đăng ký${said}: kiểm tra địa chỉ WebSocket SIP và tên miền SIP.`,
            },
            'sipWsUrl',
          ),
        );
      }
      return err(
        failure('rejected', {
          en: `The registration of ${account} at ${host} failed${said}.`,
          vi: `Đăng ký ${account} tại ${host} thất bại${said}.`,
        }),
      );
    }
    case 'offline':
      return reason === 'no-network'
        ? err(
            failure('network', {
              en: 'This computer has no network connection, so the in-app phone cannot reach the SIP server.',
              vi: 'Máy tính này không có kết nối mạng nên điện thoại trong ứng dụng không tới được máy chủ SIP.',
            }),
          )
        : err(
            failure(
              'network',
              {
                en: `The in-app phone cannot reach the SIP server at ${host}: check the SIP WebSocket URL, the network and the firewall.`,
                vi: `Điện thoại trong ứng dụng không tới được máy chủ SIP tại ${host}: kiểm tra địa chỉ WebSocket SIP, mạng và tường lửa.`,
              },
              'sipWsUrl',
            ),
          );
    case 'registering': {
      const seconds = Math.round(waitedMs / 1000);
      return err(
        failure(
          'timeout',
          {
            en: `The in-app phone is still trying to register at ${host} after ${seconds} s: the SIP server does not answer. Check the SIP WebSocket URL.`,
            vi: `Điện thoại trong ứng dụng vẫn đang cố đăng ký tại ${host} sau ${seconds} giây: máy chủ SIP không trả lời. Kiểm tra địa chỉ WebSocket SIP.`,
          },
          'sipWsUrl',
        ),
      );
    }
    case 'unconfigured':
      return err(
        failure('not_configured', {
          en: 'The in-app phone has not started with these SIP settings: it runs in the main window; open the Phone screen, or restart the app if the settings were just saved.',
          vi: 'Điện thoại trong ứng dụng chưa chạy với các cài đặt SIP này: điện thoại chạy trong cửa sổ chính; hãy mở màn hình Điện thoại, hoặc khởi động lại ứng dụng nếu vừa lưu cài đặt.',
        }),
      );
  }
}

const UNSETTLED: ReadonlySet<PhoneRegistration['kind']> = new Set(['registering', 'unconfigured']);

/** Until the phone's registration settles (registered, failed, offline) or `settleMs` passes. */
function settledRegistration(phone: RegistrationSource, clock: Clock, settleMs: number): Promise<PhoneRegistration> {
  const now = phone.current().registration;
  if (!UNSETTLED.has(now.kind)) return Promise.resolve(now);
  return new Promise((resolve) => {
    const stop = phone.onCallChange((summary) => {
      if (UNSETTLED.has(summary.registration.kind)) return;
      finish(summary.registration);
    });
    const timer = clock.setTimeout(() => finish(phone.current().registration), settleMs);
    function finish(registration: PhoneRegistration): void {
      stop();
      clock.clearTimeout(timer);
      resolve(registration);
    }
  });
}

/** Step 3: the in-app phone is registered (waiting a little for one in progress, e.g. just after a save). */
export async function checkSip(
  settings: Settings,
  phone: RegistrationSource,
  clock: Clock,
  settleMs: number,
): Promise<AppResult<CheckText>> {
  const problem = checkSipSettings(settings);
  if (problem) return err(problem);
  const registration = await settledRegistration(phone, clock, settleMs);
  return nameRegistration(registration, settings, settleMs);
}
