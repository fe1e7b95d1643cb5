import { Notification } from 'electron';
import type { Language } from '../../shared/settings';
import { forNotificationServer } from './status-text';
import type { ReachabilityAlert } from './tray-alerts';
import { closedToTrayText, reachableAgainText, unreachableNotificationText } from './tray-text';

/**
 * The tray's OS notifications. The reasons quote the SIP server and the signals service
 * (`403 Forbidden`, a close reason): not ours, so escaped for Linux body markup like the rest.
 * Answers whether a notification was shown.
 */
function show(text: { title: string; body: string }, urgency: 'normal' | 'critical', onClick: () => void): boolean {
  if (!Notification.isSupported()) return false;
  const { title, body } = forNotificationServer(text, process.platform);
  const notification = new Notification({ title, body, urgency });
  notification.on('click', onClick);
  notification.show();
  return true;
}

/** Calls stopped reaching the agent (critical: they are missing calls), or reach them again. */
export function notifyReachability(alert: ReachabilityAlert, language: Language, onClick: () => void): boolean {
  return alert.kind === 'unreachable'
    ? show(unreachableNotificationText(alert.reachability, language), 'critical', onClick)
    : show(reachableAgainText(language), 'normal', onClick);
}

/** The first close of the window: the app keeps running in the tray. */
export function notifyClosedToTray(language: Language, onClick: () => void): boolean {
  return show(closedToTrayText(language, process.platform), 'normal', onClick);
}
