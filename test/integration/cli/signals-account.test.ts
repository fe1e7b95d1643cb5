import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { BUILT_CLI, cleanEnv, ensureBuiltCli, ROOT, runNode } from './built-cli';

/**
 * `antring signals` as a CRM integration runs it: the account's credentials and nothing about
 * an agent. It must stream every call of the account; --mine (one agent's calls) is the only
 * thing that needs sipUser.
 */

let sandbox: RunningSandbox;
let dataDir: string;
/** The account, without any ANTRING_SIP_USER / ANTRING_SIP_PASSWORD. */
let accountEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  ensureBuiltCli();
  sandbox = await startSandbox({ seed: 23, calls: 40, days: 5 });
  dataDir = mkdtempSync(join(tmpdir(), 'antring-cli-signals-'));
  const start = sandbox.startLine();
  accountEnv = cleanEnv({
    ANTRING_API_URL: start.apiUrl,
    ANTRING_APP_ID: start.appId,
    ANTRING_APP_SECRET: start.appSecret,
    ANTRING_DOMAIN: start.domain,
    ANTRING_EMAIL: start.email,
    ANTRING_SIGNALS_URL: start.signalsUrl,
    ANTRING_ACCOUNT_ID: start.accountId,
    ANTRING_DATA_DIR: dataDir,
  });
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface PrintedEvent {
  readonly type: string;
  readonly callId: string;
  readonly direction: string;
  readonly from: { readonly number: string };
  readonly to: { readonly number: string };
}

interface SignalsRun {
  readonly events: PrintedEvent[];
  stderr(): string;
  /** Resolves once an event matching `until` was printed. */
  waitFor(until: (event: PrintedEvent) => boolean): Promise<void>;
  /** SIGTERM, as a service manager stops it; resolves to the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `antring signals <args>` and resolves once it says the connection is live. */
async function startSignals(args: readonly string[], env: NodeJS.ProcessEnv): Promise<SignalsRun> {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    [BUILT_CLI, 'signals', ...args],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let stderr = '';
  const events: PrintedEvent[] = [];
  const waiting = new Set<{ until: (event: PrintedEvent) => boolean; resolve: () => void }>();
  let buffer = '';
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const event = JSON.parse(buffer.slice(0, newline)) as PrintedEvent;
      buffer = buffer.slice(newline + 1);
      events.push(event);
      for (const waiter of [...waiting]) {
        if (waiter.until(event)) {
          waiting.delete(waiter);
          waiter.resolve();
        }
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.includes('antring: signals: live')) resolve();
    });
    void exited.then((code) => reject(new Error(`signals exited early with ${code}: ${stderr}`)));
  });
  return {
    events,
    stderr: () => stderr,
    waitFor: (until) =>
      events.some(until)
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            waiting.add({ until, resolve });
            void exited.then((code) => reject(new Error(`signals exited with ${code}: ${stderr}`)));
          }),
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

function agents() {
  const [mine, colleague, other] = sandbox.state.agents;
  if (!mine || !colleague || !other) throw new Error('the sandbox needs three agents');
  return { mine, colleague, other };
}

describe('antring signals with an account alone (no sipUser)', () => {
  it('--json streams the calls of every agent of the account', async () => {
    const { colleague, other } = agents();
    const run = await startSignals(['--json'], accountEnv);
    try {
      const call = sandbox.signals.startCall({
        direction: 'internal',
        from: colleague.sipUser,
        to: other.sipUser,
        ringMs: 20,
        talkMs: 20,
        outcome: 'answered',
      });
      await run.waitFor((event) => event.type === 'ended');
      const ofCall = run.events.filter((event) => event.callId === call.callId);
      expect(ofCall.map((event) => event.type)).toEqual(expect.arrayContaining(['ringing', 'answered', 'ended']));
      expect(ofCall[0]?.direction).toBe('internal');
    } finally {
      expect(await run.stop()).toBe(0);
    }
    const notes = run
      .stderr()
      .split('\n')
      .filter((line) => line.includes('no sipUser'));
    expect(notes).toHaveLength(1);
    expect(run.stderr()).not.toContain(String(accountEnv['ANTRING_APP_SECRET']));
  });

  it('--mine without sipUser: exit 2, one sentence, no connection', async () => {
    const run = await runNode(BUILT_CLI, ['signals', '--json', '--mine'], accountEnv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^antring: --mine needs sipUser.*ANTRING_SIP_USER.*\n$/);
  });
});

describe('antring signals --mine with sipUser', () => {
  it("prints this agent's calls only, a queue call's ringing included once it rings this agent", async () => {
    const { mine, colleague, other } = agents();
    const queue = sandbox.state.queues[0];
    if (!queue) throw new Error('the sandbox has no queue');
    const run = await startSignals(['--json', '--mine'], { ...accountEnv, ANTRING_SIP_USER: mine.sipUser });
    try {
      // Colleagues' call first: played out entirely, it must print nothing.
      const theirs = sandbox.signals.startCall({
        direction: 'internal',
        from: colleague.sipUser,
        to: other.sipUser,
        ringMs: 20,
        talkMs: 20,
        outcome: 'answered',
      });
      await theirs.ended;
      // Then a customer through a queue that rings the colleague (no answer), then this agent.
      const ours = sandbox.signals.startCall({
        direction: 'inbound',
        from: '0912345678',
        queue: queue.id,
        ringAgents: [{ agent: colleague.sipUser }, { agent: mine.sipUser }],
        ringMs: 30,
        talkMs: 20,
        outcome: 'answered',
      });
      // One socket, in order: once our call has ended, every event of theirs was already read.
      await run.waitFor((event) => event.callId === ours.callId && event.type === 'ended');
      expect(run.events.filter((event) => event.callId !== ours.callId)).toEqual([]);
      const types = run.events.map((event) => event.type);
      expect(types[0]).toBe('ringing');
      expect(types).toEqual(expect.arrayContaining(['ringing', 'answered', 'ended']));
      expect(run.events[0]?.from.number).toContain('912345678');
    } finally {
      expect(await run.stop()).toBe(0);
    }
    expect(run.stderr()).not.toContain('no sipUser');
  });
});
