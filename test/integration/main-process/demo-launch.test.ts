import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { demoDataDir } from '../../../src/main/services/demo';
import { KAMAILIO_BINARY } from '../../../src/main/services/demo/demo-sandbox';
import { settingsFilePath } from '../../../src/main/services/settings';
import {
  APP_CONTENT_SECURITY_POLICY,
  APP_HEADER_CONTENT_SECURITY_POLICY,
} from '../../../src/shared/content-security-policy';
import { requests } from '../../../src/shared/contract';
import { buildElectronStandIn } from '../../support/electron-stand-in/build';
import type { ApiCall, StandInState } from '../../support/electron-stand-in/protocol';
import { BUILT_MAIN, BUILT_RENDERER_INDEX, ensureBuiltMain } from './built-main';
import { launchBuiltMain, type RunningMain } from './launch';

/**
 * The desktop app's demo, as built: `--demo` (npm start -- --demo, or a relaunch from "Try the
 * demo") opens the demo profile against the project's sandbox; starting and leaving the demo
 * relaunch the app with or without the switch.
 */

const APP_URL = 'app://antring/index.html';
/**
 * The demo runs its Kamailio (and the platform phone, @roamhq/wrtc, a development dependency)
 * where Kamailio is installed; this machine's answer decides what the demo must show.
 */
const KAMAILIO_HERE = existsSync(KAMAILIO_BINARY);
const PRODUCTION_CONNECT = "connect-src 'self' wss: https:";
const PRODUCTION_MEDIA = "media-src 'self' blob: https:";

let workDir: string;
let registerUrl: string;
const launched: RunningMain[] = [];

beforeAll(async () => {
  ensureBuiltMain();
  workDir = mkdtempSync(join(tmpdir(), 'antring-demo-launch-'));
  ({ registerUrl } = await buildElectronStandIn(join(workDir, 'stand-in')));
}, 120_000);

afterAll(async () => {
  // Through the app, even after a failed test: a demo's Kamailio must not outlive its process.
  await Promise.all(launched.map((main) => main.stop()));
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, 60_000);

function launch(argv: readonly string[]): { main: RunningMain; dataDir: string } {
  const home = mkdtempSync(join(workDir, 'home-'));
  const dataDir = join(home, 'data');
  mkdirSync(dataDir);
  const main = launchBuiltMain({ registerUrl, dataDir, argv });
  launched.push(main);
  return { main, dataDir };
}

const asRecord = (value: unknown): Record<string, unknown> => z.record(z.string(), z.unknown()).parse(value);

const callsTo = (state: { calls: readonly ApiCall[] }, api: string): ApiCall[] =>
  state.calls.filter((call) => call.api === api);

function mainWindowId(state: StandInState): number {
  const window = state.windows.find((candidate) => candidate.loadedUrls[0] === APP_URL);
  if (!window) throw new Error('no main window');
  return window.id;
}

/** The window opens after the ready handlers returned (in the demo, once its sandbox is up). */
async function mainWindowOpened(main: RunningMain): Promise<void> {
  await expect
    .poll(async () => (await main.snapshot()).windows.some((w) => w.loadedUrls[0] === APP_URL), { timeout: 40_000 })
    .toBe(true);
}

async function invoke(main: RunningMain, name: keyof typeof requests, payload?: unknown): Promise<unknown> {
  const windowId = mainWindowId(await main.snapshot());
  return main.request({
    type: 'invoke',
    channel: requests[name].channel,
    ...(payload === undefined ? {} : { payload: payload as never }),
    sender: 'app-window',
    windowId,
  });
}

describe('the demo in the desktop app', () => {
  it('--demo opens the demo profile against the sandbox, with its Kamailio when installed, and leaving relaunches', async () => {
    const { main, dataDir } = launch(['--demo']);
    await main.settled;
    await mainWindowOpened(main);
    const state = await main.snapshot();
    // Chromium's own storage moves to the demo profile too: it is set before ready.
    expect(callsTo(state, 'app.setPath')[0]).toMatchObject({
      args: ['userData', demoDataDir(dataDir)],
      beforeReady: true,
    });
    expect(await invoke(main, 'getDemoState')).toMatchObject({
      ok: true,
      value: {
        kind: 'running',
        sip: KAMAILIO_HERE ? { kind: 'withSip' } : { kind: 'withoutSip', reason: 'kamailio-not-installed' },
      },
    });
    expect(await invoke(main, 'getAppInfo')).toMatchObject({ ok: true, value: { dataDir: demoDataDir(dataDir) } });
    expect(await invoke(main, 'getSettings')).toMatchObject({
      ok: true,
      value: {
        values: { apiBaseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) },
        sources: { appId: 'env' },
      },
    });
    expect(await invoke(main, 'simulateDemoCall', { kind: 'inbound' })).toMatchObject({
      ok: true,
      value: { kind: 'inbound', overSip: KAMAILIO_HERE },
    });
    expect(existsSync(settingsFilePath(dataDir))).toBe(false);

    expect(await invoke(main, 'stopDemo')).toEqual({ ok: true, value: { kind: 'stopping' } });
    const exit = await main.quitting();
    expect(exit.code).toBe(0);
    const record = exit.record;
    if (!record) throw new Error(`no stand-in record; stderr:\n${exit.stderr}`);
    // The same arguments, without the switch: the next start is the real profile.
    expect(callsTo(record, 'app.relaunch').map((call) => call.args)).toEqual([[{ args: [BUILT_MAIN] }]]);
    expect(record.uncaught).toEqual([]);
  }, 60_000);

  it("the demo page's policy admits exactly the demo Kamailio's own origin and its recordings' origin, in the header and the page's meta tag", async () => {
    const { main, dataDir } = launch(['--demo']);
    await main.settled;
    await mainWindowOpened(main);
    const settings = await invoke(main, 'getSettings');
    const values = asRecord(asRecord(asRecord(settings)['value'])['values']);
    const sipWsUrl = String(values['sipWsUrl'] ?? '');
    // Without Kamailio the demo has no SIP server, and connect-src stays the production one.
    const origin = KAMAILIO_HERE ? /^(ws:\/\/127\.0\.0\.1:\d+)(\/.*)?$/.exec(sipWsUrl)?.[1] : undefined;
    if (KAMAILIO_HERE) expect(origin, sipWsUrl).toBeDefined();
    // The recordings play from the demo sandbox itself (plain http on loopback), SIP or not.
    const apiBaseUrl = String(values['apiBaseUrl'] ?? '');
    const recordings = /^(http:\/\/127\.0\.0\.1:\d+)(\/.*)?$/.exec(apiBaseUrl)?.[1];
    expect(recordings, apiBaseUrl).toBeDefined();
    const connect = origin ? `${PRODUCTION_CONNECT} ${origin}` : PRODUCTION_CONNECT;
    const media = `${PRODUCTION_MEDIA} ${recordings ?? ''}`;
    const withDemo = (policy: string): string =>
      policy.replace(PRODUCTION_CONNECT, connect).replace(PRODUCTION_MEDIA, media);
    const header = withDemo(APP_HEADER_CONTENT_SECURITY_POLICY);
    const meta = withDemo(APP_CONTENT_SECURITY_POLICY);

    // Every response the session receives (a server's own policy replaced)...
    const received = asRecord(
      await main.request({
        type: 'headers-received',
        responseHeaders: { 'content-security-policy': ['connect-src *'] },
      }),
    );
    expect(received['responseHeaders']).toEqual({ 'Content-Security-Policy': [header] });
    // ...and the page app:// serves: its header, and the meta tag the page also obeys.
    const page = asRecord(await main.request({ type: 'protocol-request', scheme: 'app', url: APP_URL, method: 'GET' }));
    expect(page['status']).toBe(200);
    expect(asRecord(page['headers'] ?? null)['content-security-policy']).toBe(header);
    const served = String(page['body']);
    expect(served).toBe(readFileSync(BUILT_RENDERER_INDEX, 'utf8').replace(APP_CONTENT_SECURITY_POLICY, meta));
    expect(served).toContain(`content="${meta}"`);
    const asset = asRecord(
      await main.request({ type: 'protocol-request', scheme: 'app', url: 'app://antring/favicon.svg', method: 'GET' }),
    );
    expect(asRecord(asset['headers'] ?? null)['content-security-policy']).toBe(header);
    if (origin) {
      // The demo process logs into the demo profile's folder.
      const demoLog = readFileSync(join(demoDataDir(dataDir), 'logs', 'main.log'), 'utf8');
      expect(demoLog).toContain(`Demo: the page may connect to its Kamailio at ${origin}`);
    }
    // Leaving quits through the app, which stops Kamailio (a killed process would leave it running).
    expect(await invoke(main, 'stopDemo')).toEqual({ ok: true, value: { kind: 'stopping' } });
    expect((await main.quitting()).code).toBe(0);
  }, 60_000);

  it('"Try the demo" relaunches into the demo in the language the page showed', async () => {
    const { main } = launch([]);
    await main.settled;
    await mainWindowOpened(main);
    expect(await invoke(main, 'getDemoState')).toEqual({ ok: true, value: { kind: 'stopped' } });
    expect(await invoke(main, 'startDemo', { language: 'en' })).toEqual({ ok: true, value: { kind: 'starting' } });
    const exit = await main.quitting();
    expect(exit.code).toBe(0);
    const record = exit.record;
    if (!record) throw new Error(`no stand-in record; stderr:\n${exit.stderr}`);
    expect(callsTo(record, 'app.relaunch').map((call) => call.args)).toEqual([
      [{ args: [BUILT_MAIN, '--demo', '--demo-language=en'] }],
    ]);
  }, 60_000);
});
