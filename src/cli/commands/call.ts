import type { AppError } from '../../shared/errors';
import { ok, type Result } from '../../shared/result';
import { reportError, settingsWithWarnings, type CliContext } from '../context';
import { EXIT } from '../exit-codes';
import { normalizeDialNumber } from '../phone-number';
import { requireSettings } from '../settings-check';
import { parseRaw } from '../usage';
import { defineCommand, SETTINGS_NOTE } from './command';

export interface CallArgs {
  /** Digits with an optional leading +, separators removed. */
  readonly number: string;
}

export function parseCallArgs(argv: readonly string[]): Result<CallArgs, AppError> {
  const raw = parseRaw('call', argv, {}, { min: 1, max: 1, names: 'the number to call' });
  if (!raw.ok) return raw;
  const number = normalizeDialNumber(raw.value.positionals[0] ?? '');
  if (!number.ok) return number;
  return ok({ number: number.value });
}

export async function runCall(ctx: CliContext, args: CallArgs): Promise<number> {
  const settings = await settingsWithWarnings(ctx);
  const ready = requireSettings(settings, ['apiBaseUrl', 'appId', 'appSecret', 'sipUser', 'sipPassword']);
  if (!ready.ok) return reportError(ctx, ready.error);
  const { client } = ctx.openApi(settings);
  const placed = await client.clickToCall(args.number, {
    sipUser: settings.sipUser,
    sipPassword: settings.sipPassword,
  });
  if (!placed.ok) return reportError(ctx, placed.error);
  const message =
    ctx.language() === 'vi'
      ? `Đã đặt cuộc gọi: đổ chuông ${settings.sipUser}, rồi nối tới ${args.number}.`
      : `Call placed: ringing ${settings.sipUser}, then connecting to ${args.number}.`;
  await ctx.io.stdout.write(`${message}\n`);
  return EXIT.ok;
}

export const callCommand = defineCommand({
  name: 'call',
  summary: 'click-to-call: ring your SIP device, then connect it to <number>',
  help: `Usage: antring call <number>

AntBuddy first rings your SIP device (sipUser), then connects it to <number>. The device
must be registered (the app running, or another softphone); otherwise AntBuddy refuses
the call (exit 3).

<number>: digits with an optional leading +; spaces, dashes, dots and parentheses are
ignored. Examples: "0912 345 678", "+84 912 345 678", "(028) 3822-1234", 8001.

Needs: apiBaseUrl, appId, appSecret, sipUser, sipPassword.
${SETTINGS_NOTE}`,
  exitCodes: [
    [EXIT.ok, 'the call was placed: your device rings first'],
    EXIT.failure,
    EXIT.usage,
    [EXIT.rejected, 'AntBuddy refused the call (HTTP 400), e.g. your SIP device is not registered'],
    EXIT.unavailable,
  ],
  parse: parseCallArgs,
  run: runCall,
});
