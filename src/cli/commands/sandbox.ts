import { z } from 'zod';
import type { AppError } from '../../shared/errors';
import { err, ok, type Result } from '../../shared/result';
import type { CliContext } from '../context';
import { EXIT } from '../exit-codes';
import { flag, intOption, numberOption, parseRaw, stringValue, usageError } from '../usage';
import { defineCommand } from './command';

export interface SandboxArgs {
  readonly port?: number;
  readonly seed?: number;
  readonly calls?: number;
  readonly days?: number;
  readonly rateLimitPerSecond?: number;
  readonly latencyMs?: number;
  readonly failRate?: number;
  readonly historyShape?: 'object' | 'array';
  readonly kamailio: boolean;
}

export function parseSandboxArgs(argv: readonly string[]): Result<SandboxArgs, AppError> {
  const raw = parseRaw(
    'sandbox',
    argv,
    {
      port: { type: 'string' },
      seed: { type: 'string' },
      calls: { type: 'string' },
      days: { type: 'string' },
      'rate-limit': { type: 'string' },
      latency: { type: 'string' },
      'fail-rate': { type: 'string' },
      'history-shape': { type: 'string' },
      kamailio: { type: 'boolean' },
    },
    { min: 0, max: 0, names: '' },
  );
  if (!raw.ok) return raw;
  const r = raw.value;
  const port = intOption(r, 'port', 0, 65535);
  if (!port.ok) return port;
  const seed = intOption(r, 'seed', 0, 0xffffffff);
  if (!seed.ok) return seed;
  const calls = intOption(r, 'calls', 0, 1_000_000);
  if (!calls.ok) return calls;
  const days = intOption(r, 'days', 1, 3650);
  if (!days.ok) return days;
  const rate = intOption(r, 'rate-limit', 1, 1_000_000);
  if (!rate.ok) return rate;
  const latency = intOption(r, 'latency', 0, 600_000);
  if (!latency.ok) return latency;
  const failRate = numberOption(r, 'fail-rate', 0, 1);
  if (!failRate.ok) return failRate;
  const shapeText = stringValue(r, 'history-shape');
  const shape = shapeText === undefined ? undefined : z.enum(['object', 'array']).safeParse(shapeText);
  if (shape && !shape.success) {
    return err(
      usageError(
        '--history-shape must be object or array.',
        '--history-shape phải là object hoặc array.',
        'history-shape',
      ),
    );
  }
  const defined = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
    value === undefined ? {} : ({ [key]: value } as Record<K, V>);
  return ok({
    ...defined('port', port.value),
    ...defined('seed', seed.value),
    ...defined('calls', calls.value),
    ...defined('days', days.value),
    ...defined('rateLimitPerSecond', rate.value),
    ...defined('latencyMs', latency.value),
    ...defined('failRate', failRate.value),
    ...defined('historyShape', shape?.data),
    kamailio: flag(r, 'kamailio'),
  });
}

export async function runSandbox(ctx: CliContext, args: SandboxArgs): Promise<number> {
  // Loaded only for this command: the sandbox (and Kamailio support) is not needed elsewhere.
  const { startSandbox } = await import('../../../sandbox/index');
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox(args);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : 'unknown reason';
    await ctx.io.stderr.write(`antring: the sandbox could not start: ${detail}\n`);
    return EXIT.failure;
  }
  await ctx.io.stdout.write(`${JSON.stringify(sandbox.startLine())}\n`);
  await ctx.waitForStop();
  await sandbox.close();
  return EXIT.ok;
}

export const sandboxCommand = defineCommand({
  name: 'sandbox',
  summary: 'run the AntBuddy-compatible sandbox server (tests, demos)',
  help: `Usage: antring sandbox [--port N] [--seed N] [--calls N] [--days N] [--rate-limit N]
                       [--latency MS] [--fail-rate F] [--history-shape object|array] [--kamailio]

Starts the AntBuddy-compatible sandbox on 127.0.0.1 and prints its start line as ONE JSON
line on stdout: {"apiUrl", "controlUrl", "appId", "appSecret", "domain", "email",
"accountId", "signalsUrl", and with --kamailio "sipWsUrl", "sipDomain"}. These are made-up
test credentials. Runs until SIGINT or SIGTERM, then closes cleanly (exit 0).

Options:
  --port N          port (default 0: a free one)
  --seed N          seed of the generated company and history (default 1)
  --calls N         calls in the generated history (default 5000)
  --days N          days the history spans (default 90)
  --rate-limit N    answer 503 above N requests per second (default: no limit)
  --latency MS      delay every answer by MS milliseconds
  --fail-rate F     answer this share (0..1) of requests with HTTP 500
  --history-shape   object (default: {"data": [...]}) or array (a bare list)
  --kamailio        also start a real Kamailio for SIP registration

Point the app or this command at it with ANTRING_API_URL=<apiUrl>, ANTRING_APP_ID,
ANTRING_APP_SECRET, ANTRING_DOMAIN, ANTRING_EMAIL, ANTRING_SIGNALS_URL, ANTRING_ACCOUNT_ID
from the start line (and any seeded agent's SIP user and password: GET <controlUrl>/agents).`,
  exitCodes: [
    [EXIT.ok, 'stopped by SIGINT or SIGTERM and closed cleanly'],
    [EXIT.failure, 'the sandbox could not start (e.g. the port is taken, Kamailio is missing)'],
    [EXIT.usage, 'bad usage (nothing was started)'],
  ],
  parse: parseSandboxArgs,
  run: runSandbox,
});
