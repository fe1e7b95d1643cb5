import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { BIN, BUILT_CLI, cleanEnv, ensureBuiltCli, ROOT, runNode, type CliRun } from './built-cli';

let sandbox: RunningSandbox;
let dataDir: string;
let workDir: string;
let env: NodeJS.ProcessEnv;

const DAY_MS = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  ensureBuiltCli();
  sandbox = await startSandbox({ seed: 11, calls: 600, days: 60 });
  dataDir = mkdtempSync(join(tmpdir(), 'antring-cli-data-'));
  workDir = mkdtempSync(join(tmpdir(), 'antring-cli-work-'));
  const start = sandbox.startLine();
  const agent = sandbox.state.agents[0];
  if (!agent) throw new Error('sandbox has no agents');
  env = cleanEnv({
    ANTRING_API_URL: start.apiUrl,
    ANTRING_APP_ID: start.appId,
    ANTRING_APP_SECRET: start.appSecret,
    ANTRING_DOMAIN: start.domain,
    ANTRING_EMAIL: start.email,
    ANTRING_SIP_USER: agent.sipUser,
    ANTRING_SIP_PASSWORD: agent.sipPassword,
    ANTRING_DATA_DIR: dataDir,
  });
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

beforeEach(() => {
  sandbox.faults.clear();
});

const antring = (...args: string[]): Promise<CliRun> => runNode(BUILT_CLI, args, env);
const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');

async function control(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${sandbox.controlUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

function historyWindow(): { from: Date; to: Date } {
  const to = new Date();
  return { from: new Date(to.getTime() - 40 * DAY_MS), to };
}

describe('antring (built, against the sandbox)', () => {
  it('works through the bin shim: --help and --version', async () => {
    const help = await runNode(BIN, ['--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: antring <command>/);
    const version = await runNode(BIN, ['--version'], env);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);
  });

  it('token: prints a token the sandbox issued', async () => {
    const plain = await antring('token');
    expect(plain.code).toBe(0);
    const token = plain.stdout.trim();
    expect(token).toMatch(/^\S+$/);
    expect(sandbox.state.tokens.validate(token)).toBe(true);
    expect(plain.stderr).toMatch(/^expires \d{4}-\d{2}-\d{2}T/);

    const json = await antring('token', '--json');
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { token: string; expiresAt: string };
    expect(sandbox.state.tokens.validate(parsed.token)).toBe(true);
    expect(Number.isFinite(Date.parse(parsed.expiresAt))).toBe(true);
  });

  it('history ndjson: every call of the window once, with the API field names and values', async () => {
    const { from, to } = historyWindow();
    const expected = sandbox.state.history.query(from.getTime(), to.getTime());
    expect(expected.length).toBeGreaterThan(150); // several pages at --limit 50, over two windows
    const run = await antring('history', '--from', from.toISOString(), '--to', to.toISOString(), '--limit', '50');
    expect(run.code).toBe(0);
    const records = lines(run.stdout).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toHaveLength(expected.length);
    const byId = new Map(expected.map((record) => [record._id, record]));
    for (const record of records) {
      const original = byId.get(String(record['_id']));
      expect(record).toEqual(original);
      expect(Object.keys(record)).toEqual(Object.keys(original ?? {}));
    }
    expect(new Set(records.map((r) => r['_id'])).size).toBe(expected.length);
    expect(run.stderr).toBe(''); // stderr is not a terminal: no progress
  });

  it('history csv: header and one properly quoted row per call', async () => {
    const { from, to } = historyWindow();
    const expected = sandbox.state.history.query(from.getTime(), to.getTime());
    const run = await antring('history', '--from', from.toISOString(), '--to', to.toISOString(), '--format', 'csv');
    expect(run.code).toBe(0);
    const rows = lines(run.stdout);
    expect(rows[0]).toBe('time,direction,class,caller,callee,did,status,duration,billing,recording');
    expect(rows).toHaveLength(expected.length + 1);
    const first = expected[0];
    if (!first) throw new Error('no calls');
    const row = rows.find(
      (r) => r.startsWith(new Date(first.unix_timestamp * 1000).toISOString()) && r.includes(first.callee.number),
    );
    expect(row).toBeDefined();
    expect(row?.split(',')).toHaveLength(10);
  });

  it('history table: aligned columns', async () => {
    const { to } = historyWindow();
    const from = new Date(to.getTime() - 3 * DAY_MS);
    const run = await antring('history', '--from', from.toISOString(), '--to', to.toISOString(), '--format', 'table');
    expect(run.code).toBe(0);
    const rows = lines(run.stdout);
    expect(rows[0]).toMatch(/^TIME\s+DIR\s+CALLER\s+CALLEE\s+STATUS/);
    expect(rows).toHaveLength(sandbox.state.history.query(from.getTime(), to.getTime()).length + 1);
  });

  it('history --limit 101: exit 2, one sentence, nothing sent', async () => {
    const before = sandbox.requestLog.length;
    const run = await antring('history', '--from', '2025-01-01', '--limit', '101');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('antring: --limit must be a whole number from 1 to 100.\n');
    expect(sandbox.requestLog.length).toBe(before);
  });

  it('call: 200 once the device is registered, exit 3 when it is not', async () => {
    const sipUser = String(env['ANTRING_SIP_USER']);
    await control(`/devices/${encodeURIComponent(sipUser)}`, { registered: true });
    const before = sandbox.requestLog.length;
    const placed = await antring('call', '0912 345 678');
    expect(placed.code).toBe(0);
    expect(placed.stdout).toMatch(/Call placed/);
    // Exactly one request: a one-shot command starts no background work.
    expect(sandbox.requestLog.slice(before)).toMatchObject([
      { method: 'POST', path: '/oapi/v1/call/click-to-call/0912345678', status: 200 },
    ]);

    await control(`/devices/${encodeURIComponent(sipUser)}`, { registered: false });
    const refused = await antring('call', '+84 912 345 678');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toBe('antring: Your softphone is not registered.\n');
    expect(refused.stderr).not.toContain(String(env['ANTRING_SIP_PASSWORD']));
  });

  it('call: an invalid number is refused before anything is sent', async () => {
    const before = sandbox.requestLog.length;
    const run = await antring('call', '09x12');
    expect(run.code).toBe(2);
    expect(sandbox.requestLog.length).toBe(before);
  });

  it('recording: prints a signed URL, and downloads it atomically', async () => {
    const media = sandbox.state.history.all().find((record) => record.recording !== '')?.recording;
    if (!media) throw new Error('no recording in the sandbox');
    const url = await antring('recording', media);
    expect(url.code).toBe(0);
    const signed = url.stdout.trim();
    expect(signed).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/recordings\/.*Expires=/);
    const direct = await fetch(signed);
    expect(direct.status).toBe(200);
    const bytes = Buffer.from(await direct.arrayBuffer());

    const out = join(workDir, 'call.wav');
    const saved = await antring('recording', media, '--out', out);
    expect(saved.code).toBe(0);
    expect(readFileSync(out).equals(bytes)).toBe(true);
    expect(readdirSync(workDir)).toEqual(['call.wav']);
  });

  it('recording: an unknown recording fails with no file left behind', async () => {
    const out = join(workDir, 'missing.wav');
    const run = await antring('recording', 'call_recording_doesnotexist.wav', '--out', out);
    expect([3, 4]).toContain(run.code);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(workDir).filter((name) => name.includes('missing'))).toEqual([]);
  });

  it('dashboard, queues, agents: tables, and --json as AntBuddy sent it', async () => {
    const dashboard = await antring('dashboard');
    expect(dashboard.code).toBe(0);
    expect(dashboard.stdout).toMatch(/READY/);
    const queues = await antring('queues');
    expect(queues.code).toBe(0);
    for (const queue of sandbox.state.queues) expect(queues.stdout).toContain(queue.name);
    const agents = await antring('agents');
    expect(agents.code).toBe(0);
    for (const agent of sandbox.state.agents) expect(agents.stdout).toContain(agent.username);

    for (const name of ['dashboard', 'queues', 'agents']) {
      const json = await antring(name, '--json');
      expect(json.code).toBe(0);
      expect(lines(json.stdout)).toHaveLength(1);
      const body = JSON.parse(json.stdout) as unknown;
      const direct = await (await sandboxGet(name)).json();
      if (name === 'dashboard') expect(Object.keys(body as object)).toEqual(Object.keys(direct as object));
      else expect(body).toEqual(direct);
    }
  });

  it('AntBuddy answering 500 after retries: exit 4', async () => {
    sandbox.faults.add({ kind: 'status', status: 500, count: 20, path: '/oapi/v1/queues' });
    const run = await antring('queues');
    expect(run.code).toBe(4);
    expect(run.stderr).toBe('antring: AntBuddy had a server error on queues (HTTP 500).\n');
    expect(run.stderr).not.toContain(String(env['ANTRING_APP_SECRET']));
  });

  it('a malformed answer: exit 4', async () => {
    sandbox.faults.add({ kind: 'malformed', variant: 'wrong_shape', count: 1, path: '/oapi/v1/agents' });
    const run = await antring('agents');
    expect(run.code).toBe(4);
    expect(lines(run.stderr)).toHaveLength(1);
  });

  it('signals --json: prints the events of a call, and exits 0 on SIGTERM', async () => {
    const start = sandbox.startLine();
    const child = spawn(process.execPath, [BUILT_CLI, 'signals', '--json'], {
      cwd: ROOT,
      env: { ...env, ANTRING_SIGNALS_URL: start.signalsUrl, ANTRING_ACCOUNT_ID: start.accountId },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    const exited = new Promise<number | null>((resolveExit) => child.on('close', (code) => resolveExit(code)));
    let stderr = '';
    await new Promise<void>((resolveLive, reject) => {
      child.stderr.on('data', (chunk: string) => {
        stderr += chunk;
        if (stderr.includes('antring: signals: live')) resolveLive();
      });
      void exited.then((code) => reject(new Error(`signals exited early with ${code}: ${stderr}`)));
    });
    const events: { type: string; callId: string; from: { number: string } }[] = [];
    const ended = new Promise<void>((resolveEnded) => {
      let buffer = '';
      child.stdout.on('data', (chunk: string) => {
        buffer += chunk;
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const event = JSON.parse(buffer.slice(0, newline)) as (typeof events)[number];
          buffer = buffer.slice(newline + 1);
          events.push(event);
          if (event.type === 'ended') resolveEnded();
        }
      });
    });
    try {
      sandbox.signals.startCall({
        direction: 'inbound',
        from: '0912345678',
        to: String(env['ANTRING_SIP_USER']),
        ringMs: 20,
        talkMs: 20,
        outcome: 'answered',
      });
      await ended;
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['ringing', 'answered', 'ended']));
    expect(events[0]?.from.number).toContain('912345678');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('sandbox: prints one JSON start line and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [BUILT_CLI, 'sandbox', '--calls', '20', '--seed', '3'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    const firstLine = await new Promise<string>((resolveLine, reject) => {
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        const newline = stdout.indexOf('\n');
        if (newline >= 0) resolveLine(stdout.slice(0, newline));
      });
      child.on('close', (code) => reject(new Error(`sandbox exited early with ${code}`)));
    });
    const start = JSON.parse(firstLine) as { apiUrl: string; appId: string };
    expect(start.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const exited = new Promise<number | null>((resolveExit) => child.on('close', (code) => resolveExit(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

/** The company endpoints signed by hand here would duplicate the client; ask the sandbox's state instead. */
async function sandboxGet(name: string): Promise<Response> {
  const { createAntBuddyClient } = await import('../../../src/main/services/api');
  const raw: { body?: string } = {};
  const client = createAntBuddyClient(
    {
      baseUrl: sandbox.apiUrl,
      appId: sandbox.appId,
      appSecret: sandbox.appSecret,
      domain: sandbox.domain,
      email: sandbox.email,
    },
    {
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        raw.body = await response.clone().text();
        return response;
      },
    },
  );
  if (name === 'dashboard') await client.getDashboard();
  else if (name === 'queues') await client.getQueues();
  else await client.getAgents();
  return new Response(raw.body ?? 'null');
}
