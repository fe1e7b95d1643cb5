import { z } from 'zod';
import { DIAL_NUMBER_PROBLEM_TEXT, normalizeDialNumber } from './dial-number';
import { CallLogQuerySchema, CallSummarySchema, type CallSummary } from './call-log';
import type { AppResult } from './errors';
import { SettingsPatchSchema, type SettingsView } from './settings';
import type { CallDirection, MissedCall, SignalConnectionState } from './domain';
import {
  DownloadRecordingRequestSchema,
  RecordingUrlRequestSchema,
  type PlayableRecording,
  type SavedRecording,
} from './recording';
import {
  HistoryCountInputSchema,
  HistoryExportInputSchema,
  HistoryGroupInputSchema,
  HistoryMissedInputSchema,
  HistoryQueryInputSchema,
  type HistoryExportResult,
  type HistoryGroupPage,
  type HistoryPage,
  type HistorySyncState,
} from './history';
import type { DashboardSnapshot } from './dashboard';
import { RendererLogEntrySchema } from './logs';
import {
  DialNumberInputSchema,
  DialPromptIdInputSchema,
  SetFavouriteInputSchema,
  type DialPrompt,
  type DialShortcutState,
  type PhoneDialRequest,
} from './dial';
import {
  ImportProvisioningInputSchema,
  SimulateDemoCallInputSchema,
  StartDemoInputSchema,
  type DemoCallStarted,
  type DemoState,
  type ProvisioningImportOutcome,
} from './first-run';

/**
 * The one contract between the renderer and whatever hosts it (Electron main through the
 * preload, or the web host over a loopback WebSocket). Every channel string lives here and
 * nowhere else. Requests carry a zod schema for their input (validated by the host before any
 * handler runs) and a phantom type for their output; every request answers an AppResult, so
 * errors cross the boundary as typed values instead of mangled exceptions.
 */

/** Phantom marker: carries a type, never a value. */
const returns = <T>(): T => undefined as T;

const NoInput = z.undefined();

export interface SipCredentials {
  readonly wsUrl: string;
  readonly domain: string;
  readonly user: string;
  /** The one secret the renderer holds, because JsSIP authenticates there. */
  readonly password: string;
  readonly displayName: string;
  readonly iceServers: readonly { urls: string | string[]; username?: string; credential?: string }[];
}

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly host: 'electron' | 'web';
  readonly platform: string;
  readonly dataDir: string;
}

export type ScreenPopState = 'ringing' | 'answered-here' | 'answered-elsewhere' | 'ended';

/** A number as the screen-pop shows it (see normalizeVietnamPhone in shared/phone). */
export interface ScreenPopNumber {
  /** As the platform delivered it. */
  readonly raw: string;
  /** `0912 345 678`. */
  readonly display: string;
  readonly e164?: string;
  readonly isExtension: boolean;
}

/** One earlier call with the same number (or colleague), from the local history store. */
export interface ScreenPopRecentCall {
  /** ISO 8601 start of the call. */
  readonly at: string;
  readonly direction: CallDirection;
  /** AntBuddy's status_detail: SUCCESS, CANCELLED, BUSY, IVR, UNSUCCESS, or what the server sends. */
  readonly status: string;
  readonly durationSeconds: number;
  readonly talkSeconds: number;
  /** The call's recording (the history's `recording` field, for getRecordingUrl); absent when none. */
  readonly recording?: string;
}

/** An incoming call ringing (or just answered) for this agent, with everything known about the caller. */
export interface ScreenPop {
  readonly callId: string;
  readonly state: ScreenPopState;
  readonly direction: 'inbound' | 'internal';
  readonly caller: ScreenPopNumber;
  /** Colleague's name (internal calls) or the latest name seen for the number. */
  readonly name?: string;
  readonly nameSource?: 'agent' | 'history' | 'signal';
  /** The company number the caller dialled. */
  readonly did?: ScreenPopNumber;
  /** Queue name when known, else what the platform sent. */
  readonly queue?: string;
  /** Newest first. */
  readonly recentCalls: readonly ScreenPopRecentCall[];
  /**
   * The earlier calls (and a name the history knows) are still being read from the local store:
   * the pop shows at once, and they follow a few milliseconds later. `recentCalls` is empty meanwhile.
   */
  readonly recentCallsPending?: true;
  /** Set when a CRM template is configured and valid. */
  readonly crmUrl?: string;
  /** ISO 8601 time the call started ringing here. */
  readonly ringingSince: string;
}

/** Which incoming call a screen-pop request is about. */
const ScreenPopCallInput = z.object({ callId: z.string().min(1).max(256) }).strict();

/**
 * A number to dial through AntBuddy's click-to-call: what an agent types or pastes
 * (`0912 345 678`, `+84 (28) 7301-9555`, `8001`), nothing that could smuggle a SIP URI or a path.
 * Handlers get it normalised (digits, optional leading +): the same rule as the API client and
 * the `antring call` command, so `..` is refused here instead of becoming `POST /oapi/v1/call/`.
 */
const ClickToCallInput = z
  .object({
    number: z.string().transform((value, ctx) => {
      const normalized = normalizeDialNumber(value);
      if (normalized.ok) return normalized.value;
      ctx.addIssue({ code: 'custom', message: DIAL_NUMBER_PROBLEM_TEXT[normalized.error].en });
      return z.NEVER;
    }),
  })
  .strict();

/**
 * `opened` is true when the host opened the page itself (Electron: the user's browser). The web
 * host cannot open a browser for a page it does not own, so it answers `opened: false` and
 * the page opens `url` itself.
 */
export interface CrmLink {
  readonly url: string;
  readonly opened: boolean;
}

/** A call of the history to open in the CRM: the values its link template may use (see crm-url). */
const CrmLinkForNumberInput = z
  .object({
    number: z.string().trim().min(1).max(64),
    callId: z.string().max(256).optional(),
    did: z.string().max(64).optional(),
    queue: z.string().max(200).optional(),
  })
  .strict();

/** The phone's registration as other windows and main see it (the tray, Test connection). */
export const PHONE_REGISTRATION_KINDS = ['unconfigured', 'registering', 'registered', 'failed', 'offline'] as const;
export type PhoneRegistrationKind = (typeof PHONE_REGISTRATION_KINDS)[number];

/**
 * What the main window's SIP phone tells main and the other windows: the popup window needs the
 * ringing call, to offer Answer and Decline for a phone that lives in another renderer; the tray
 * and Test connection need the registration and whether the agent is on a call.
 */
const PhoneCallSummarySchema = z
  .object({
    ringing: z
      .object({ id: z.string().min(1).max(256), number: z.string().max(256) })
      .strict()
      .nullable(),
    registration: z
      .object({
        kind: z.enum(PHONE_REGISTRATION_KINDS),
        /** Why it failed or is offline, as the phone words it (a JsSIP cause, `403 Forbidden`); never a secret. */
        reason: z.string().max(200).optional(),
      })
      .strict(),
    /** A call answered or dialled and not ended (held counts): the agent is busy. */
    inCall: z.boolean(),
  })
  .strict();
export interface PhoneCallSummary {
  /** The call ringing on the phone (`id` is the SIP session's), or null when nothing rings. */
  readonly ringing: { readonly id: string; readonly number: string } | null;
  readonly registration: { readonly kind: PhoneRegistrationKind; readonly reason?: string };
  readonly inCall: boolean;
}

/** A button pressed in a window without the phone, for the phone to carry out (if the call still rings). */
const PhoneCommandSchema = z
  .object({ action: z.enum(['answer', 'decline']), callId: z.string().min(1).max(256) })
  .strict();
export interface PhoneCommand {
  readonly action: 'answer' | 'decline';
  readonly callId: string;
}

/** When the machine woke up (epoch milliseconds). */
export interface SystemResumed {
  readonly at: number;
}

/** A colleague, as the phone's transfer field offers them (from the host's cached agent list). */
export interface Colleague {
  readonly name: string;
  readonly extensions: readonly string[];
  readonly username: string;
}

export const requests = {
  getAppInfo: { channel: 'app:info', input: NoInput, output: returns<AppInfo>() },
  getSettings: { channel: 'settings:get', input: NoInput, output: returns<SettingsView>() },
  saveSettings: { channel: 'settings:save', input: SettingsPatchSchema, output: returns<SettingsView>() },
  getSipCredentials: { channel: 'sip:credentials', input: NoInput, output: returns<SipCredentials>() },
  getScreenPops: { channel: 'screenpop:list', input: NoInput, output: returns<readonly ScreenPop[]>() },
  dismissScreenPop: {
    channel: 'screenpop:dismiss',
    input: ScreenPopCallInput,
    output: returns<readonly ScreenPop[]>(),
  },
  openInCrm: { channel: 'screenpop:open-crm', input: ScreenPopCallInput, output: returns<CrmLink>() },
  getSignalState: { channel: 'signals:state', input: NoInput, output: returns<SignalConnectionState>() },
  getMissedCalls: { channel: 'missed:list', input: NoInput, output: returns<readonly MissedCall[]>() },
  clearMissedCalls: { channel: 'missed:clear', input: NoInput, output: returns<readonly MissedCall[]>() },
  /** Rings the agent's own SIP device, then connects it to `number` (AntBuddy click-to-call). */
  clickToCall: { channel: 'call:click-to-call', input: ClickToCallInput, output: returns<void>() },
  /** The main window's phone, after every change of its call (never from a window without the phone). */
  reportPhoneCall: { channel: 'phone:report-call', input: PhoneCallSummarySchema, output: returns<void>() },
  /** The last summary the phone reported (nothing ringing until it reports). */
  getPhoneCall: { channel: 'phone:call', input: NoInput, output: returns<PhoneCallSummary>() },
  /** Asks the phone, wherever it runs, to answer or decline the call `callId`. */
  phoneCommand: { channel: 'phone:command', input: PhoneCommandSchema, output: returns<void>() },
  /** The company's agents as last loaded (no network): names and extensions to transfer a call to. */
  getColleagues: { channel: 'directory:colleagues', input: NoInput, output: returns<readonly Colleague[]>() },
  /** The in-app phone's call that just ended, for the local call log (`call-log.jsonl` in the data folder). */
  recordCall: { channel: 'calllog:record', input: CallSummarySchema, output: returns<void>() },
  /** The newest calls of the local call log, newest first (`limit` 1..500, default 50). */
  getCallLog: { channel: 'calllog:list', input: CallLogQuerySchema, output: returns<readonly CallSummary[]>() },
  /** A signed URL for the <audio> element to stream (`fresh` after the media server refused the last one). */
  getRecordingUrl: {
    channel: 'recording:url',
    input: RecordingUrlRequestSchema,
    output: returns<PlayableRecording>(),
  },
  /** Downloads a recording into the data folder's `recordings/` (0600, never a partial file). */
  downloadRecording: {
    channel: 'recording:download',
    input: DownloadRecordingRequestSchema,
    output: returns<SavedRecording>(),
  },
  /** Queues and agents right now: AntBuddy's dashboard, queues and agents, joined in the host. */
  getDashboard: { channel: 'dashboard:snapshot', input: NoInput, output: returns<DashboardSnapshot>() },
  /** One page of the local call history, newest first, with the total matching (see shared/history). */
  queryHistory: { channel: 'history:query', input: HistoryQueryInputSchema.optional(), output: returns<HistoryPage>() },
  /** The exact total a `total: 'if-cheap'` page left out (counted on its own thread). */
  countHistory: { channel: 'history:count', input: HistoryCountInputSchema.optional(), output: returns<number>() },
  /** One row per other party (count, last call); expand a row with `filters.number`. */
  groupHistory: {
    channel: 'history:group',
    input: HistoryGroupInputSchema.optional(),
    output: returns<HistoryGroupPage>(),
  },
  getHistorySyncState: { channel: 'history:sync-state', input: NoInput, output: returns<HistorySyncState>() },
  /** Starts bringing the local history up to date now; answers at once (progress: historySyncChanged). */
  refreshHistory: { channel: 'history:refresh', input: NoInput, output: returns<HistorySyncState>() },
  /** Writes every matching call to a new file in the data folder's exports/ and answers its path. */
  exportHistory: {
    channel: 'history:export',
    input: HistoryExportInputSchema.optional(),
    output: returns<HistoryExportResult>(),
  },
  /** Missed calls that rang this agent since `sinceMs`, from the local history (the unseen-missed badge). */
  countHistoryMissed: { channel: 'history:missed-count', input: HistoryMissedInputSchema, output: returns<number>() },
  /** The CRM link (the settings' crmUrlTemplate) for a call of the history; the page opens `url` when `opened` is false. */
  crmLinkForNumber: { channel: 'crm:link-for-number', input: CrmLinkForNumberInput, output: returns<CrmLink>() },
  // ---- dial from anywhere: links, the global shortcut, the palette (issue 10) ----
  /** The call waiting for the agent's answer (a link, the shortcut), or null: the page asks once it loads. */
  getDialPrompt: { channel: 'dial:prompt', input: NoInput, output: returns<DialPrompt | null>() },
  /** Call: dials the prompt's number the way the dialer does (dialVia); again after a failure. */
  confirmDial: { channel: 'dial:confirm', input: DialPromptIdInputSchema, output: returns<void>() },
  /** Cancel or Close: puts the prompt away, dials nothing. */
  cancelDial: { channel: 'dial:cancel', input: DialPromptIdInputSchema, output: returns<void>() },
  /** A number picked in the app (the palette): dialled at once through the same path as links. */
  dialNumber: { channel: 'dial:number', input: DialNumberInputSchema, output: returns<DialPrompt>() },
  /** Whether the global dial shortcut works, or why not (held by another program, no such host). */
  getDialShortcut: { channel: 'dial:shortcut', input: NoInput, output: returns<DialShortcutState>() },
  /** Adds or removes one favourite number (atomically in the host); answers the favourites now. */
  setFavourite: { channel: 'dial:favourite', input: SetFavouriteInputSchema, output: returns<readonly string[]>() },
  // ---- end dial ----
  // ---- first run and the demo (issue 10) ----
  /** Whether this host runs the demo now (its own profile against the project's sandbox). */
  getDemoState: { channel: 'demo:state', input: NoInput, output: returns<DemoState>() },
  /** Starts the demo: `running` when the host switched in place (reload the page), `starting` when the app relaunches. */
  startDemo: { channel: 'demo:start', input: StartDemoInputSchema, output: returns<DemoState>() },
  /** Leaves the demo for the real profile: `stopped` (reload the page) or `stopping` (the app relaunches). */
  stopDemo: { channel: 'demo:stop', input: NoInput, output: returns<DemoState>() },
  /** The Demo panel's buttons: the sandbox calls this agent (inbound, through a queue, or a caller who gives up). */
  simulateDemoCall: {
    channel: 'demo:simulate-call',
    input: SimulateDemoCallInputSchema,
    output: returns<DemoCallStarted>(),
  },
  /** Checks a provisioning file the agent picked and stores it only when every field is good. */
  importProvisioning: {
    channel: 'first-run:import-provisioning',
    input: ImportProvisioningInputSchema,
    output: returns<ProvisioningImportOutcome>(),
  },
  // ---- end first run ----
  // ---- checks for IT: test connection, logs (issue 10) ----
  /** Test connection on the saved settings: API (voice token), call signals, SIP registration, click-to-call. */
  testConnection: {
    channel: 'checks:test-connection',
    input: NoInput,
    output: returns<import('./connection-check').ConnectionReport>(),
  },
  /** Shows the logs folder (Electron); the web host answers its path with `opened: false` for the page to show. */
  openLogsFolder: {
    channel: 'checks:open-logs-folder',
    input: NoInput,
    output: returns<import('./logs').LogsFolder>(),
  },
  /** An error the page could not handle, written to the host's log (secrets masked there). */
  logFromRenderer: { channel: 'checks:log-from-renderer', input: RendererLogEntrySchema, output: returns<void>() },
  // ---- end checks ----
  // ---- the tray console (issue 10) ----
  /** Whether the desktop shows the tray icon, and the state it shows (the window shows it where there is no tray). */
  getTrayStatus: { channel: 'tray:status', input: NoInput, output: returns<import('./reachability').TrayStatus>() },
  // ---- end tray ----
} as const;

export const events = {
  settingsChanged: { channel: 'settings:changed', payload: returns<SettingsView>() },
  /** The whole list of active pops, newest first, after every change (simplest to keep in sync). */
  screenPopsChanged: { channel: 'screenpop:changed', payload: returns<readonly ScreenPop[]>() },
  signalStateChanged: { channel: 'signals:state-changed', payload: returns<SignalConnectionState>() },
  missedCallsChanged: { channel: 'missed:changed', payload: returns<readonly MissedCall[]>() },
  phoneCallChanged: { channel: 'phone:call-changed', payload: returns<PhoneCallSummary>() },
  phoneCommandRequested: { channel: 'phone:command-requested', payload: returns<PhoneCommand>() },
  /** The machine woke from sleep (Electron only; the web host never sends it): the phone checks its connection. */
  systemResumed: { channel: 'system:resumed', payload: returns<SystemResumed>() },
  /** The local history's sync state, on every change (re-query when `revision` moves). */
  historySyncChanged: { channel: 'history:sync-changed', payload: returns<HistorySyncState>() },
  // ---- dial from anywhere (issue 10) ----
  /** The waiting call changed (a link arrived, the agent answered, the click-to-call failed); null: none. */
  dialPromptChanged: { channel: 'dial:prompt-changed', payload: returns<DialPrompt | null>() },
  /** For the main window's phone only: place a SIP call, or expect a click-to-call's callback. */
  phoneDialRequested: { channel: 'dial:phone-request', payload: returns<PhoneDialRequest>() },
  dialShortcutChanged: { channel: 'dial:shortcut-changed', payload: returns<DialShortcutState>() },
  // ---- end dial ----
  // ---- first run and the demo (issue 10) ----
  // ---- end first run ----
  // ---- the tray console (issue 10) ----
  /** The tray's state after every change: reachability (signals, phone, Do not disturb) or the tray's availability. */
  trayStatusChanged: { channel: 'tray:status-changed', payload: returns<import('./reachability').TrayStatus>() },
  // ---- end tray ----
} as const;

export type Requests = typeof requests;
export type RequestName = keyof Requests;
export type RequestInput<N extends RequestName> = z.input<Requests[N]['input']>;
export type ParsedInput<N extends RequestName> = z.output<Requests[N]['input']>;
export type RequestOutput<N extends RequestName> = Requests[N]['output'];

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = Events[E]['payload'];

type RequestFunction<N extends RequestName> =
  undefined extends RequestInput<N>
    ? (input?: RequestInput<N>) => Promise<AppResult<RequestOutput<N>>>
    : (input: RequestInput<N>) => Promise<AppResult<RequestOutput<N>>>;

export type Unsubscribe = () => void;

/** What the renderer sees as `window.antring`, in both hosts. */
export type AntringApi = { readonly [N in RequestName]: RequestFunction<N> } & {
  readonly on: { readonly [E in EventName]: (listener: (payload: EventPayload<E>) => void) => Unsubscribe };
};

/** What a host implements: one handler per request, given already-validated input. */
export type RequestHandlers = {
  readonly [N in RequestName]: (
    input: ParsedInput<N>,
  ) => Promise<AppResult<RequestOutput<N>>> | AppResult<RequestOutput<N>>;
};

export const requestNames = Object.keys(requests) as RequestName[];
export const eventNames = Object.keys(events) as EventName[];

const byChannel = new Map<string, RequestName>(requestNames.map((name) => [requests[name].channel, name]));

export function requestNameForChannel(channel: string): RequestName | undefined {
  return byChannel.get(channel);
}
