import type { MissedCall } from '../../shared/domain';
import { formatForDisplay } from '../../shared/phone';

type Language = 'vi' | 'en';

/** Title and body of the notification about calls missed while the app was not listening. */
export function missedCallsText(calls: readonly MissedCall[], language: Language): { title: string; body: string } {
  const vi = language === 'vi';
  const numbers = calls.slice(0, 3).map((call) => formatForDisplay(call.from.number));
  const more = calls.length > 3 ? (vi ? ` và ${calls.length - 3} cuộc khác` : ` and ${calls.length - 3} more`) : '';
  return {
    title: vi ? `${calls.length} cuộc gọi nhỡ khi mất kết nối` : `${calls.length} calls missed while offline`,
    body: `${numbers.join(', ')}${more}`,
  };
}

/**
 * The text as the OS notification server must receive it. On Linux the body is libnotify body
 * markup (a subset of HTML that most servers render), so a caller name like `<b>Boss</b> & co`
 * (from the platform or the history: not ours) would be rendered or mangled: `<`, `>` and `&`
 * are escaped there. The title (the spec's "summary") is plain text, and Windows and macOS show
 * both as typed, so those are left alone. Pure: the platform is an argument.
 */
export function forNotificationServer(
  text: { readonly title: string; readonly body: string },
  platform: NodeJS.Platform,
): { title: string; body: string } {
  if (platform !== 'linux') return { title: text.title, body: text.body };
  return { title: text.title, body: escapeBodyMarkup(text.body) };
}

function escapeBodyMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
