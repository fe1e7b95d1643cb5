import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { percentile, round, writeBenchResult, type BenchRow as GenericBenchRow } from './stats';
import { BENCH_CHROMIUM_ARGS_WITH_MEDIA } from './chromium';
import { startSandbox } from '../sandbox/index';
import { webHostContentSecurityPolicy, securityHeaders } from '../src/webhost/security';
import { startWebHost, type WebHost } from '../src/webhost/start';
import buildRendererIfStale from '../test/e2e/web/global-setup';
import { sipAppEnvFor } from '../test/support/sip-env';

/**
 * How fast the app opens, beside a bare HTML page, in the same Chromium, runs interleaved so
 * machine noise hits both alike. Each run is a fresh browser context (no cache, no storage).
 * The app is served by the web host and configured as an agent's would be (the sandbox's
 * account, its Kamailio for SIP). The bare page (a title and the same dial field, no script)
 * is served from loopback with the web host's own headers (its CSP, no-store): the floor of
 * any page from such a server. Through the web host itself a page also gets the bridge script
 * injected (the Electron app has its preload instead), which is part of the app's figures.
 * - first contentful paint: the browser's own `first-contentful-paint` entry;
 * - Phone screen usable: navigation start to the first moment the Phone screen's dial field
 *   (`form input[type=tel]`) is rendered, enabled, editable and outside any inert or busy part
 *   of the page, with its form's submit button enabled: the agent can type a number and call.
 *   The bare page has that field in its HTML.
 */

export type BenchRow = GenericBenchRow<'startup'>;

/** The floor: a page with the same dial field and nothing else. */
const BARE_PAGE = `<!doctype html>
<html lang="vi">
  <head>
    <meta charset="UTF-8" />
    <title>AntRing Companion (bench floor)</title>
  </head>
  <body>
    <h1>Điện thoại</h1>
    <form>
      <label>Số điện thoại <input type="tel" /></label>
      <button type="submit">Gọi</button>
    </form>
  </body>
</html>
`;

/**
 * Stamps, in the page, the first moment the dial field is usable (ms since navigation start).
 * A string: tsx's transform would add helpers that do not exist in the page.
 */
const STAMP_SCRIPT = `
  (() => {
    const isUsable = () => {
      for (const field of document.querySelectorAll('form input[type="tel"]')) {
        if (field.matches(':disabled') || field.readOnly || field.getClientRects().length === 0) continue;
        if (field.closest('[inert], [aria-busy="true"]')) continue;
        const submit = field.form && field.form.querySelector('button[type="submit"]');
        if (submit && submit.matches(':disabled')) continue;
        return true;
      }
      return false;
    };
    const check = () => {
      if (window.__usableAt === undefined && isUsable()) window.__usableAt = performance.now();
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  })();
`;

/** Serves BARE_PAGE at / on 127.0.0.1 with the headers the web host gives its page. */
async function startBarePageServer(): Promise<{ url: string; close(): Promise<void> }> {
  const headers = {
    ...securityHeaders(webHostContentSecurityPolicy({}).header),
    'Content-Type': 'text/html; charset=utf-8',
  };
  const server: Server = createServer((request, response) => {
    const found = new URL(request.url ?? '/', 'http://bare.invalid').pathname === '/';
    response.writeHead(found ? 200 : 404, headers);
    response.end(found ? BARE_PAGE : '');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface StampedWindow {
  __usableAt?: number;
}

interface StartupSample {
  readonly firstContentfulPaint: number;
  readonly usable: number;
}

async function firstContentfulPaint(page: Page): Promise<number> {
  const fcp = await page.evaluate(
    (timeoutMs) =>
      new Promise<number | null>((resolve) => {
        setTimeout(() => resolve(null), timeoutMs);
        // buffered: the entry was most likely recorded before this script ran.
        new PerformanceObserver((list) => {
          const entry = list.getEntriesByName('first-contentful-paint')[0];
          if (entry) resolve(entry.startTime);
        }).observe({ type: 'paint', buffered: true });
      }),
    30_000,
  );
  if (fcp === null) throw new Error(`no first contentful paint within 30 s at ${page.url()}`);
  return fcp;
}

async function openOnce(browser: Browser, url: string): Promise<StartupSample> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: STAMP_SCRIPT });
    await page.goto(url);
    const fcp = await firstContentfulPaint(page);
    await page.waitForFunction(() => (window as unknown as StampedWindow).__usableAt !== undefined, undefined, {
      timeout: 30_000,
    });
    const usable = await page.evaluate(() => (window as unknown as StampedWindow).__usableAt ?? Number.NaN);
    return { firstContentfulPaint: fcp, usable };
  } finally {
    await context.close();
  }
}

export interface StartupBenchOptions {
  /** Measured runs of each page (after one warm-up run of each, not counted). */
  readonly runs?: number;
}

export interface StartupBenchResult {
  readonly samples: {
    readonly app: readonly StartupSample[];
    readonly bare: readonly StartupSample[];
  };
  readonly rows: BenchRow[];
}

export async function runStartupBench(options: StartupBenchOptions = {}): Promise<StartupBenchResult> {
  const runs = options.runs ?? 20;
  buildRendererIfStale();
  const sandbox = await startSandbox({ kamailio: true, platform: false, calls: 200, days: 5, seed: 23 });
  const [agent] = sandbox.state.agents;
  if (!agent) throw new Error('the sandbox has no agent');
  const dataDir = mkdtempSync(join(tmpdir(), 'antring-bench-startup-'));
  let host: WebHost | null = null;
  let barePage: { url: string; close(): Promise<void> } | null = null;
  let browser: Browser | null = null;
  const app: StartupSample[] = [];
  const bare: StartupSample[] = [];
  try {
    const started = await startWebHost({
      env: { ANTRING_DATA_DIR: dataDir, LANG: 'vi_VN.UTF-8', ...sipAppEnvFor(sandbox, agent) },
    });
    if (!started.ok) throw new Error(started.error.message);
    host = started.value;
    barePage = await startBarePageServer();
    browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [...BENCH_CHROMIUM_ARGS_WITH_MEDIA],
    });
    // Warm-up: the first page of a fresh browser pays for its processes, not for the page.
    await openOnce(browser, host.url);
    await openOnce(browser, barePage.url);
    for (let i = 0; i < runs; i++) {
      app.push(await openOnce(browser, host.url));
      bare.push(await openOnce(browser, barePage.url));
    }
  } finally {
    await browser?.close();
    await barePage?.close();
    await host?.close();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const row = (metric: string, value: number, unit: string): BenchRow => ({
    bench: 'startup',
    metric,
    value: round(value, unit === '×' ? 2 : 1),
    unit,
  });
  const figure = (name: string, pick: (sample: StartupSample) => number): BenchRow[] => {
    const appValues = app.map(pick);
    const bareValues = bare.map(pick);
    const appMedian = percentile(appValues, 50);
    const bareMedian = percentile(bareValues, 50);
    return [
      row(`${name}, median`, appMedian, 'ms'),
      row(`${name}, p95`, percentile(appValues, 95), 'ms'),
      row(`${name}, bare page median`, bareMedian, 'ms'),
      row(`${name}, bare page p95`, percentile(bareValues, 95), 'ms'),
      row(`${name}, median ÷ bare page median`, appMedian / bareMedian, '×'),
    ];
  };
  return {
    samples: { app, bare },
    rows: [
      ...figure('first contentful paint', (s) => s.firstContentfulPaint),
      ...figure('Phone screen usable', (s) => s.usable),
    ],
  };
}

export async function main(): Promise<void> {
  const result = await runStartupBench();
  console.table(result.rows.map(({ metric, value, unit }) => ({ metric, value, unit })));
  console.log(`wrote ${await writeBenchResult('startup', result)}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
