import type { FaultRun } from '../harness/faults';

/**
 * No token storm: the issue saw the app ask for a voice token about 2.5 times a second through
 * an API outage. After the outage's first 5 s (the first failures retry fast by design) the app
 * may ask about once every 2 s: at most 1 + seconds / 2 requests (the one request of slack keeps
 * a short window's count from failing a pace that honours the server's Retry-After).
 */

export const FIRST_FAILURES_MS = 5_000;
export const SECONDS_PER_REQUEST = 2;

export type TokenPace = Pick<FaultRun, 'id' | 'kind' | 'tokenRequestOffsets' | 'tokenWindowMs'>;

export function tokenStorms(faults: readonly TokenPace[]): string[] {
  return faults.flatMap((f) => {
    if (f.tokenWindowMs === undefined || f.tokenWindowMs - FIRST_FAILURES_MS < 4_000) return [];
    const seconds = (f.tokenWindowMs - FIRST_FAILURES_MS) / 1000;
    const asked = f.tokenRequestOffsets.filter((t) => t >= FIRST_FAILURES_MS).length;
    const overall = Math.round((f.tokenRequestOffsets.length / (f.tokenWindowMs / 1000)) * 100) / 100;
    return asked > 1 + seconds / SECONDS_PER_REQUEST
      ? [
          `${f.id} ${f.kind}: ${asked} voice-token requests in the ${Math.round(seconds * 10) / 10} s after the ` +
            `outage's first 5 s (${overall} a second over all of it)`,
        ]
      : [];
  });
}
