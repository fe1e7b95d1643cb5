import type { Page } from '@playwright/test';
import { z } from 'zod';

/**
 * The app as an observer outside it sees it: a script installed in the page before the app
 * loads watches the DOM (screen-pop cards by `data-call-id`, the ringing card, the SIP and
 * call-signals badges, the missed-calls panel) and counts the page's open WebSockets and
 * RTCPeerConnections; every change is pushed to Node at once with the page's clock. The app's
 * code is not touched: only what it renders is read.
 */

const BINDING = '__soakReport';

/**
 * Runs in the page (a string: tsx would add helpers that do not exist there). A card counts as
 * appearing when its call id was not on screen before a DOM change and is after it, or was
 * added and removed within one change: React moving a card (a reorder) is not a new pop.
 */
const PROBE_SCRIPT = `
(() => {
  const report = (event) => { try { window.${BINDING}(JSON.stringify({ ...event, t: Date.now() })); } catch (e) {} };
  const counts = { wsOpen: 0, pcOpen: 0 };
  window.__soakCounts = counts;
  const NativeWebSocket = window.WebSocket;
  class CountedWebSocket extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      counts.wsOpen++;
      const url = String(args[0]).replace(/token=[^&]*/, 'token=…');
      report({ k: 'ws', ev: 'new', url });
      this.addEventListener('open', () => report({ k: 'ws', ev: 'open', url }));
      this.addEventListener('close', () => { counts.wsOpen--; report({ k: 'ws', ev: 'close', url }); }, { once: true });
    }
  }
  window.WebSocket = CountedWebSocket;
  const NativePeerConnection = window.RTCPeerConnection;
  if (typeof NativePeerConnection === 'function') {
    class CountedPeerConnection extends NativePeerConnection {
      constructor(...args) {
        super(...args);
        counts.pcOpen++;
        let closed = false;
        const done = () => { if (!closed) { closed = true; counts.pcOpen--; } };
        const close = this.close.bind(this);
        this.close = () => { done(); close(); };
        this.addEventListener('connectionstatechange', () => { if (this.connectionState === 'closed') done(); });
      }
    }
    window.RTCPeerConnection = CountedPeerConnection;
  }
  let pops = new Map();
  let rings = new Map();
  let sip = null;
  let sig = null;
  let missed = -1;
  const text = (root, id) => (root.querySelector('[data-testid="' + id + '"]')?.textContent ?? '').trim();
  const scan = (records) => {
    const added = new Map();
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        const cards = node.matches('[data-testid="screenpop-card"]') ? [node] : [...node.querySelectorAll('[data-testid="screenpop-card"]')];
        for (const card of cards) added.set(card.getAttribute('data-call-id') ?? '', card);
      }
    }
    const nowPops = new Map();
    for (const card of document.querySelectorAll('[data-testid="screenpop-card"]')) nowPops.set(card.getAttribute('data-call-id') ?? '', card);
    for (const [id, card] of nowPops) if (!pops.has(id)) report({ k: 'pop', id, num: text(card, 'screenpop-number'), name: text(card, 'screenpop-name') });
    for (const [id, card] of added) {
      if (!pops.has(id) && !nowPops.has(id)) {
        report({ k: 'pop', id, num: text(card, 'screenpop-number'), name: text(card, 'screenpop-name') });
        report({ k: 'popGone', id });
      }
    }
    for (const id of pops.keys()) if (!nowPops.has(id)) report({ k: 'popGone', id });
    pops = nowPops;
    const nowRings = new Map();
    for (const card of document.querySelectorAll('[data-testid="incoming-call"]')) nowRings.set(text(card, 'call-number'), card);
    for (const [num, card] of nowRings) if (!rings.has(num)) report({ k: 'ring', num, waiting: card.getAttribute('data-ring-style') === 'waiting' });
    for (const num of rings.keys()) if (!nowRings.has(num)) report({ k: 'ringGone', num });
    rings = nowRings;
    const sipNow = document.querySelector('[data-testid="sip-status"]')?.getAttribute('data-state') ?? null;
    if (sipNow !== sip) { sip = sipNow; report({ k: 'sip', s: sip }); }
    const sigNow = document.querySelector('[data-testid="signal-status"]')?.getAttribute('data-state') ?? null;
    if (sigNow !== sig) { sig = sigNow; report({ k: 'sig', s: sig }); }
    const missedNow = document.querySelectorAll('[data-testid="missed-call"]').length;
    if (missedNow !== missed) { missed = missedNow; report({ k: 'missed', n: missed }); }
  };
  new MutationObserver(scan).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-state', 'data-call-id', 'data-ring-style'],
  });
})();
`;

const eventSchema = z.discriminatedUnion('k', [
  z.object({ k: z.literal('pop'), t: z.number(), id: z.string(), num: z.string(), name: z.string() }),
  z.object({ k: z.literal('popGone'), t: z.number(), id: z.string() }),
  z.object({ k: z.literal('ring'), t: z.number(), num: z.string(), waiting: z.boolean() }),
  z.object({ k: z.literal('ringGone'), t: z.number(), num: z.string() }),
  z.object({ k: z.literal('sip'), t: z.number(), s: z.string().nullable() }),
  z.object({ k: z.literal('sig'), t: z.number(), s: z.string().nullable() }),
  z.object({ k: z.literal('missed'), t: z.number(), n: z.number() }),
  z.object({ k: z.literal('ws'), t: z.number(), ev: z.enum(['new', 'open', 'close']), url: z.string() }),
]);
type ProbeEvent = z.infer<typeof eventSchema>;

/** One screen-pop card's life on screen. */
export interface PopSighting {
  readonly callId: string;
  readonly number: string;
  readonly name: string;
  readonly appearedAt: number;
  goneAt: number | undefined;
}

export interface StateChange {
  readonly at: number;
  readonly state: string | null;
}

export class PageProbe {
  readonly pops: PopSighting[] = [];
  readonly sip: StateChange[] = [];
  readonly signals: StateChange[] = [];
  readonly rings: { readonly number: string; readonly at: number; readonly waiting: boolean }[] = [];
  missedShown = 0;
  /** Events the probe sent that did not parse: a probe bug, reported rather than ignored. */
  unreadable = 0;
  private readonly ringing = new Set<string>();
  private readonly listeners = new Set<() => void>();

  /** Installs the probe; call before the page opens the app. */
  static async install(page: Page): Promise<PageProbe> {
    const probe = new PageProbe();
    await page.exposeFunction(BINDING, (json: string) => probe.receive(json));
    await page.addInitScript({ content: PROBE_SCRIPT });
    return probe;
  }

  get sipState(): string | null {
    return this.sip.at(-1)?.state ?? null;
  }

  get signalState(): string | null {
    return this.signals.at(-1)?.state ?? null;
  }

  /** Numbers (as displayed) of the calls ringing on the phone now. */
  get ringingNow(): ReadonlySet<string> {
    return this.ringing;
  }

  /** Pop cards on screen now. */
  popsOnScreen(): PopSighting[] {
    return this.pops.filter((p) => p.goneAt === undefined);
  }

  /** Resolves once `test` holds (checked after every page event), or false after `timeoutMs`. */
  until(test: () => boolean, timeoutMs: number): Promise<boolean> {
    if (test()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = (): void => {
        if (!test()) return;
        finish(true);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      const finish = (value: boolean): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve(value);
      };
      this.listeners.add(check);
    });
  }

  private receive(json: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      this.unreadable++;
      return;
    }
    const parsed = eventSchema.safeParse(raw);
    if (!parsed.success) {
      this.unreadable++;
      return;
    }
    this.apply(parsed.data);
    for (const listener of [...this.listeners]) listener();
  }

  private apply(event: ProbeEvent): void {
    switch (event.k) {
      case 'pop':
        this.pops.push({
          callId: event.id,
          number: event.num,
          name: event.name,
          appearedAt: event.t,
          goneAt: undefined,
        });
        return;
      case 'popGone': {
        const open = this.pops.findLast((p) => p.callId === event.id && p.goneAt === undefined);
        if (open) open.goneAt = event.t;
        return;
      }
      case 'ring':
        this.ringing.add(event.num);
        this.rings.push({ number: event.num, at: event.t, waiting: event.waiting });
        return;
      case 'ringGone':
        this.ringing.delete(event.num);
        return;
      case 'sip':
        this.sip.push({ at: event.t, state: event.s });
        return;
      case 'sig':
        this.signals.push({ at: event.t, state: event.s });
        return;
      case 'missed':
        this.missedShown = event.n;
        return;
      case 'ws':
        return;
    }
  }
}

/** The page's open WebSockets and peer connections, read from the probe's counters. */
export async function pageConnections(page: Page): Promise<{ webSockets: number; peerConnections: number }> {
  return page.evaluate(() => {
    const counts = (window as unknown as { __soakCounts?: { wsOpen: number; pcOpen: number } }).__soakCounts;
    return { webSockets: counts?.wsOpen ?? -1, peerConnections: counts?.pcOpen ?? -1 };
  });
}
