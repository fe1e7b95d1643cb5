import type { MissedCall, SignalConnectionState } from '../../shared/domain';
import { formatForDisplay } from '../../shared/phone';

type Language = 'vi' | 'en';

/** The call-signals connection in a few words, for the tray tooltip. */
export function signalStatusText(state: SignalConnectionState, language: Language): string | undefined {
  const vi = language === 'vi';
  switch (state.kind) {
    case 'idle':
      return undefined;
    case 'connecting':
      return vi ? 'Đang kết nối tín hiệu cuộc gọi…' : 'Connecting to call signals…';
    case 'live':
      return vi ? 'Đã kết nối: sẵn sàng nhận cuộc gọi' : 'Connected: ready for calls';
    case 'reconnecting':
      return vi
        ? `Mất kết nối, đang thử lại (lần ${state.attempt})`
        : `Connection lost, retrying (attempt ${state.attempt})`;
    case 'failed':
      return vi ? `Không kết nối được: ${state.reason}` : `Cannot connect: ${state.reason}`;
  }
}

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
