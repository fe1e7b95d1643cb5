/**
 * The floor for screen-pop latency: a bare page that writes the number carried by a WebSocket
 * frame into the DOM, nothing else. The bench times it exactly as it times the app.
 */
const target = document.getElementById('number') as HTMLElement;
const socket = new WebSocket(new URLSearchParams(location.hash.slice(1)).get('ws') ?? '');
socket.addEventListener('message', (event: MessageEvent<string>) => {
  const frame = JSON.parse(event.data) as { callId: string; number: string };
  target.dataset['callId'] = frame.callId;
  target.textContent = frame.number;
});
