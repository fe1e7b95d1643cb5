import type { Sample } from '../harness/samplers';

/**
 * "Flat" memory and connections: the median of each measure over the last simulated period is
 * compared with the median over the second (the first holds start-up: caches filling, the
 * first history sync). Periods are the day's hours, or the quarters of a one-hour run.
 *
 * - heaps (host after a full GC, renderer after a GC): last ≤ second × 1.2 + 2 MB;
 * - host RSS: last ≤ second × 1.25 (the allocator keeps what it once took);
 * - sockets, by their lowest count in the period (calls open and close sockets all the time: a
 *   leak raises the floor): last ≤ second × 1.15 + 4, for the host process and for Chromium's
 *   processes (whose pools step up once and then stay: a day showed 103 → 112 by the fourth hour,
 *   then flat);
 * - the page ends with no open RTCPeerConnection, and never holds more than 3 WebSockets (the
 *   host bridge, the SIP socket, one being replaced).
 */

export interface PeriodMedians {
  readonly period: number;
  readonly fromMs: number;
  readonly samples: number;
  readonly hostHeapMb: number;
  readonly hostRssMb: number;
  readonly rendererHeapMb: number;
  /** The lowest count in the period. */
  readonly hostSockets: number;
  /** The lowest count in the period. */
  readonly chromiumSockets: number;
  readonly pageWebSockets: number;
}

export interface MemoryVerdict {
  readonly periodMs: number;
  readonly periods: PeriodMedians[];
  readonly problems: string[];
}

function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const lowest = (values: readonly number[]): number => (values.length === 0 ? Number.NaN : Math.min(...values));

const defined = (values: readonly (number | undefined)[]): number[] =>
  values.filter((v): v is number => v !== undefined);

export function periodsOf(samples: readonly Sample[], periodMs: number, count: number): PeriodMedians[] {
  const periods: PeriodMedians[] = [];
  for (let period = 0; period < count; period++) {
    const inPeriod = samples.filter((s) => s.atMs >= period * periodMs && s.atMs < (period + 1) * periodMs);
    const last = period === count - 1 ? samples.filter((s) => s.atMs >= (period + 1) * periodMs) : [];
    const all = [...inPeriod, ...last];
    periods.push({
      period,
      fromMs: period * periodMs,
      samples: all.length,
      hostHeapMb: median(all.map((s) => s.hostHeapMb)),
      hostRssMb: median(all.map((s) => s.hostRssMb)),
      rendererHeapMb: median(defined(all.map((s) => s.rendererHeapMb))),
      hostSockets: lowest(all.map((s) => s.hostSockets)),
      chromiumSockets: lowest(all.map((s) => s.chromiumSockets)),
      pageWebSockets: median(defined(all.map((s) => s.pageWebSockets))),
    });
  }
  return periods;
}

export function checkMemory(samples: readonly Sample[], periodMs: number, count: number): MemoryVerdict {
  const periods = periodsOf(samples, periodMs, count);
  const problems: string[] = [];
  const second = periods[1];
  const last = periods.at(-1);
  if (!second || !last || second === last) {
    problems.push('too short to compare the second period with the last');
    return { periodMs, periods, problems };
  }
  const grew = (what: string, before: number, after: number, allowed: number, unit: string): void => {
    const u = unit === '' ? '' : ` ${unit}`;
    if (!(after <= allowed))
      problems.push(
        `${what} grew from ${before}${u} (period 2) to ${after}${u} (last period); allowed ${Math.round(allowed * 10) / 10}`,
      );
  };
  grew('host heap', second.hostHeapMb, last.hostHeapMb, second.hostHeapMb * 1.2 + 2, 'MB');
  grew('host RSS', second.hostRssMb, last.hostRssMb, second.hostRssMb * 1.25, 'MB');
  grew('renderer heap', second.rendererHeapMb, last.rendererHeapMb, second.rendererHeapMb * 1.2 + 2, 'MB');
  grew('host sockets', second.hostSockets, last.hostSockets, second.hostSockets * 1.15 + 4, '');
  grew('Chromium sockets', second.chromiumSockets, last.chromiumSockets, second.chromiumSockets * 1.15 + 4, '');
  const mostWebSockets = Math.max(...defined(samples.map((s) => s.pageWebSockets)));
  if (mostWebSockets > 3) problems.push(`the page held ${mostWebSockets} WebSockets open at once`);
  const final = samples.at(-1);
  if (final?.pagePeerConnections !== undefined && final.pagePeerConnections > 0)
    problems.push(`the page still holds ${final.pagePeerConnections} RTCPeerConnection(s) with no call`);
  return { periodMs, periods, problems };
}
