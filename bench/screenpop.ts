import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { percentile, round, writeBenchResult, type BenchRow as GenericBenchRow } from './stats';
import { BENCH_CHROMIUM_ARGS } from './chromium';
import { startFloorServer } from './floor/serve';
import { measureSignalFloor } from './floor/signal-floor';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../sandbox/index';
import type { SandboxAgent } from '../sandbox/state';
import type { CallSignal } from '../sandbox/signals';
import { formatForDisplay } from '../src/shared/phone';
import { startWebHost } from '../src/webhost/start';
import { startWebHostProcess, type HostProcess } from './host-process';
import buildRendererIfStale from '../test/e2e/web/global-setup';
import { appEnvFor } from '../test/support/sandbox-env';

/**
 * Screen-pop latency: from the sandbox sending a call's first CHANNEL_CREATE (taken inside the
 * sandbox's publish, in this process) to the caller's number being on screen in Chromium (a
 * MutationObserver in the page stamps the moment `[data-testid=screenpop-number]` shows it).
 * Both stamps are `performance.timeOrigin + performance.now()`: the same machine's wall clock.
 * The path measured is the real one: websocket → signals service → screen-pop → web host
 * bridge → React render. Calls are placed one at a time so each number is timed alone.
 */

export interface ScreenPopBenchOptions {
  readonly calls?: number;
  readonly seed?: number;
}

export type BenchRow = GenericBenchRow<'screenpop'>;

export interface ScreenPopSample {
  readonly call: number;
  readonly kind: 'inbound-did-queue' | 'internal';
  readonly ms: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const wallClock = (): number => performance.timeOrigin + performance.now();

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** History and agents loaded by the host, and its signals socket open. */
export async function hostReady(sandbox: RunningSandbox): Promise<void> {
  await until(() => {
    const history = sandbox.requestLog.filter((e) => e.path === '/oapi/v1/call/histories');
    const agents = sandbox.requestLog.some((e) => e.path === '/oapi/v1/agents' && e.status === 200);
    const settled =
      history.length > 0 &&
      history.every((e) => e.status !== null) &&
      Date.now() - Math.max(...history.map((e) => e.time)) > 300;
    return settled && agents && sandbox.signals.connections > 0;
  }, 'the web host to load history and connect to the signals');
  await sleep(300); // subscriptions follow authentication
}

/**
 * The page has finished starting: the screen-pop stack's chunk is in (the frame fetches it
 * after its first paint: deferred-panel.tsx) and the page has had an idle moment. A call that
 * rings before then also waits for that chunk and the stack's first answer from the host.
 */
export async function pageStarted(page: Page): Promise<void> {
  await page.waitForFunction(
    () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/ScreenPopStack-')),
    undefined,
    { timeout: 30_000 },
  );
  await page.evaluate(
    () => new Promise<void>((resolve) => window.requestIdleCallback(() => resolve(), { timeout: 2_000 })),
  );
}

/**
 * Records, in the page, when each card first shows each caller number, keyed by the card's call
 * id (`data-call-id`): a call id is new for every call, so a stamp left over from an earlier
 * call (or taken while a card re-renders on its way out) can never be read as this call's.
 * A string, not a function: tsx's transform would add helpers (`__name`) that do not exist in
 * the page.
 */
const OBSERVER_SCRIPT = `
  (() => {
    const stamps = {};
    window.__popStamps = stamps;
    const scan = () => {
      for (const card of document.querySelectorAll('[data-testid="screenpop-card"]')) {
        const callId = card.getAttribute('data-call-id') || '';
        const node = card.querySelector('[data-testid="screenpop-number"]');
        const text = node ? node.textContent || '' : '';
        if (callId === '' || text === '') continue;
        const byNumber = stamps[callId] || (stamps[callId] = {});
        if (byNumber[text] === undefined) byNumber[text] = performance.timeOrigin + performance.now();
      }
    };
    window.__popStampFor = (callIds, number) => {
      for (const callId of callIds) {
        const at = stamps[callId] && stamps[callId][number];
        if (at !== undefined) return at;
      }
      return null;
    };
    new MutationObserver(scan).observe(document, { subtree: true, childList: true, characterData: true });
  })();
`;

/** The page side of the observer: the stamp for one number on a card of one of the call ids. */
interface PopPage {
  __popStamps: Record<string, Record<string, number> | undefined>;
  __popStampFor(callIds: readonly string[], number: string): number | null;
}

/** Everything a screen-pop measurement needs: a sandbox, the web host, Chromium with the observer. */
export interface ScreenPopRig {
  readonly sandbox: RunningSandbox;
  readonly host: HostProcess;
  readonly browser: Browser;
  readonly page: Page;
  readonly agent: SandboxAgent;
  readonly colleagues: readonly SandboxAgent[];
  readonly queueId: string;
  readonly did: string;
  /** The send time of each call's first CHANNEL_CREATE, keyed by that leg's call id. */
  readonly sentAt: Map<string, number>;
  close(): Promise<void>;
}

export interface ScreenPopRigOptions {
  readonly seed?: number;
  readonly sandbox?: SandboxOptions;
  /** More ANTRING_* variables for the web host (e.g. ANTRING_CONFIG). */
  readonly env?: Record<string, string>;
  /**
   * Where the web host runs: in this process (the default, beside the sandbox and the browser
   * driver), or in its own, as the app's main process would (`out/main/webhost.js`).
   */
  readonly host?: 'this-process' | 'own-process';
  /** Prepares the data folder before the host starts (e.g. a history store, a provisioning file); may add variables. */
  readonly prepareDataDir?: (
    dataDir: string,
    sandbox: RunningSandbox,
  ) => Promise<Record<string, string> | void> | Record<string, string> | void;
}

export async function startScreenPopRig(options: ScreenPopRigOptions = {}): Promise<ScreenPopRig> {
  buildRendererIfStale();
  const sandbox = await startSandbox({ seed: options.seed ?? 11, calls: 3000, days: 40, ...options.sandbox });
  const dataDir = mkdtempSync(join(tmpdir(), 'antring-bench-screenpop-'));
  const agent = sandbox.state.agents[0];
  // Internal calls come from each colleague in turn, so consecutive internal calls show different
  // numbers (the per-call-id stamps already keep them apart; this keeps the bench honest to read).
  const colleagues = sandbox.state.agents
    .slice(1)
    .filter((a) => a.extensions[0] !== undefined && a.extensions[0] !== agent?.extensions[0]);
  const queue = sandbox.state.queues[0];
  const did = sandbox.state.dids[0];
  if (!agent || colleagues.length < 2 || !queue || !did) {
    throw new Error('the sandbox lacks agents (one plus two colleagues with extensions), a queue or a DID');
  }

  const sentAt = new Map<string, number>();
  const server = sandbox.signals.server;
  const publish = server.publish.bind(server);
  server.publish = (signal: CallSignal): number => {
    if (signal.name === 'CHANNEL_CREATE' && !sentAt.has(signal.callId)) sentAt.set(signal.callId, wallClock());
    return publish(signal);
  };

  const preparedEnv = (await options.prepareDataDir?.(dataDir, sandbox)) ?? {};
  const env = {
    ANTRING_DATA_DIR: dataDir,
    LANG: 'vi_VN.UTF-8',
    ...appEnvFor(sandbox, agent.sipUser),
    ...options.env,
    ...preparedEnv,
  };
  let host: HostProcess;
  if (options.host === 'own-process') {
    host = await startWebHostProcess(env);
  } else {
    const started = await startWebHost({ env });
    if (!started.ok) throw new Error(started.error.message);
    host = started.value;
  }
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [...BENCH_CHROMIUM_ARGS, '--enable-precise-memory-info'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript({ content: OBSERVER_SCRIPT });
  await page.goto(host.url);
  return {
    sandbox,
    host,
    browser,
    page,
    agent,
    colleagues,
    queueId: queue.id,
    did,
    sentAt,
    async close() {
      await browser.close();
      await host.close();
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Rings the agent `calls` times, one call at a time, and times each from the sandbox sending
 * it to its number on screen. `keepGoing` may stop early (e.g. once a sync being raced finished).
 */
export async function timeScreenPops(
  rig: ScreenPopRig,
  calls: number,
  keepGoing: () => boolean | Promise<boolean> = () => true,
): Promise<ScreenPopSample[]> {
  const { page, sandbox, agent, colleagues, queueId, did, sentAt } = rig;
  const samples: ScreenPopSample[] = [];
  const cardCount = (): Promise<number> =>
    page.evaluate(() => document.querySelectorAll('[data-testid="screenpop-card"]').length);
  let internalCalls = 0;
  for (let i = 0; i < calls && (await keepGoing()); i++) {
    // The stage must be empty: no card on screen, no stamp left from an earlier call.
    const leftover = await page.evaluate(() => Object.keys((window as unknown as PopPage).__popStamps));
    if ((await cardCount()) !== 0 || leftover.length !== 0) {
      throw new Error(`bench bug: call ${i + 1} would start with a card or stamps left from an earlier call`);
    }
    // A fresh number per inbound call (0 9x …, unique); internal calls rotate through colleagues.
    const internal = i % 5 === 4;
    const number = `09${String(10_000_000 + i * 7919).padStart(8, '0')}`;
    const colleague = internal ? colleagues[internalCalls++ % colleagues.length] : undefined;
    const handle =
      colleague !== undefined
        ? sandbox.signals.startCall({
            direction: 'internal',
            from: colleague.sipUser,
            to: agent.sipUser,
            ringMs: 400,
            outcome: 'missed',
          })
        : sandbox.signals.startCall({
            direction: 'inbound',
            from: number,
            to: agent.sipUser,
            did,
            queue: queueId,
            ringMs: 400,
            outcome: 'missed',
          });
    const shown = colleague !== undefined ? (colleague.extensions[0] ?? '') : formatForDisplay(number);
    // Only a card of this call (one of its legs' call ids) counts.
    const query = { callIds: handle.legs.map((leg) => leg.callId), number: shown };
    await page.waitForFunction(
      (q) => (window as unknown as PopPage).__popStampFor(q.callIds, q.number) !== null,
      query,
      { timeout: 10_000 },
    );
    const seenAt = await page.evaluate(
      (q) => (window as unknown as PopPage).__popStampFor(q.callIds, q.number) ?? Number.NaN,
      query,
    );
    const sent = sentAt.get(handle.callId);
    if (sent === undefined) throw new Error('the sandbox did not send the call');
    const ms = seenAt - sent;
    // The number cannot be on screen before the call was sent: a negative sample is a bench bug.
    if (!Number.isFinite(ms) || ms < 0) {
      throw new Error(
        `bench bug: call ${i + 1} (${colleague !== undefined ? 'internal' : 'inbound'}) timed at ${round(ms, 2)} ms`,
      );
    }
    samples.push({ call: i + 1, kind: colleague !== undefined ? 'internal' : 'inbound-did-queue', ms: round(ms, 2) });
    // Clear the stage for the next call: dismiss, wait until no card is left, only then drop stamps.
    await handle.ended;
    await page.evaluate(async () => {
      const pops = await window.antring.getScreenPops();
      if (pops.ok) for (const pop of pops.value) await window.antring.dismissScreenPop({ callId: pop.callId });
    });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="screenpop-card"]').length === 0);
    await page.evaluate(() => {
      const stamps = (window as unknown as PopPage).__popStamps;
      for (const callId of Object.keys(stamps)) delete stamps[callId];
    });
  }
  return samples;
}

export async function runScreenPopBench(
  options: ScreenPopBenchOptions = {},
): Promise<{ samples: ScreenPopSample[]; floorSamples: number[]; rows: BenchRow[] }> {
  const calls = options.calls ?? 60;
  const rig = await startScreenPopRig(options.seed === undefined ? {} : { seed: options.seed });
  const floor = await startFloorServer();
  try {
    await hostReady(rig.sandbox);
    const samples = await timeScreenPops(rig, calls);
    // The floor, in the same browser and run: a bare page writing a WebSocket frame's number.
    const floorSamples = (await measureSignalFloor(rig.browser, floor, calls)).map((ms) => round(ms, 2));

    const row = (metric: string, value: number, unit: string): BenchRow => ({
      bench: 'screenpop',
      metric,
      value: round(value),
      unit,
    });
    const all = samples.map((s) => s.ms);
    const inbound = samples.filter((s) => s.kind === 'inbound-did-queue').map((s) => s.ms);
    const rows: BenchRow[] = [
      row('calls', samples.length, 'calls'),
      row('ring → number on screen, median', percentile(all, 50), 'ms'),
      row('ring → number on screen, p95', percentile(all, 95), 'ms'),
      row('ring → number on screen, max', Math.max(...all), 'ms'),
      row('inbound via DID + queue, median', percentile(inbound, 50), 'ms'),
      row('inbound via DID + queue, p95', percentile(inbound, 95), 'ms'),
      row('floor (bare page: WebSocket frame → DOM), median', percentile(floorSamples, 50), 'ms'),
      row('floor (bare page: WebSocket frame → DOM), p95', percentile(floorSamples, 95), 'ms'),
    ];
    return { samples, floorSamples, rows };
  } finally {
    await floor.close();
    await rig.close();
  }
}

export async function main(): Promise<void> {
  const result = await runScreenPopBench();
  console.log(`screen-pop: ${result.samples.length} calls, sandbox send → number visible in Chromium`);
  console.table(result.rows.map(({ metric, value, unit }) => ({ metric, value, unit })));
  const out = await writeBenchResult('screenpop', result);
  console.log(`wrote ${out}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
