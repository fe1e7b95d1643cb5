import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';
import { z } from 'zod';
import { pageConnections } from './page-probe';

/**
 * Memory and open connections, sampled through the day:
 * - the host process (this one: the web host's services, and also the sandbox and the soak
 *   itself): V8 heap used after a full GC, and RSS; its open sockets (/proc/self/fd);
 * - the renderer: its JS heap used after a GC (CDP HeapProfiler.collectGarbage, then
 *   Performance.getMetrics JSHeapUsedSize), the WebSockets and RTCPeerConnections the page
 *   holds open (the page probe's counters), and the sockets of every Chromium process.
 */

export interface Sample {
  /** Real ms since the start of the day. */
  readonly atMs: number;
  readonly hostHeapMb: number;
  readonly hostRssMb: number;
  readonly hostSockets: number;
  /** Undefined while the page is asleep (frozen) or did not answer. */
  readonly rendererHeapMb: number | undefined;
  readonly pageWebSockets: number | undefined;
  readonly pagePeerConnections: number | undefined;
  readonly chromiumSockets: number;
}

const mb = (bytes: number): number => Math.round((bytes / 1_048_576) * 10) / 10;

function socketsOf(pid: number | 'self'): number {
  try {
    let count = 0;
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) count++;
      } catch {
        // closed meanwhile
      }
    }
    return count;
  } catch {
    return 0;
  }
}

/** Chromium's processes: descendants of this process whose name says so. */
function chromiumPids(): number[] {
  const parents = new Map<number, number>();
  const names = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces, so split after the last ')'.
      const close = stat.lastIndexOf(')');
      names.set(pid, stat.slice(stat.indexOf('(') + 1, close));
      parents.set(pid, Number(stat.slice(close + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = parents.get(pid), hops = 0; p !== undefined && hops < 16; p = parents.get(p), hops++)
      if (p === process.pid) return true;
    return false;
  };
  return [...names].filter(([pid, name]) => /chrom/i.test(name) && descends(pid)).map(([pid]) => pid);
}

const metricsSchema = z.object({ metrics: z.array(z.object({ name: z.string(), value: z.number() })) });

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T | undefined> =>
  Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms))]);

export class Samplers {
  readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
    private readonly dayStart: () => number,
    /** True while the page is frozen (a simulated sleep): it cannot be asked anything. */
    private readonly asleep: () => boolean,
  ) {}

  start(everyMs: number): void {
    this.timer = setInterval(() => void this.sample(), everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async sample(): Promise<Sample | undefined> {
    if (this.busy) return undefined;
    this.busy = true;
    try {
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      const memory = process.memoryUsage();
      const page = this.asleep() ? undefined : await this.pageSample();
      const sample: Sample = {
        atMs: Date.now() - this.dayStart(),
        hostHeapMb: mb(memory.heapUsed),
        hostRssMb: mb(memory.rss),
        hostSockets: socketsOf('self'),
        rendererHeapMb: page?.heapMb,
        pageWebSockets: page?.webSockets,
        pagePeerConnections: page?.peerConnections,
        chromiumSockets: chromiumPids().reduce((sum, pid) => sum + socketsOf(pid), 0),
      };
      this.samples.push(sample);
      return sample;
    } finally {
      this.busy = false;
    }
  }

  private async pageSample(): Promise<{ heapMb: number; webSockets: number; peerConnections: number } | undefined> {
    const read = async (): Promise<{ heapMb: number; webSockets: number; peerConnections: number }> => {
      await this.cdp.send('HeapProfiler.collectGarbage');
      const metrics = metricsSchema.parse(await this.cdp.send('Performance.getMetrics'));
      const heap = metrics.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
      const connections = await pageConnections(this.page);
      return { heapMb: mb(heap), ...connections };
    };
    return withTimeout(read(), 5_000).catch(() => undefined);
  }
}
