import { join, relative, resolve, isAbsolute } from 'node:path';
import { LANGUAGES, type Language } from '../../../shared/settings';

/**
 * Where the demo keeps its settings, history and caches: a folder of its own inside the real
 * data folder (`<data>/demo`), so the user's settings.json, call history and recordings are
 * never opened by the demo, and removing the demo is removing one folder. Inside rather than
 * beside it: ANTRING_DATA_DIR (tests, second profiles) then isolates the demo too.
 */
export const DEMO_PROFILE_FOLDER = 'demo';

export function demoDataDir(realDataDir: string): string {
  return join(resolve(realDataDir), DEMO_PROFILE_FOLDER);
}

/**
 * True when `candidate` is the real data folder itself or a folder above it: what the demo must
 * never use as its own, since everything of the user's lives there.
 */
export function overlapsRealProfile(candidate: string, realDataDir: string): boolean {
  const fromCandidate = relative(resolve(candidate), resolve(realDataDir));
  return fromCandidate === '' || (!fromCandidate.startsWith('..') && !isAbsolute(fromCandidate));
}

/** The command-line switch that starts the app (Electron or the web host) straight in the demo. */
export const DEMO_SWITCH = '--demo';
const LANGUAGE_SWITCH = '--demo-language=';

export interface DemoLaunch {
  readonly demo: boolean;
  /** The language the page showed when the demo was asked for (Electron relaunches with it). */
  readonly language?: Language;
}

/** Reads `--demo` (and `--demo-language=vi|en`) from a process's arguments; anything else is not ours. */
export function demoLaunchFromArgv(argv: readonly string[]): DemoLaunch {
  const demo = argv.includes(DEMO_SWITCH);
  const raw = argv.find((arg) => arg.startsWith(LANGUAGE_SWITCH))?.slice(LANGUAGE_SWITCH.length);
  const language = LANGUAGES.find((candidate) => candidate === raw);
  return demo && language ? { demo, language } : { demo };
}

/** The arguments a relaunch into (or out of) the demo gets: the process's own, minus our switches. */
export function relaunchArguments(argv: readonly string[], launch: DemoLaunch): string[] {
  const kept = argv.filter((arg) => arg !== DEMO_SWITCH && !arg.startsWith(LANGUAGE_SWITCH));
  if (!launch.demo) return kept;
  return [...kept, DEMO_SWITCH, ...(launch.language ? [`${LANGUAGE_SWITCH}${launch.language}`] : [])];
}

/** What the demo's services need to talk to the sandbox as one of its agents. */
export interface DemoAccount {
  readonly apiUrl: string;
  readonly appId: string;
  readonly appSecret: string;
  readonly domain: string;
  readonly email: string;
  readonly accountId: string;
  readonly signalsUrl: string;
  readonly sipUser: string;
  /** With Kamailio only: the in-app phone registers there. */
  readonly sip?: { readonly wsUrl: string; readonly domain: string; readonly password: string };
}

/**
 * The environment the demo's services start with: the host's own, without anything IT set for
 * the real account (every ANTRING_* variable, the provisioning file, the data folder), plus the
 * sandbox's account as ANTRING_* values. Environment values win over saved settings, so the
 * demo profile cannot be pointed at a real server by mistake.
 */
export function demoEnvironment(baseEnv: NodeJS.ProcessEnv, account: DemoAccount, dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(baseEnv)) if (!name.startsWith('ANTRING_')) env[name] = value;
  return {
    ...env,
    ANTRING_DATA_DIR: dataDir,
    ANTRING_API_URL: account.apiUrl,
    ANTRING_APP_ID: account.appId,
    ANTRING_APP_SECRET: account.appSecret,
    ANTRING_DOMAIN: account.domain,
    ANTRING_EMAIL: account.email,
    ANTRING_SIGNALS_URL: account.signalsUrl,
    ANTRING_ACCOUNT_ID: account.accountId,
    ANTRING_SIP_USER: account.sipUser,
    ...(account.sip
      ? {
          ANTRING_SIP_WS_URL: account.sip.wsUrl,
          ANTRING_SIP_DOMAIN: account.sip.domain,
          ANTRING_SIP_PASSWORD: account.sip.password,
        }
      : {}),
  };
}
