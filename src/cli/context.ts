import { messageFor, type AppError } from '../shared/errors';
import type { Language, SettingKey, SettingSource, Settings } from '../shared/settings';
import { createAntBuddyClient, type AntBuddyClient, type ApiConfig } from '../main/services/api';
import {
  createSettingsService,
  memoryDocument,
  openConfDocument,
  settingsFilePath,
  resolveDataDir,
  unavailableSecretBox,
} from '../main/services/settings';
import { withImportedProvisioning } from '../main/services/first-run';
import { exitCodeFor, type ExitCode } from './exit-codes';
import type { CliIo } from './io';
import { createRawBodies, type RawBodies } from './raw-bodies';
import { cliProblems } from './settings-check';
import { forTerminal } from './text-table';

export interface LoadedSettings {
  readonly settings: Settings;
  readonly sources: Readonly<Record<SettingKey, SettingSource>>;
  readonly problems: readonly AppError[];
}

export interface ApiSession {
  readonly client: AntBuddyClient;
  /** The JSON bodies exactly as AntBuddy sent them, for output that must not be reshaped. */
  readonly raw: RawBodies;
}

/** Everything a command touches outside itself, so each can run against fakes in unit tests. */
export interface CliContext {
  readonly io: CliIo;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
  readonly fetch: typeof fetch;
  /** Settings exactly as the app resolves them (env > ANTRING_CONFIG file > saved > defaults). */
  loadSettings(): LoadedSettings;
  /** The language errors are written in: the configured one once settings load, else ANTRING_LANG, else English. */
  language(): Language;
  openApi(settings: Settings): ApiSession;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  waitForStop(): Promise<string>;
}

export interface ContextOptions {
  readonly io: CliIo;
  readonly env: NodeJS.ProcessEnv;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  readonly osLocale?: string;
  readonly waitForStop?: () => Promise<string>;
}

const CLI_SECRET_BOX_REASON = 'not available to the antring command';

export function createCliContext(options: ContextOptions): CliContext {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  let loaded: LoadedSettings | undefined;

  function loadSettings(): LoadedSettings {
    if (loaded) return loaded;
    const dataDir = resolveDataDir(options.env);
    const opened = openConfDocument(dataDir);
    // An unreadable settings file is a warning here: the command can still run from ANTRING_*.
    const document = opened.ok ? opened.value.document : memoryDocument(settingsFilePath(dataDir));
    const startupProblems = opened.ok ? opened.value.problems : [opened.error];
    // The settings service alone, not createServices: the full set starts background work
    // (screen-pop caches) that would send requests a one-shot command must not send.
    const service = createSettingsService({
      document,
      // A provisioning file the agent imported on the first-run screen counts here as in the app.
      env: withImportedProvisioning(options.env, dataDir),
      osLocale: options.osLocale ?? osLocale(options.env),
      secretBox: unavailableSecretBox(CLI_SECRET_BOX_REASON),
      startupProblems,
    });
    const view = service.view();
    loaded = {
      settings: service.effective(),
      sources: view.sources,
      problems: cliProblems(view.problems, view.sources),
    };
    return loaded;
  }

  return {
    io: options.io,
    env: options.env,
    now: options.now ?? (() => new Date()),
    fetch: fetchImpl,
    loadSettings,
    language() {
      if (loaded) return loaded.settings.language;
      const fromEnv = options.env['ANTRING_LANG']?.trim().toLowerCase();
      return fromEnv === 'vi' ? 'vi' : 'en';
    },
    openApi(settings) {
      const raw = createRawBodies(fetchImpl);
      const config: ApiConfig = {
        baseUrl: settings.apiBaseUrl,
        appId: settings.appId,
        appSecret: settings.appSecret,
        domain: settings.companyDomain,
        email: settings.companyEmail,
      };
      return { client: createAntBuddyClient(config, { fetch: raw.fetch }), raw };
    },
    waitForStop: options.waitForStop ?? waitForSignal,
  };
}

/** The default UI language follows the OS locale, as in the app; LC_ALL/LANG win over Intl's guess. */
function osLocale(env: NodeJS.ProcessEnv): string {
  const fromEnv = (env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '').split(/[.@]/)[0] ?? '';
  if (fromEnv !== '' && fromEnv !== 'C' && fromEnv !== 'POSIX') return fromEnv.replace('_', '-');
  return Intl.DateTimeFormat().resolvedOptions().locale;
}

function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = (): void => stop('SIGINT');
    const onTerm = (): void => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}

/** One sentence on stderr, in the configured language; returns the exit code for it. */
export async function reportError(ctx: CliContext, error: AppError): Promise<ExitCode> {
  // Messages may quote what a server sent (a refusal's reason): cleaned for the terminal.
  const sentence = forTerminal(messageFor(error, ctx.language())).trim();
  await ctx.io.stderr.write(`antring: ${/[.!?]$/.test(sentence) ? sentence : `${sentence}.`}\n`);
  return exitCodeFor(error.code);
}

/** Loads settings and prints their problems as warnings (stderr), once. */
export async function settingsWithWarnings(ctx: CliContext): Promise<Settings> {
  const loaded = ctx.loadSettings();
  for (const problem of loaded.problems) {
    await ctx.io.stderr.write(`antring: warning: ${forTerminal(messageFor(problem, ctx.language()))}\n`);
  }
  return loaded.settings;
}
