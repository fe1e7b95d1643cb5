import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import type { SandboxAgent } from '../../../sandbox/state';
import { NodePhone } from '../../../sandbox/telephony/node-phone';
import { loadWebRtc } from '../../../sandbox/telephony/webrtc';
import { startWebHost, type WebHost } from '../../../src/webhost/start';
import buildRendererIfStale from '../../e2e/web/global-setup';
import { FAKE_MEDIA_CHROMIUM_ARGS, QUIET_CHROMIUM_ARGS } from '../../support/chromium-args';
import { sipAppEnvFor } from '../../support/sip-env';
import type { Scenario } from '../scenario/scenario';
import { LogCapture } from './log-capture';
import { PageProbe } from './page-probe';
import { SandboxControl } from './sandbox-control';
import { SignalTap } from './signal-tap';

/**
 * Everything a soak run drives, started in order and stopped in reverse: the sandbox (API,
 * call signals, Kamailio and its platform phone), the colleague's desk phone that takes
 * transfers, the web host (the app's services, in this process) and Chromium with the real
 * renderer, its SIP phone registered in Kamailio.
 */

const CHROMIUM_ARGS = [
  ...QUIET_CHROMIUM_ARGS,
  // The app's phone: a generated tone stands in for the microphone, granted without a prompt.
  ...FAKE_MEDIA_CHROMIUM_ARGS,
  // A soak runs for minutes in a page nobody looks at: no background throttling of its timers.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
];

/** The colleague picks up a transfer quickly and talks a little. */
const COLLEAGUE_ANSWER_MS = 500;
const COLLEAGUE_TALK_MS = 2_500;

export interface SoakStack {
  readonly sandbox: RunningSandbox;
  readonly control: SandboxControl;
  readonly tap: SignalTap;
  readonly logs: LogCapture;
  readonly me: SandboxAgent;
  readonly colleague: SandboxAgent;
  readonly colleaguePhone: NodePhone;
  readonly host: WebHost;
  readonly dataDir: string;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly cdp: CDPSession;
  readonly probe: PageProbe;
  /** Queue ids and DIDs by the scenario's indices. */
  readonly queueIds: readonly string[];
  readonly dids: readonly string[];
  close(): Promise<void>;
}

function agentOf(sandbox: RunningSandbox, sipUser: string): SandboxAgent {
  const agent = sandbox.state.agentBySipUser(sipUser);
  if (!agent) throw new Error(`the sandbox has no agent ${sipUser}`);
  return agent;
}

async function startColleaguePhone(sandbox: RunningSandbox, colleague: SandboxAgent): Promise<NodePhone> {
  const loaded = await loadWebRtc();
  if (!loaded.ok) throw new Error(loaded.message);
  if (sandbox.sipWsUrl === undefined || sandbox.sipDomain === undefined) throw new Error('the sandbox has no Kamailio');
  const started = await NodePhone.start({
    runtime: loaded.runtime,
    wsUrl: sandbox.sipWsUrl,
    domain: sandbox.sipDomain,
    user: colleague.sipUser,
    password: colleague.sipPassword,
    displayName: colleague.name,
    toneHz: 880,
    incoming: { kind: 'manual' },
  });
  if (!started.ok) throw new Error(`the colleague's phone did not register: ${started.message}`);
  started.phone.onIncoming((call) => {
    const answer = setTimeout(() => call.answer(), COLLEAGUE_ANSWER_MS);
    const stop = call.onEvent((event) => {
      if (event.kind === 'answered') setTimeout(() => call.hangup(), COLLEAGUE_TALK_MS);
      if (event.kind === 'ended') {
        clearTimeout(answer);
        stop();
      }
    });
  });
  return started.phone;
}

export async function startStack(scenario: Scenario, say: (line: string) => void): Promise<SoakStack> {
  buildRendererIfStale();
  const logs = new LogCapture();
  logs.captureProcess();
  const closers: (() => Promise<void> | void)[] = [() => logs.release()];
  const closeAll = async (): Promise<void> => {
    for (const close of closers.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        say(`soak: while stopping: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  try {
    // A few days of seeded history (the first sync is quick), then the day's calls on top.
    const sandbox = await startSandbox({ kamailio: true, seed: scenario.seed, calls: 2_000, days: 3 });
    closers.push(() => sandbox.close());
    if (!sandbox.platform)
      throw new Error(`the sandbox's platform phone does not run: ${sandbox.platformProblem ?? ''}`);
    const tap = new SignalTap(sandbox.signals);
    closers.push(() => tap.detach());
    logs.watchSandbox(sandbox);
    const control = new SandboxControl(sandbox.controlUrl);
    // The customer picks up a click-to-call quickly: the day is compressed, the callback is not.
    await control.setPlatform({ answerDelayMs: 300 });

    const me = agentOf(sandbox, scenario.me);
    const colleague = agentOf(sandbox, scenario.colleague);
    logs.addSecret(sandbox.appSecret);
    logs.addSecret(me.sipPassword);
    logs.addSecret(colleague.sipPassword);
    const colleaguePhone = await startColleaguePhone(sandbox, colleague);
    closers.push(() => colleaguePhone.stop());

    const dataDir = mkdtempSync(join(tmpdir(), 'antring-soak-'));
    closers.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const started = await startWebHost({
      env: { ANTRING_DATA_DIR: dataDir, LANG: 'vi_VN.UTF-8', ...sipAppEnvFor(sandbox, me) },
    });
    if (!started.ok) throw new Error(started.error.message);
    const host = started.value;
    logs.addSecret(host.token);
    closers.push(async () => {
      await host.close();
      // The log file is complete once the host has stopped.
      logs.readHostLogs(dataDir);
    });

    const browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    closers.push(() => browser.close());
    const context = await browser.newContext();
    const page = await context.newPage();
    logs.capturePage(page);
    const probe = await PageProbe.install(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(host.url);
    say(`soak: app open at ${host.origin}, waiting for the phone and call signals…`);

    const ready = await probe.until(() => probe.sipState === 'registered' && probe.signalState === 'live', 60_000);
    if (!ready)
      throw new Error(`the app did not get ready (SIP ${probe.sipState ?? '?'}, signals ${probe.signalState ?? '?'})`);
    if (!(await sandbox.kamailio?.isRegistered(me.sipUser))) throw new Error('Kamailio has no contact for the app');

    return {
      sandbox,
      control,
      tap,
      logs,
      me,
      colleague,
      colleaguePhone,
      host,
      dataDir,
      browser,
      context,
      page,
      cdp,
      probe,
      queueIds: sandbox.state.queues.map((q) => q.id),
      dids: sandbox.state.dids,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
