import type { Reachability, UnreachableReason } from '../../shared/reachability';
import type { Language } from '../../shared/settings';
import { PRODUCT_NAME } from '../services/settings';

/**
 * The tray's words, in Vietnamese and English: the state as the menu's status line and the
 * tooltip show it, the menu's labels, and the notifications the tray sends. Pure.
 */

/** Windows cuts tray tooltips at 127 characters (NOTIFYICONDATA's szTip); longer ones lose their end. */
export const TOOLTIP_MAX_CHARS = 127;
/** A status line wider than this makes the whole menu as wide: the detail is cut, the tooltip has more. */
const STATUS_LINE_MAX_CHARS = 90;

const STATE_WORDS: Readonly<Record<Reachability['kind'], Readonly<Record<Language, string>>>> = {
  reachable: { en: 'Ready for calls', vi: 'Sẵn sàng nhận cuộc gọi' },
  unreachable: { en: 'Calls cannot reach you', vi: 'Không thể nhận cuộc gọi' },
  dnd: { en: 'Do not disturb: calls are refused', vi: 'Không làm phiền: cuộc gọi bị từ chối' },
  'in-call': { en: 'In a call', vi: 'Đang trong cuộc gọi' },
};

/** The state in a few words, without reasons. */
export function reachabilityWords(reachability: Reachability, language: Language): string {
  return STATE_WORDS[reachability.kind][language];
}

/** One reason calls cannot reach the agent, as a clause. */
export function unreachableReasonText(reason: UnreachableReason, language: Language): string {
  const vi = language === 'vi';
  const withDetail = (text: string, detail: string | undefined): string =>
    detail === undefined || detail === '' ? text : `${text} (${detail})`;
  switch (reason.kind) {
    case 'phone-not-set-up':
      return vi ? 'điện thoại chưa có tài khoản SIP (Cài đặt)' : 'the phone has no SIP account (Settings)';
    case 'phone-starting':
      return vi ? 'điện thoại đang khởi động' : 'the phone is starting';
    case 'phone-registering':
      return vi ? 'điện thoại đang đăng ký' : 'the phone is registering';
    case 'phone-failed':
      return withDetail(
        vi ? 'máy chủ SIP từ chối đăng ký điện thoại' : 'the SIP server refused the phone',
        reason.detail,
      );
    case 'phone-offline':
      return withDetail(vi ? 'điện thoại mất kết nối' : 'the phone is offline', reason.detail);
    case 'signals-not-set-up':
      return vi ? 'tín hiệu cuộc gọi chưa được cài đặt' : 'call signals are not set up';
    case 'signals-paused':
      return vi ? 'tín hiệu cuộc gọi đang tạm dừng' : 'call signals are paused';
    case 'signals-connecting':
      return vi ? 'đang kết nối tín hiệu cuộc gọi' : 'connecting to call signals';
    case 'signals-reconnecting':
      return vi
        ? `mất tín hiệu cuộc gọi, đang thử lại (lần ${reason.attempt})`
        : `call signals lost, retrying (attempt ${reason.attempt})`;
    case 'signals-failed':
      return withDetail(vi ? 'tín hiệu cuộc gọi không kết nối được' : 'call signals cannot connect', reason.detail);
  }
}

/** The state with its reasons: "Calls cannot reach you: the phone is offline; connecting to call signals". */
export function reachabilityLine(reachability: Reachability, language: Language): string {
  const words = reachabilityWords(reachability, language);
  if (reachability.kind !== 'unreachable') return words;
  return `${words}: ${reachability.reasons.map((reason) => unreachableReasonText(reason, language)).join('; ')}`;
}

/** The menu's first line (a disabled item): the state and reasons, cut to keep the menu narrow. */
export function statusLine(reachability: Reachability, language: Language): string {
  return shorten(reachabilityLine(reachability, language), STATUS_LINE_MAX_CHARS);
}

/** The tooltip: the product, the state and its reasons, within what every OS shows in full. */
export function trayTooltip(reachability: Reachability, language: Language): string {
  return shorten(`${PRODUCT_NAME}: ${reachabilityLine(reachability, language)}`, TOOLTIP_MAX_CHARS);
}

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export interface TrayMenuLabels {
  readonly dnd: string;
  readonly dndLocked: string;
  readonly callClipboard: (number: string) => string;
  readonly favourites: string;
  readonly noFavourites: string;
  readonly recent: string;
  readonly noRecent: string;
  readonly show: string;
  readonly hide: string;
  readonly quit: string;
}

const MENU_LABELS: Readonly<Record<Language, TrayMenuLabels>> = {
  en: {
    dnd: 'Do not disturb',
    dndLocked: 'Do not disturb (set by IT)',
    callClipboard: (number) => `Call ${number} (clipboard)`,
    favourites: 'Favourites',
    noFavourites: 'No favourites yet: star numbers in History',
    recent: 'Recent numbers',
    noRecent: 'No calls yet',
    show: 'Show window',
    hide: 'Hide window',
    quit: 'Quit',
  },
  vi: {
    dnd: 'Không làm phiền',
    dndLocked: 'Không làm phiền (do IT đặt)',
    callClipboard: (number) => `Gọi ${number} (bộ nhớ tạm)`,
    favourites: 'Số yêu thích',
    noFavourites: 'Chưa có số yêu thích: gắn sao trong Lịch sử',
    recent: 'Số gọi gần đây',
    noRecent: 'Chưa có cuộc gọi nào',
    show: 'Hiện cửa sổ',
    hide: 'Ẩn cửa sổ',
    quit: 'Thoát',
  },
};

export function trayMenuLabels(language: Language): TrayMenuLabels {
  return MENU_LABELS[language];
}

/** The notification when calls stop reaching the agent (sent after the outage lasted a while). */
export function unreachableNotificationText(
  reachability: Extract<Reachability, { kind: 'unreachable' }>,
  language: Language,
): { title: string; body: string } {
  const reasons = reachability.reasons.map((reason) => unreachableReasonText(reason, language)).join('; ');
  return {
    title: reachabilityWords(reachability, language),
    body: capitalise(reasons),
  };
}

/** The notification once calls reach the agent again, after an outage that was notified. */
export function reachableAgainText(language: Language): { title: string; body: string } {
  return language === 'vi'
    ? { title: 'Đã nhận cuộc gọi trở lại', body: 'Điện thoại và tín hiệu cuộc gọi đã kết nối lại.' }
    : { title: 'Calls reach you again', body: 'The phone and call signals are connected again.' };
}

/** Said once, the first time the window is closed: the app did not quit, calls still ring. */
export function closedToTrayText(language: Language, platform: NodeJS.Platform): { title: string; body: string } {
  const where =
    platform === 'darwin'
      ? { en: 'the menu bar', vi: 'thanh menu' }
      : { en: 'the tray (by the clock)', vi: 'khay hệ thống (cạnh đồng hồ)' };
  return language === 'vi'
    ? {
        title: `${PRODUCT_NAME} vẫn đang chạy`,
        body: `Cuộc gọi vẫn đổ chuông. Mở lại hoặc thoát từ biểu tượng ở ${where.vi}.`,
      }
    : {
        title: `${PRODUCT_NAME} is still running`,
        body: `Calls still ring. Open it again or quit from its icon in ${where.en}.`,
      };
}

function capitalise(text: string): string {
  return text.length === 0 ? text : `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}
