import { UA, WebSocketInterface } from 'jssip';
import type { RTCSessionEvent } from 'jssip/lib/UA';

/**
 * The floor no JsSIP app can beat: a bare page that registers with JsSIP and shows an Answer
 * button when a call rings, with nothing else on it (no framework, no host, no stores). Its
 * account comes in the URL fragment so registration starts as the page loads, like the app's.
 */

const params = new URLSearchParams(location.hash.slice(1));
const status = document.getElementById('status') as HTMLElement;
const calls = document.getElementById('calls') as HTMLElement;

const ua = new UA({
  sockets: [new WebSocketInterface(params.get('wsUrl') ?? '')],
  uri: `sip:${params.get('user') ?? ''}@${params.get('domain') ?? ''}`,
  password: params.get('password') ?? '',
  register: true,
  session_timers: false,
});
ua.on('registered', () => {
  status.textContent = 'registered';
  status.dataset['state'] = 'registered';
});
ua.on('newRTCSession', (event: RTCSessionEvent) => {
  if (event.originator !== 'remote') return;
  const button = document.createElement('button');
  button.textContent = 'Answer';
  button.dataset['testid'] = 'bare-answer';
  calls.replaceChildren(button);
  const clear = (): void => calls.replaceChildren();
  event.session.on('ended', clear);
  event.session.on('failed', clear);
});
ua.start();
window.addEventListener('pagehide', () => ua.stop());
