import { RENDERER_LOG_MESSAGE_MAX, RENDERER_LOG_STACK_MAX, type RendererLogEntry } from '../../../../shared/logs';
import { antring } from '../../api';

/** The same error again within this long is one entry (a render loop repeats it hundreds of times). */
const REPEAT_WINDOW_MS = 10_000;
/** At most this many entries a minute leave the page; the host limits again on its side. */
const PER_MINUTE = 20;

function entryFor(value: unknown, fallback: string): RendererLogEntry {
  if (value instanceof Error) {
    const message = `${value.name}: ${value.message}`.slice(0, RENDERER_LOG_MESSAGE_MAX);
    return value.stack
      ? { level: 'error', message, stack: value.stack.slice(0, RENDERER_LOG_STACK_MAX) }
      : { level: 'error', message };
  }
  const text = typeof value === 'string' && value !== '' ? value : fallback;
  return { level: 'error', message: text.slice(0, RENDERER_LOG_MESSAGE_MAX) };
}

/**
 * Sends the page's uncaught errors and unhandled rejections to the host's log (main.log in the
 * app, webhost.log in the web host), where secrets are masked: otherwise they would live and die
 * in a DevTools console nobody has open. Returns the function that stops listening.
 */
export function reportRendererErrors(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
  now: () => number = Date.now,
): () => void {
  const lastSent = new Map<string, number>();
  let windowStart = 0;
  let inWindow = 0;

  function send(entry: RendererLogEntry): void {
    const at = now();
    if (at - windowStart >= 60_000) {
      windowStart = at;
      inWindow = 0;
    }
    const previous = lastSent.get(entry.message);
    if (previous !== undefined && at - previous < REPEAT_WINDOW_MS) return;
    if (inWindow >= PER_MINUTE) return;
    inWindow++;
    lastSent.set(entry.message, at);
    if (lastSent.size > 100) lastSent.clear();
    try {
      // Never awaited and never reported again: a failing log must not become an error loop.
      antring()
        .logFromRenderer(entry)
        .catch(() => undefined);
    } catch {
      // No host yet (a page opened without its bridge): nothing to send to.
    }
  }

  const onError = (event: Event): void => {
    const error = event as ErrorEvent;
    send(entryFor(error.error, error.message || 'Uncaught error'));
  };
  const onRejection = (event: Event): void => {
    send(entryFor((event as PromiseRejectionEvent).reason, 'Unhandled promise rejection'));
  };
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}
