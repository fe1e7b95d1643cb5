import type { CallEvent, SignalConnectionState } from '../../shared/domain';
import { messageFor, type AppError, type ErrorCode } from '../../shared/errors';
import { ok, type Result } from '../../shared/result';
import { fetchHistory } from '../../main/services/history';
import { createSignalService, type MissedCall } from '../../main/services/signals';
import { reportError, settingsWithWarnings, type CliContext } from '../context';
import { EXIT, exitCodeFor } from '../exit-codes';
import { requireSettings } from '../settings-check';
import { forTerminal } from '../text-table';
import { flag, parseRaw } from '../usage';
import { defineCommand, SETTINGS_NOTE } from './command';

export interface SignalsArgs {
  readonly json: boolean;
}

export function parseSignalsArgs(argv: readonly string[]): Result<SignalsArgs, AppError> {
  const raw = parseRaw('signals', argv, { json: { type: 'boolean' } }, { min: 0, max: 0, names: '' });
  if (!raw.ok) return raw;
  return ok({ json: flag(raw.value, 'json') });
}

const ERROR_CODES: readonly string[] = [
  'invalid_input',
  'config_invalid',
  'not_configured',
  'secret_storage_unavailable',
  'rejected',
  'not_registered',
  'server_error',
  'rate_limited',
  'network',
  'timeout',
  'malformed_response',
  'forbidden_sender',
  'unknown_channel',
  'internal',
] satisfies readonly ErrorCode[];

const isErrorCode = (code: string): code is ErrorCode => ERROR_CODES.includes(code);

export function eventLine(event: CallEvent): string {
  const extra = [event.did ? `did ${event.did}` : '', event.queue ? `queue ${event.queue}` : ''].filter(
    (s) => s !== '',
  );
  const from = event.from.name ? `${event.from.number} (${event.from.name})` : event.from.number;
  const to = event.to.name ? `${event.to.number} (${event.to.name})` : event.to.number;
  return forTerminal(
    `${event.at}  ${event.type.padEnd(8)}  ${event.direction.padEnd(8)}  ${from} -> ${to}${extra.length ? `  ${extra.join(', ')}` : ''}`,
  );
}

function stateLine(state: SignalConnectionState): string | undefined {
  switch (state.kind) {
    case 'connecting':
      return `connecting (attempt ${state.attempt})`;
    case 'live':
      return 'live';
    case 'reconnecting':
      return `reconnecting at ${state.nextAttemptAt} (attempt ${state.attempt}): ${state.lastError}`;
    case 'idle':
    case 'failed':
      return undefined;
  }
}

export async function runSignals(ctx: CliContext, args: SignalsArgs): Promise<number> {
  const settings = await settingsWithWarnings(ctx);
  const ready = requireSettings(settings, ['apiBaseUrl', 'appId', 'appSecret', 'signalsUrl', 'accountId', 'sipUser']);
  if (!ready.ok) return reportError(ctx, ready.error);
  const { client } = ctx.openApi(settings);
  const service = createSignalService({
    getConfig: () => ({
      url: settings.signalsUrl,
      accountId: settings.accountId,
      agent: { sipUser: settings.sipUser },
    }),
    tokens: { getToken: () => client.getAuthToken() },
    history: { fetchRange: (from, to) => fetchHistory(client, { from, to }) },
  });
  const { stdout, stderr } = ctx.io;
  // Output is written in order: each line waits for the one before it.
  let writing: Promise<void> = Promise.resolve();
  const emit = (out: typeof stdout, text: string): void => {
    writing = writing.then(() => out.write(`${text}\n`));
  };
  // Lines for people carry what the signal server sent (reasons, numbers): cleaned for the terminal.
  const say = (text: string): void => emit(stderr, forTerminal(text));
  let lastError: AppError | undefined;
  const failed = new Promise<number>((resolve) => {
    service.onState((state) => {
      const line = stateLine(state);
      if (line) say(`antring: signals: ${line}`);
      if (state.kind === 'failed') {
        const code = lastError?.code ?? (isErrorCode(state.code) ? state.code : 'internal');
        resolve(exitCodeFor(code));
      }
    });
  });
  service.onError((error) => {
    lastError = error;
    say(`antring: signals: ${messageFor(error, ctx.language())}`);
  });
  service.onCallEvent((event) => emit(stdout, args.json ? JSON.stringify(event) : eventLine(event)));
  // stdout carries call events only (one CallEvent per line with --json); calls found missed
  // after a gap are news for the person watching, so they go to stderr.
  service.onMissed((calls: MissedCall[]) => {
    for (const call of calls) {
      say(`antring: missed while offline: ${call.at}  ${call.from.number} -> ${call.to.number}`);
    }
  });
  service.start();
  const code = await Promise.race([ctx.waitForStop().then(() => EXIT.ok as number), failed]);
  service.stop();
  await writing;
  return code;
}

export const signalsCommand = defineCommand({
  name: 'signals',
  summary: 'follow live call events (ringing, answered, ended...)',
  help: `Usage: antring signals [--json]

Connects to the call-signal websocket with a voice auth token and prints each call event
as it happens, one line each: time, type (ringing, answered, held, resumed, ended),
direction, from -> to. With --json, one CallEvent JSON object per line. Calls missed while
the connection was down are printed as "missed" (--json: {"type":"missed",...}).
Connection states and problems go to stderr. Reconnects by itself; runs until SIGINT or
SIGTERM (exit 0), or exits with the error's code when it gives up.

Needs: apiBaseUrl, appId, appSecret, signalsUrl (ANTRING_SIGNALS_URL),
accountId (ANTRING_ACCOUNT_ID), sipUser (ANTRING_SIP_USER).
${SETTINGS_NOTE}`,
  parse: parseSignalsArgs,
  run: runSignals,
});
