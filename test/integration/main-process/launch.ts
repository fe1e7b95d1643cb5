import { fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ChildMessageSchema,
  ExitRecordSchema,
  STAND_IN_ENV,
  StandInStateSchema,
  type Command,
  type ExitRecord,
  type Json,
  type StandInState,
} from '../../support/electron-stand-in/protocol';
import { BUILT_MAIN, ROOT } from './built-main';

export interface MainExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** What the stand-in recorded, written as the process exited (null if it never got that far). */
  readonly record: ExitRecord | null;
}

export interface RunningMain {
  /** Resolves once the app's `ready` handlers have run; rejects if the process exits first. */
  readonly settled: Promise<void>;
  readonly exited: Promise<MainExit>;
  /** The exit that follows app.quit(); rejects, naming the culprit, if a handler cancels the quit. */
  quitting(): Promise<MainExit>;
  request(command: Command): Promise<Json>;
  snapshot(): Promise<StandInState>;
  /** The app's own log file (electron-log writes it synchronously, so it is current after each request). */
  log(): string;
  stderr(): string;
  kill(): void;
  /**
   * Quits through the app when it still runs (its will-quit handlers stop a demo's sandbox, and
   * the process's exit takes the demo's Kamailio down: a SIGKILL would leave it running), and
   * kills it only if it does not exit.
   */
  stop(): Promise<void>;
}

export interface LaunchOptions {
  /** `node --import` URL of the built stand-in (buildElectronStandIn). */
  readonly registerUrl: string;
  readonly dataDir: string;
  /** Arguments after the script, as the OS passes them (Chromium switches, a tel: link...). */
  readonly argv?: readonly string[];
  /** Added to the minimal environment (stand-in switches). */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Runs the built main bundle in a child Node process with 'electron' replaced by the
 * recording stand-in, and drives it over the process IPC channel. The environment is minimal
 * (no ANTRING_* of the machine running the tests, no ELECTRON_RENDERER_URL): a first run.
 */
export function launchBuiltMain(options: LaunchOptions): RunningMain {
  const recordFile = join(options.dataDir, '..', `stand-in-record-${process.pid}-${Date.now()}.json`);
  const child = fork(BUILT_MAIN, [...(options.argv ?? [])], {
    cwd: ROOT,
    execArgv: ['--import', options.registerUrl],
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: join(options.dataDir, '..'),
      LANG: 'C.UTF-8',
      ANTRING_DATA_DIR: options.dataDir,
      [STAND_IN_ENV.recordFile]: recordFile,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  const exited = new Promise<MainExit>((resolve) => {
    child.on('close', (code, signal) => {
      const record = existsSync(recordFile)
        ? ExitRecordSchema.parse(JSON.parse(readFileSync(recordFile, 'utf8')))
        : null;
      resolve({ code, signal, stdout, stderr, record });
    });
  });

  let nextId = 0;
  const pending = new Map<number, { resolve: (value: Json) => void; reject: (error: Error) => void }>();
  let settle: () => void = () => {};
  const settled = new Promise<void>((resolve, reject) => {
    settle = resolve;
    void exited.then((exit) =>
      reject(new Error(`the main process exited (code ${exit.code}) before it was ready:\n${exit.stderr}`)),
    );
  });
  // Callers that only await `exited` must not see an unhandled rejection.
  settled.catch(() => undefined);

  let cancelQuit: (error: Error) => void = () => {};
  const quitCancelled = new Promise<never>((_resolve, reject) => {
    cancelQuit = reject;
  });
  quitCancelled.catch(() => undefined);

  child.on('message', (raw: unknown) => {
    const parsed = ChildMessageSchema.safeParse(raw);
    if (!parsed.success) {
      stderr += `test: unreadable message from the stand-in: ${JSON.stringify(raw).slice(0, 200)}\n`;
      return;
    }
    const message = parsed.data;
    if (message.type === 'settled') {
      settle();
      return;
    }
    if (message.type === 'quit-cancelled') {
      cancelQuit(new Error(`app.quit() was cancelled by ${message.by}: the app would keep running`));
      return;
    }
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiting?.resolve(message.value);
    else waiting?.reject(new Error(`stand-in: ${message.error}`));
  });
  void exited.then(() => {
    for (const waiting of pending.values()) waiting.reject(new Error('the main process exited'));
    pending.clear();
  });

  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  const kill = (): void => {
    if (running()) child.kill('SIGKILL');
  };

  const request = (command: Command): Promise<Json> =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      child.send({ id, command });
    });

  return {
    settled,
    exited,
    quitting: () => Promise.race([exited, quitCancelled]),
    request,
    snapshot: async () => StandInStateSchema.parse(await request({ type: 'snapshot' })),
    log: () => {
      const file = join(options.dataDir, 'logs', 'main.log');
      return existsSync(file) ? readFileSync(file, 'utf8') : '';
    },
    stderr: () => stderr,
    kill,
    stop: async () => {
      if (!running()) return;
      request({ type: 'quit' }).catch(() => undefined);
      // A bound for cleanup, not an assertion: a process that ignores the quit is killed.
      let bound: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (bound = setTimeout(resolve, 15_000)))]);
      clearTimeout(bound);
      kill();
    },
  };
}
