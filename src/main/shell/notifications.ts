import { Notification } from 'electron';
import type { ScreenPop } from '../../shared/contract';
import { notificationText } from './popup-layout';

/** Shows a native notification for an incoming call; clicking it runs `onClick` (e.g. show the app). */
export function notifyIncomingCall(pop: ScreenPop, language: 'vi' | 'en', onClick: () => void): void {
  if (!Notification.isSupported()) return;
  const { title, body } = notificationText(pop, language);
  // silent: the phone itself rings; a second sound from the OS would only confuse.
  const notification = new Notification({ title, body, silent: true, urgency: 'critical', timeoutType: 'default' });
  notification.on('click', onClick);
  notification.show();
}
