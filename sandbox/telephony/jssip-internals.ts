import type { UA } from 'jssip/lib/UA';

/**
 * The two places where a Node phone reaches into JsSIP's private state, kept together: JsSIP
 * was written for browser tabs, which do not care about timers left behind when a phone stops.
 */

/**
 * JsSIP's stop() waits a fixed 2 s before it closes the socket, in case transactions are still
 * open; after the un-REGISTER was answered (or the wait gave up) close it now and drop that timer.
 */
export function closeTransportNow(ua: UA): void {
  const internals = ua as unknown as { _closeTimer?: NodeJS.Timeout | null; _transport?: { disconnect(): void } };
  if (internals._closeTimer) {
    clearTimeout(internals._closeTimer);
    internals._closeTimer = null;
    internals._transport?.disconnect();
  }
}

const TRANSACTION_TIMERS = ['F', 'K', 'B', 'D', 'M', 'J', 'L', 'H', 'I'] as const;

/**
 * JsSIP keeps finished transactions around on plain timers (up to 32 s after a call) and has
 * no way to drop them: once the phone is closed, clear them so a test or the sandbox can exit.
 */
export function releaseTransactionTimers(ua: UA): void {
  const transactions = (ua as unknown as { _transactions?: Record<string, Record<string, unknown>> })._transactions;
  if (!transactions) return;
  for (const kind of Object.values(transactions)) {
    for (const transaction of Object.values(kind)) {
      const timers = transaction as Record<string, unknown>;
      for (const name of TRANSACTION_TIMERS) {
        const timer = timers[name];
        if (timer !== undefined && timer !== null) clearTimeout(timer as NodeJS.Timeout);
      }
    }
  }
}
