import { z } from 'zod';
import type { AppResult } from './errors';
import { SettingsPatchSchema, type SettingsView } from './settings';

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

export const requests = {
  getAppInfo: { channel: 'app:info', input: NoInput, output: returns<AppInfo>() },
  getSettings: { channel: 'settings:get', input: NoInput, output: returns<SettingsView>() },
  saveSettings: { channel: 'settings:save', input: SettingsPatchSchema, output: returns<SettingsView>() },
  getSipCredentials: { channel: 'sip:credentials', input: NoInput, output: returns<SipCredentials>() },
} as const;

export const events = {
  settingsChanged: { channel: 'settings:changed', payload: returns<SettingsView>() },
} as const;

export type Requests = typeof requests;
export type RequestName = keyof Requests;
export type RequestInput<N extends RequestName> = z.input<Requests[N]['input']>;
export type ParsedInput<N extends RequestName> = z.output<Requests[N]['input']>;
export type RequestOutput<N extends RequestName> = Requests[N]['output'];

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = Events[E]['payload'];

type RequestFunction<N extends RequestName> = undefined extends RequestInput<N>
  ? (input?: RequestInput<N>) => Promise<AppResult<RequestOutput<N>>>
  : (input: RequestInput<N>) => Promise<AppResult<RequestOutput<N>>>;

export type Unsubscribe = () => void;

/** What the renderer sees as `window.antring`, in both hosts. */
export type AntringApi = { readonly [N in RequestName]: RequestFunction<N> } & {
  readonly on: { readonly [E in EventName]: (listener: (payload: EventPayload<E>) => void) => Unsubscribe };
};

/** What a host implements: one handler per request, given already-validated input. */
export type RequestHandlers = {
  readonly [N in RequestName]: (input: ParsedInput<N>) => Promise<AppResult<RequestOutput<N>>> | AppResult<RequestOutput<N>>;
};

export const requestNames = Object.keys(requests) as RequestName[];
export const eventNames = Object.keys(events) as EventName[];

const byChannel = new Map<string, RequestName>(requestNames.map((name) => [requests[name].channel, name]));

export function requestNameForChannel(channel: string): RequestName | undefined {
  return byChannel.get(channel);
}
