import { useEffect, useState } from 'react';

/**
 * The current time, re-read every `intervalMs` while the component is mounted (for "N s ago"),
 * and at once whenever `resync` changes, so the text agrees with a change that just happened
 * (new figures, or the stale flag) instead of lagging up to one interval behind it.
 */
export function useNow(intervalMs: number, resync?: unknown): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const read = (): void => setNow(Date.now());
    const soon = setTimeout(read, 0);
    const timer = setInterval(read, intervalMs);
    return () => {
      clearTimeout(soon);
      clearInterval(timer);
    };
  }, [intervalMs, resync]);
  return now;
}
