import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { percentile, round, writeBenchResult, type BenchRow as GenericBenchRow } from './stats';
import { BENCH_CHROMIUM_ARGS_WITH_MEDIA } from './chromium';
import { startFloorServer, type FloorServer } from './floor/serve';
import { startSandbox, type RunningSandbox } from '../sandbox/index';
import type { SandboxAgent } from '../sandbox/state';
import { startWebHost, type WebHost } from '../src/webhost/start';
import buildRendererIfStale from '../test/e2e/web/global-setup';
import { SipCallerPage } from '../test/e2e/web/sip-caller/caller-page';
import { startSipCallerServer } from '../test/e2e/web/sip-caller/serve';
import { sipAppEnvFor, sipServerOf } from '../test/support/sip-env';

/**
 * The phone's figures, each beside the floor no JsSIP app can beat, measured in the same run on
 * the same Kamailio and the same Chromium:
 * - start → registered: navigation start of the page to "registered" in its DOM (the app's header;
 *   a bare JsSIP page that registers as it loads);
 * - far-end INVITE → Answer button visible: a JsSIP phone in another page of the same browser
 *   stamps the moment it sends the INVITE; a MutationObserver in the called page stamps the
 *   Answer button (both stamps `performance.timeOrigin + performance.now()`: one clock);
 * - click-to-call request → device ringing (app only: a bare page has no click-to-call): the
 *   Call button's submit to the call showing on the Phone screen, rung by the sandbox's platform.
 */

export type BenchRow = GenericBenchRow<'phone'>;

/**
 * Stamps, in the page, the first moment each watched selector matches (ms since navigation start
 * and wall clock). A string: tsx's transform would add helpers that do not exist in the page.
 */
const STAMP_SCRIPT = `
  (() => {
    const watched = {
      registered: '[data-testid="sip-status"][data-state="registered"], #status[data-state="registered"]',
      answer: '[data-testid="incoming-call"] button, [data-testid="bare-answer"]',
      call: '[data-testid="incoming-call"], [data-testid="active-call"]',
    };
    const stamps = {};
    window.__stamps = stamps;
    window.__resetStamp = (name) => { delete stamps[name]; };
    const scan = () => {
      for (const [name, selector] of Object.entries(watched)) {
        if (stamps[name] === undefined && document.querySelector(selector))
          stamps[name] = { sinceStart: performance.now(), wall: performance.timeOrigin + performance.now() };
      }
    };
    document.addEventListener('submit', () => { window.__submittedAt = performance.timeOrigin + performance.now(); }, true);
    new MutationObserver(scan).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  })();
`;

interface Stamp {
  readonly sinceStart: number;
  readonly wall: number;
}
interface StampedWindow {
  __stamps: Record<string, Stamp | undefined>;
  __resetStamp(name: string): void;
  __submittedAt?: number;
}

async function stampOf(page: Page, name: string, timeoutMs = 30_000): Promise<Stamp> {
  await page.waitForFunction((n) => (window as unknown as StampedWindow).__stamps[n] !== undefined, name, {
    timeout: timeoutMs,
  });
  const stamp = await page.evaluate((n) => (window as unknown as StampedWindow).__stamps[n] ?? null, name);
  if (!stamp) throw new Error(`bench bug: no ${name} stamp`);
  return stamp;
}

async function openStamped(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.addInitScript({ content: STAMP_SCRIPT });
  await page.goto(url);
  return page;
}

async function closePage(page: Page): Promise<void> {
  await page.context().close();
}

function floorPhoneUrl(floor: FloorServer, sandbox: RunningSandbox, agent: SandboxAgent): string {
  const { wsUrl, domain } = sipServerOf(sandbox);
  const params = new URLSearchParams({ wsUrl, domain, user: agent.sipUser, password: agent.sipPassword });
  return `${floor.origin}/phone#${params.toString()}`;
}

/** Waits until Kamailio has forgotten `sipUser` (its page closed), so the next run registers afresh. */
async function untilUnregistered(sandbox: RunningSandbox, sipUser: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (await sandbox.kamailio?.isRegistered(sipUser)) {
    if (Date.now() > deadline) throw new Error(`${sipUser} stayed registered after its page closed`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Rings `target` from the caller page; the INVITE's send time is stamped inside that page. */
async function ringFrom(caller: SipCallerPage, target: string): Promise<number> {
  return caller.page.evaluate((t) => {
    const sentAt = performance.timeOrigin + performance.now();
    void window.sipCaller!.call(t);
    return sentAt;
  }, target);
}

export interface PhoneBenchOptions {
  readonly runs?: number;
  readonly calls?: number;
}

export async function runPhoneBench(
  options: PhoneBenchOptions = {},
): Promise<{ samples: Record<string, number[]>; rows: BenchRow[] }> {
  const runs = options.runs ?? 10;
  const calls = options.calls ?? 20;
  buildRendererIfStale();
  const sandbox = await startSandbox({ kamailio: true, calls: 200, days: 5, seed: 21 });
  const [appAgent, callerAgent, floorAgent] = sandbox.state.agents;
  if (!appAgent || !callerAgent || !floorAgent) throw new Error('the sandbox needs three agents');
  const floor = await startFloorServer();
  const callerServer = await startSipCallerServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'antring-bench-phone-'));
  const started = await startWebHost({
    env: { ANTRING_DATA_DIR: dataDir, LANG: 'vi_VN.UTF-8', ...sipAppEnvFor(sandbox, appAgent) },
  });
  if (!started.ok) throw new Error(started.error.message);
  const host: WebHost = started.value;
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [...BENCH_CHROMIUM_ARGS_WITH_MEDIA],
  });
  const samples: Record<string, number[]> = {
    registerApp: [],
    registerFloor: [],
    answerApp: [],
    answerFloor: [],
    clickToCallRinging: [],
  };
  try {
    // 1. Start → registered, app and floor in turn (interleaved, so machine noise hits both alike).
    for (let i = 0; i < runs; i++) {
      const app = await openStamped(browser, host.url);
      samples['registerApp']?.push((await stampOf(app, 'registered')).sinceStart);
      await closePage(app);
      await untilUnregistered(sandbox, appAgent.sipUser);
      const bare = await openStamped(browser, floorPhoneUrl(floor, sandbox, floorAgent));
      samples['registerFloor']?.push((await stampOf(bare, 'registered')).sinceStart);
      await closePage(bare);
      await untilUnregistered(sandbox, floorAgent.sipUser);
    }

    // 2. Far-end INVITE → Answer button visible, app and floor in turn.
    const { wsUrl, domain } = sipServerOf(sandbox);
    const app = await openStamped(browser, host.url);
    await stampOf(app, 'registered');
    const bare = await openStamped(browser, floorPhoneUrl(floor, sandbox, floorAgent));
    await stampOf(bare, 'registered');
    const caller = await SipCallerPage.open(await browser.newContext(), callerServer.url);
    const registered = await caller.register({
      wsUrl,
      domain,
      user: callerAgent.sipUser,
      password: callerAgent.sipPassword,
    });
    if (!registered.registered) throw new Error(`the far-end phone did not register: ${registered.cause}`);
    for (let i = 0; i < calls; i++) {
      for (const [page, agent, key] of [
        [app, appAgent, 'answerApp'],
        [bare, floorAgent, 'answerFloor'],
      ] as const) {
        await page.evaluate(() => (window as unknown as StampedWindow).__resetStamp('answer'));
        const sentAt = await ringFrom(caller, `sip:${agent.sipUser}@${domain}`);
        const shown = await stampOf(page, 'answer');
        const ms = shown.wall - sentAt;
        if (!Number.isFinite(ms) || ms < 0) throw new Error(`bench bug: an Answer button before its INVITE (${ms} ms)`);
        samples[key]?.push(ms);
        await caller.hangup();
        await page.waitForFunction(
          () => !document.querySelector('[data-testid="incoming-call"], [data-testid="bare-answer"]'),
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    await caller.close();
    await closePage(bare);

    // 3. Click-to-call request → device ringing, rung by the sandbox's platform phone.
    const platform = (await (await fetch(`${sandbox.controlUrl}/platform`)).json()) as { running?: boolean };
    if (platform.running) {
      for (let i = 0; i < calls; i++) {
        await app.evaluate(() => (window as unknown as StampedWindow).__resetStamp('call'));
        await app.getByLabel('Số điện thoại').fill(`0912${String(100_000 + i).padStart(6, '0')}`);
        await app.getByRole('button', { name: 'Gọi', exact: true }).click();
        const ringing = await stampOf(app, 'call');
        const submittedAt = await app.evaluate(() => (window as unknown as StampedWindow).__submittedAt ?? Number.NaN);
        samples['clickToCallRinging']?.push(ringing.wall - submittedAt);
        // It answers itself (the agent's own callback); the agent hangs up, and the phone is idle again.
        const active = app.getByTestId('active-call');
        await active.getByRole('button', { name: 'Kết thúc' }).click({ timeout: 20_000 });
        await app.waitForFunction(
          () => !document.querySelector('[data-testid="incoming-call"], [data-testid="active-call"]'),
          undefined,
          { timeout: 20_000 },
        );
      }
    } else {
      console.log('phone bench: the sandbox platform phone is not running; click-to-call → ringing not measured');
    }
    await closePage(app);
  } finally {
    await browser.close();
    await host.close();
    await callerServer.close();
    await floor.close();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const row = (metric: string, value: number, unit: string): BenchRow => ({
    bench: 'phone',
    metric,
    value: round(value, unit === '×' ? 2 : 1),
    unit,
  });
  const figure = (name: string, app: readonly number[], floorValues: readonly number[]): BenchRow[] => {
    const appMedian = percentile(app, 50);
    const floorMedian = percentile(floorValues, 50);
    return [
      row(`${name}, median`, appMedian, 'ms'),
      row(`${name}, p95`, percentile(app, 95), 'ms'),
      row(`${name}, floor median (bare JsSIP page)`, floorMedian, 'ms'),
      row(`${name}, floor p95 (bare JsSIP page)`, percentile(floorValues, 95), 'ms'),
      row(`${name}, median ÷ floor median`, appMedian / floorMedian, '×'),
    ];
  };
  const ringing = samples['clickToCallRinging'] ?? [];
  const rows: BenchRow[] = [
    ...figure('start → registered', samples['registerApp'] ?? [], samples['registerFloor'] ?? []),
    ...figure('far-end INVITE → Answer visible', samples['answerApp'] ?? [], samples['answerFloor'] ?? []),
    ...(ringing.length > 0
      ? [
          row('click-to-call request → device ringing, median', percentile(ringing, 50), 'ms'),
          row('click-to-call request → device ringing, p95', percentile(ringing, 95), 'ms'),
        ]
      : []),
  ];
  return { samples, rows };
}

export async function main(): Promise<void> {
  const result = await runPhoneBench();
  console.table(result.rows.map(({ metric, value, unit }) => ({ metric, value, unit })));
  console.log(`wrote ${await writeBenchResult('phone', result)}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
