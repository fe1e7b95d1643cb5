import { z } from 'zod';
import type { SandboxOptions } from './index';

/** Command-line arguments of sandbox/main.ts, validated (a bad value is a message, not a throw). */

export const USAGE =
  'usage: sandbox/main.ts [--port N] [--seed N] [--calls N] [--days N] [--rate-limit N] [--latency MS] [--fail-rate F] [--history-shape object|array] [--kamailio] [--no-platform]';

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const VALUE_FLAGS = {
  '--port': ['port', wholeNumber(0, 65535)],
  '--seed': ['seed', wholeNumber(0, 0xffffffff)],
  '--calls': ['calls', wholeNumber(0, 1_000_000)],
  '--days': ['days', wholeNumber(1, 3650)],
  '--rate-limit': ['rateLimitPerSecond', wholeNumber(1, 1_000_000)],
  '--latency': ['latencyMs', wholeNumber(0, 600_000)],
  '--fail-rate': [
    'failRate',
    z
      .string()
      .regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'must be a number from 0 to 1')
      .transform(Number),
  ],
  '--history-shape': ['historyShape', z.enum(['object', 'array'])],
} as const;

export type ParsedArgs = { ok: true; options: SandboxOptions } | { ok: false; message: string } | { ok: 'help' };

export function parseMainArgs(argv: readonly string[]): ParsedArgs {
  const options: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { ok: 'help' };
    if (arg === '--kamailio') {
      options.kamailio = true;
      continue;
    }
    // The platform phone comes with Kamailio; this keeps Kamailio without it (signals-only calls).
    if (arg === '--no-platform') {
      options.platform = false;
      continue;
    }
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const spec = (VALUE_FLAGS as Record<string, readonly [string, z.ZodType<unknown, string>] | undefined>)[flag];
    if (!spec) return { ok: false, message: `unknown argument: ${arg}` };
    const value = inline ?? argv[++i];
    if (value === undefined) return { ok: false, message: `${flag} needs a value` };
    const parsed = spec[1].safeParse(value);
    if (!parsed.success)
      return { ok: false, message: `${flag} ${parsed.error.issues[0]?.message ?? 'is invalid'} (got "${value}")` };
    options[spec[0]] = parsed.data;
  }
  return { ok: true, options: options as SandboxOptions };
}
