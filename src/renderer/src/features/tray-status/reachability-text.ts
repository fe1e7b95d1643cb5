import type { TFunction } from 'i18next';
import type { Reachability, UnreachableReason } from '../../../../shared/reachability';

/** One reason calls cannot reach the agent, in the page's language (main words the tray's own). */
export function reasonText(reason: UnreachableReason, t: TFunction): string {
  switch (reason.kind) {
    case 'phone-failed':
    case 'phone-offline':
      return reason.detail === undefined
        ? t(`tray.reason.${reason.kind}`)
        : t(`tray.reason.${reason.kind}-detail`, { detail: reason.detail });
    case 'signals-reconnecting':
      return t('tray.reason.signals-reconnecting', { attempt: reason.attempt });
    case 'signals-failed':
      return t('tray.reason.signals-failed', { detail: reason.detail });
    default:
      return t(`tray.reason.${reason.kind}`);
  }
}

/** The state in a few words: what the tray icon would say. */
export function reachabilityWords(reachability: Reachability, t: TFunction): string {
  return t(`tray.state.${reachability.kind}`);
}
