import { Notification } from 'electron';
import type { ScreenPop } from '../../shared/contract';
import type { MissedCall } from '../../shared/domain';
import { notificationText } from './popup-layout';
import { forNotificationServer, missedCallsText } from './status-text';

/** Shows a native notification for an incoming call; clicking it runs `onClick` (e.g. show the app). */
export function notifyIncomingCall(pop: ScreenPop, language: 'vi' | 'en', onClick: () => void): void {
  if (!Notification.isSupported()) return;
  const { title, body } = forNotificationServer(notificationText(pop, language), process.platform);
  // silent: the phone itself rings; a second sound from the OS would only confuse.
  const notification = new Notification({ title, body, silent: true, urgency: 'critical', timeoutType: 'default' });
  notification.on('click', onClick);
  notification.show();
}

/** Tells the agent about calls that rang while the app was offline; clicking shows the app. */
export function notifyMissedCalls(calls: readonly MissedCall[], language: 'vi' | 'en', onClick: () => void): void {
  if (!Notification.isSupported() || calls.length === 0) return;
  const { title, body } = forNotificationServer(missedCallsText(calls, language), process.platform);
  const notification = new Notification({ title, body, urgency: 'critical' });
  notification.on('click', onClick);
  notification.show();
}
