import { ok, type Result } from '../../shared/result';
import type { AppError } from '../../shared/errors';
import { reportError, settingsWithWarnings, type CliContext } from '../context';
import { API_COMMAND_EXIT_CODES, EXIT } from '../exit-codes';
import { requireSettings } from '../settings-check';
import { forTerminal } from '../text-table';
import { flag, parseRaw } from '../usage';
import { defineCommand, SETTINGS_NOTE } from './command';

export interface TokenArgs {
  readonly json: boolean;
}

export function parseTokenArgs(argv: readonly string[]): Result<TokenArgs, AppError> {
  const raw = parseRaw('token', argv, { json: { type: 'boolean' } }, { min: 0, max: 0, names: '' });
  if (!raw.ok) return raw;
  return ok({ json: flag(raw.value, 'json') });
}

export async function runToken(ctx: CliContext, args: TokenArgs): Promise<number> {
  const settings = await settingsWithWarnings(ctx);
  const ready = requireSettings(settings, ['apiBaseUrl', 'appId', 'appSecret']);
  if (!ready.ok) return reportError(ctx, ready.error);
  const { client } = ctx.openApi(settings);
  const token = await client.getAuthToken();
  if (!token.ok) return reportError(ctx, token.error);
  const { token: value, expire, expiresAt } = token.value;
  if (args.json) {
    await ctx.io.stdout.write(`${JSON.stringify({ token: value, expire, expiresAt: expiresAt.toISOString() })}\n`);
  } else {
    // A real token is printable ASCII; one with control characters must not drive the terminal.
    await ctx.io.stdout.write(`${forTerminal(value)}\n`);
    await ctx.io.stderr.write(`expires ${expiresAt.toISOString()}\n`);
  }
  return EXIT.ok;
}

export const tokenCommand = defineCommand({
  name: 'token',
  summary: 'print the voice auth token (for the call-signal websocket)',
  help: `Usage: antring token [--json]

Asks AntBuddy for a voice auth token and prints it on stdout; its expiry goes to stderr.
This command prints a secret on purpose: that is its job. Do not paste its output into
tickets or logs.

Options:
  --json   print {"token", "expire" (as AntBuddy sent it), "expiresAt" (ISO 8601)} on one line
  -h, --help

Needs: apiBaseUrl, appId, appSecret.
${SETTINGS_NOTE}`,
  exitCodes: API_COMMAND_EXIT_CODES,
  parse: parseTokenArgs,
  run: runToken,
});
