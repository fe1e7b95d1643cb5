import type { CallEvent, SignalConnectionState } from '../../shared/domain';
import { appError, messageFor, type AppError, type ErrorCode } from '../../shared/errors';
import type { Language, Settings } from '../../shared/settings';
import { ok, type Result } from '../../shared/result';
import { fetchHistory } from '../../main/services/history';
import {
  createAgentDirectory,
  resolveAgentIdentity,
  systemTimers,
  type ScreenPopAgent,
} from '../../main/services/screenpop';
import {
  createSignalService,
  type HistorySource,
  type MissedCall,
  type SignalConfig,
} from '../../main/services/signals';
import type { AntBuddyClient } from '../../main/services/api';
import { reportError, settingsWithWarnings, type CliContext } from '../context';
import { EXIT, exitCodeFor } from '../exit-codes';
import { createOwnCallFilter } from '../own-calls';
import { requireSettings } from '../settings-check';
import { forTerminal } from '../text-table';
import { flag, parseRaw } from '../usage';
import { defineCommand, SETTINGS_NOTE } from './command';

export interface SignalsArgs {
  readonly json: boolean;
  /** Only this agent's calls (needs sipUser). */
  readonly mine: boolean;
}

export function parseSignalsArgs(argv: readonly string[]): Result<SignalsArgs, AppError> {
  const raw = parseRaw(
    'signals',
    argv,
    { json: { type: 'boolean' }, mine: { type: 'boolean' } },
    { min: 0, max: 0, names: '' },
  );
  if (!raw.ok) return raw;
  return ok({ json: flag(raw.value, 'json'), mine: flag(raw.value, 'mine') });
}

/** The settings every run needs: the account's call signals, reached with the app's credentials. */
const ACCOUNT_SETTINGS = ['apiBaseUrl', 'appId', 'appSecret', 'signalsUrl', 'accountId'] as const;

function mineNeedsSipUser(): AppError {
  return appError(
    'not_configured',
    '--mine needs sipUser, the agent whose calls to show: set ANTRING_SIP_USER, put sipUser in the ANTRING_CONFIG file, or save it in the app.',
    '--mine cần sipUser, nhân viên có cuộc gọi cần hiện: hãy đặt ANTRING_SIP_USER, ghi sipUser trong tệp ANTRING_CONFIG, hoặc lưu trong ứng dụng.',
    { field: 'sipUser' },
  );
}

function noMissedCallsNote(language: Language): string {
  return language === 'vi'
    ? 'antring: signals: chưa có sipUser (ANTRING_SIP_USER): hiện mọi cuộc gọi của tài khoản, không báo cuộc gọi nhỡ khi mất kết nối.'
    : 'antring: signals: no sipUser (ANTRING_SIP_USER): showing every call of the account; calls missed while disconnected are not reported.';
}

function agentsUnknownNote(language: Language, error: AppError): string {
  return language === 'vi'
    ? `antring: signals: không tải được danh sách nhân viên (${messageFor(error, 'vi')}); --mine nhận ra cuộc gọi của bạn chỉ qua sipUser.`
    : `antring: signals: could not load the agents list (${messageFor(error, 'en')}); --mine recognises your calls by sipUser alone.`;
}

/**
 * This agent as the screen-pop knows it: the SIP user completed with the agents list
 * (extensions, user name, owner id), which queue legs name instead of the SIP user. One
 * request, at start; without it the SIP user alone still matches direct calls.
 */
async function resolveOwnAgent(
  client: AntBuddyClient,
  sipUser: string,
  warn: (error: AppError) => void,
): Promise<ScreenPopAgent> {
  const directory = createAgentDirectory({
    source: { getAgents: () => client.getAgents() },
    timers: systemTimers,
    onError: warn,
  });
  try {
    await directory.refresh();
    return resolveAgentIdentity(sipUser, directory) ?? { sipUser, extensions: [] };
  } finally {
    directory.dispose();
  }
}

/** Without sipUser nobody's missed calls can be picked out of the history: do not even ask it. */
const NO_HISTORY: HistorySource = { fetchRange: () => Promise.resolve(ok([])) };

function signalConfig(settings: Settings, agent: ScreenPopAgent | undefined): SignalConfig {
  return {
    url: settings.signalsUrl,
    accountId: settings.accountId,
    agent: agent
      ? {
          sipUser: agent.sipUser,
          extension: agent.extensions,
          ...(agent.ownerId ? { ownerId: agent.ownerId } : {}),
          ...(agent.username ? { username: agent.username } : {}),
        }
      : { sipUser: settings.sipUser },
  };
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
  const ready = requireSettings(settings, ACCOUNT_SETTINGS);
  if (!ready.ok) return reportError(ctx, ready.error);
  const sipUser = settings.sipUser.trim();
  if (args.mine && sipUser === '') return reportError(ctx, mineNeedsSipUser());
  const { client } = ctx.openApi(settings);
  const { stdout, stderr } = ctx.io;
  // Output is written in order: each line waits for the one before it.
  let writing: Promise<void> = Promise.resolve();
  const emit = (out: typeof stdout, text: string): void => {
    writing = writing.then(() => out.write(`${text}\n`));
  };
  // Lines for people carry what the signal server sent (reasons, numbers): cleaned for the terminal.
  const say = (text: string): void => emit(stderr, forTerminal(text));
  // A CRM integration follows the whole account and needs no agent; sipUser adds missed calls.
  if (sipUser === '') say(noMissedCallsNote(ctx.language()));
  const agent = args.mine
    ? await resolveOwnAgent(client, sipUser, (error) => say(agentsUnknownNote(ctx.language(), error)))
    : undefined;

  const print = (event: CallEvent): void => emit(stdout, args.json ? JSON.stringify(event) : eventLine(event));
  const own = agent ? createOwnCallFilter(agent, print) : undefined;
  const service = createSignalService({
    getConfig: () => signalConfig(settings, agent),
    tokens: { getToken: () => client.getAuthToken({ retry: 'none' }) },
    history: sipUser === '' ? NO_HISTORY : { fetchRange: (from, to) => fetchHistory(client, { from, to }) },
    ...(own ? { adapter: own.adapter } : {}),
  });
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
  service.onCallEvent((event) => (own ? own.accept(event) : print(event)));
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
  help: `Usage: antring signals [--json] [--mine]

Connects to the call-signal websocket with a voice auth token and prints every call event
of the account as it happens (what a CRM integration follows), one line each: time, type
(ringing, answered, held, resumed, ended), direction, from -> to. Connection states and
problems go to stderr. Reconnects by itself (outages are retried, never an exit); runs
until SIGINT or SIGTERM, or exits when the server refuses the address, account or token.

Options:
  --json   one CallEvent JSON object per line on stdout
  --mine   only this agent's calls (sipUser): calls it makes or takes, and calls that
           ring its phone through a DID or a queue (their "ringing" is printed when the
           agent's phone starts ringing)
  -h, --help

With sipUser set, calls that rang this agent while the connection was down are reported
on stderr after it comes back ("antring: missed while offline: ..."); without sipUser
there is no such report (stderr says so once).

Needs: apiBaseUrl, appId, appSecret, signalsUrl (ANTRING_SIGNALS_URL),
accountId (ANTRING_ACCOUNT_ID); sipUser (ANTRING_SIP_USER) for --mine and missed calls.
${SETTINGS_NOTE}`,
  exitCodes: [
    [EXIT.ok, 'stopped by SIGINT or SIGTERM'],
    EXIT.failure,
    [
      EXIT.usage,
      'bad usage or missing settings (--mine without sipUser), nothing was sent; or the signal server refused the address or account id',
    ],
    [EXIT.rejected, 'the call-signal server kept refusing the voice auth token'],
  ],
  parse: parseSignalsArgs,
  run: runSignals,
});
