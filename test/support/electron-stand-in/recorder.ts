import { writeFileSync } from 'node:fs';
import type { FakeBrowserWindow, FakeTray, FakeWebContents } from './electron';
import { STAND_IN_ENV, type ApiCall, type ExitRecord, type StandInState } from './protocol';
import { toJson } from './serialize';

/** Handlers the main process hands to Electron; the control channel calls them as Electron would. */
export type IpcInvokeHandler = (event: unknown, ...args: unknown[]) => unknown;
export type ProtocolHandler = (request: unknown) => unknown;
export type HeadersReceivedListener = (details: unknown, callback: (response: unknown) => void) => void;
export type PermissionRequestHandler = (
  webContents: FakeWebContents,
  permission: string,
  callback: (granted: boolean) => void,
  details: unknown,
) => void;
export type PermissionCheckHandler = (
  webContents: FakeWebContents | null,
  permission: string,
  requestingOrigin: string,
  details: unknown,
) => boolean;

/** Everything the stand-in knows: what the main process created and every call it made. */
export const standIn = {
  ready: false,
  calls: [] as ApiCall[],
  windows: [] as FakeBrowserWindow[],
  tray: undefined as FakeTray | undefined,
  ipcHandlers: new Map<string, IpcInvokeHandler>(),
  protocolHandlers: new Map<string, ProtocolHandler>(),
  headersReceived: undefined as HeadersReceivedListener | undefined,
  permissionRequest: undefined as PermissionRequestHandler | undefined,
  permissionCheck: undefined as PermissionCheckHandler | undefined,
  appListeners: (): Record<string, number> => ({}),
  powerListeners: (): Record<string, number> => ({}),
  uncaught: [] as string[],
  quitSequence: [] as string[],
  /** What the fake clipboard holds (never recorded: a clipboard may hold anything). */
  clipboardText: { clipboard: '', selection: '' },
  /** Global shortcuts the app holds now, by accelerator. */
  globalShortcuts: new Map<string, () => void>(),
};

let seq = 0;

/** Records one call into the Electron API. */
export function record(api: string, args: readonly unknown[]): void {
  standIn.calls.push({ seq: ++seq, api, args: args.map((arg) => toJson(arg)), beforeReady: !standIn.ready });
}

/** The stand-in's own uncaughtException listener is not the app's. */
const OWN_UNCAUGHT_LISTENERS = 1;

export function snapshot(): StandInState {
  const tray = standIn.tray;
  return {
    ready: standIn.ready,
    calls: standIn.calls,
    windows: standIn.windows.map((window) => window.state()),
    tray: tray ? tray.state() : null,
    ipcHandlers: [...standIn.ipcHandlers.keys()],
    protocolHandlers: [...standIn.protocolHandlers.keys()],
    session: {
      headersReceivedListener: standIn.headersReceived !== undefined,
      permissionRequestHandler: standIn.permissionRequest !== undefined,
      permissionCheckHandler: standIn.permissionCheck !== undefined,
    },
    appListeners: standIn.appListeners(),
    powerListeners: standIn.powerListeners(),
    appUncaughtExceptionListeners: process.listenerCount('uncaughtException') - OWN_UNCAUGHT_LISTENERS,
    uncaught: standIn.uncaught,
    quitSequence: standIn.quitSequence,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : `non-error: ${String(error)}`;
}

/**
 * Installed before the app's code runs. Electron's main process survives an uncaught
 * exception (it shows a dialog); so does the stand-in, which notes it and says so on stderr.
 */
export function watchUncaught(): void {
  process.on('uncaughtException', (error) => {
    standIn.uncaught.push(describe(error));
    process.stderr.write(`stand-in: Uncaught exception in the main process: ${describe(error)}\n`);
  });
  process.on('unhandledRejection', (reason) => {
    standIn.uncaught.push(describe(reason));
    process.stderr.write(`stand-in: Unhandled rejection in the main process: ${describe(reason)}\n`);
  });
}

/** Writes the final record for the test when the process exits, however it exits. */
export function writeRecordAtExit(): void {
  const file = process.env[STAND_IN_ENV.recordFile];
  if (!file) throw new Error(`${STAND_IN_ENV.recordFile} must name the stand-in's record file`);
  process.on('exit', (exitCode) => {
    const exitRecord: ExitRecord = { ...snapshot(), exitCode };
    writeFileSync(file, JSON.stringify(exitRecord));
  });
}
