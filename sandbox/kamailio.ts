import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { access, constants, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { kamailioConfig, type DialPlanEntry } from './kamailio-config';

/**
 * A real Kamailio per sandbox run: generated config on free ports in a temp folder, started
 * in the foreground as our child, in a process group of its own (with fork=yes it runs several
 * processes: freezing must stop them all), stopped by its own pid. Registration is read live
 * through its JSON-RPC (`ul.lookup location <user>`: usrloc keys contacts by user alone).
 */

export interface KamailioOptions {
  /** Default /usr/sbin/kamailio. */
  binary?: string;
  /** Folder holding websocket.so etc.; found automatically when absent. */
  modulesPath?: string;
  /** How long to wait for the WebSocket port and JSON-RPC to answer. Default 15 s. */
  startTimeoutMs?: number;
}

/** What the sandbox knows about routing: the agents' extensions and the platform phone. */
export interface KamailioRouting {
  readonly dialPlan?: readonly DialPlanEntry[];
  /** Calls to users nobody registered as go to this SIP user (the platform phone). */
  readonly platformUser?: string;
}

export interface RunningKamailio {
  readonly wsUrl: string;
  readonly rpcUrl: string;
  readonly sipDomain: string;
  readonly udpPort: number;
  readonly tcpPort: number;
  /** The main process's pid (a new one after restart()). */
  readonly pid: number;
  /** True while freeze() holds every Kamailio process stopped. */
  readonly frozen: boolean;
  /** True when `sipUser` has at least one live contact. */
  isRegistered(sipUser: string): Promise<boolean>;
  /** JSON-RPC call; rejects after a few seconds without an answer (e.g. while frozen). */
  rpc(method: string, params?: readonly unknown[]): Promise<RpcAnswer>;
  /** Stops and starts Kamailio again on the same ports with the same config: registrations are lost, as on a real restart. */
  restart(): Promise<void>;
  /** SIGSTOP to every Kamailio process: sockets stay open, nothing is answered. */
  freeze(): void;
  /** SIGCONT: Kamailio carries on where it stopped. */
  unfreeze(): void;
  /** Works while frozen too. */
  stop(): Promise<void>;
}

const MODULE_PATHS = [
  '/usr/lib/x86_64-linux-gnu/kamailio/modules/',
  '/usr/lib/aarch64-linux-gnu/kamailio/modules/',
  '/usr/lib64/kamailio/modules/',
  '/usr/lib/kamailio/modules/',
  '/usr/local/lib64/kamailio/modules/',
  '/usr/local/lib/kamailio/modules/',
];
const INSTALL_HINT = 'Install it with: apt-get install -y kamailio kamailio-websocket-modules';

const rpcAnswerSchema = z.object({
  result: z.unknown().optional(),
  error: z.object({ code: z.number(), message: z.string() }).optional(),
});
export type RpcAnswer = z.infer<typeof rpcAnswerSchema>;

const lookupResultSchema = z.object({ Contacts: z.array(z.unknown()) });

async function exists(path: string, mode = constants.R_OK): Promise<boolean> {
  try {
    await access(path, mode);
    return true;
  } catch {
    return false;
  }
}

async function findModules(explicit: string | undefined): Promise<string> {
  const candidates = explicit === undefined ? MODULE_PATHS : [explicit.endsWith('/') ? explicit : `${explicit}/`];
  for (const dir of candidates) if (await exists(join(dir, 'websocket.so'))) return dir;
  throw new Error(`Kamailio's websocket module was not found (looked in ${candidates.join(', ')}). ${INSTALL_HINT}`);
}

function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

function tcpAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const RPC_TIMEOUT_MS = 3000;

/** One Kamailio process group: the main process (our child, its group's leader) and its workers. */
interface KamailioProcess {
  readonly pid: number;
  readonly exited: () => { code: number | null; signal: NodeJS.Signals | null } | undefined;
  readonly spawnError: () => Error | undefined;
  readonly stderrTail: readonly string[];
  /** Signals the whole group; false when it is gone already. */
  signalGroup(signal: NodeJS.Signals): boolean;
  /** SIGTERM to the main process (it stops its workers), SIGKILL to the group after 5 s. */
  terminate(): Promise<void>;
}

function spawnKamailio(binary: string, configPath: string, pidPath: string): KamailioProcess {
  const child: ChildProcess = spawn(binary, ['-f', configPath, '-P', pidPath, '-DD', '-E'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    // Its own process group: freeze() and the last-resort kill reach the forked workers too.
    detached: true,
  });
  const stderrTail: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderrTail.push(...chunk.split('\n').filter((l) => l.trim() !== ''));
    if (stderrTail.length > 40) stderrTail.splice(0, stderrTail.length - 40);
  });
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  const pid = child.pid ?? -1;
  const signalGroup = (signal: NodeJS.Signals): boolean => {
    if (pid <= 0) return false;
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      return false;
    }
  };
  // If this Node process dies without closing the sandbox, do not leave Kamailio behind.
  const killOnExit = (): void => {
    if (!exited) signalGroup('SIGKILL');
  };
  process.once('exit', killOnExit);
  return {
    pid,
    exited: () => exited,
    spawnError: () => spawnError,
    stderrTail,
    signalGroup,
    async terminate(): Promise<void> {
      process.removeListener('exit', killOnExit);
      if (!exited && pid > 0) {
        // A stopped process keeps SIGTERM pending: wake the group first (frozen or not).
        signalGroup('SIGCONT');
        // Kamailio's main process remembers one signal at a time: the SIGCHLDs of workers
        // waking up can overwrite a SIGTERM. Ask again until it goes, then force it.
        const asked = Date.now();
        const retry = setInterval(() => {
          if (exited) return;
          if (Date.now() - asked > 5000) signalGroup('SIGKILL');
          else child.kill('SIGTERM');
        }, 250);
        child.kill('SIGTERM');
        await exitPromise;
        clearInterval(retry);
      }
      // Workers the main process did not take down with it.
      signalGroup('SIGKILL');
    },
  };
}

export async function startKamailio(
  sipDomain: string,
  options: KamailioOptions = {},
  routing: KamailioRouting = {},
): Promise<RunningKamailio> {
  const binary = options.binary ?? '/usr/sbin/kamailio';
  if (!(await exists(binary, constants.X_OK)))
    throw new Error(`Kamailio is not available: ${binary} not found. ${INSTALL_HINT}`);
  const modulesPath = await findModules(options.modulesPath);
  const dir = await mkdtemp(join(tmpdir(), 'antring-kamailio-'));
  const [udpPort, tcpPort] = await Promise.all([freeUdpPort(), freeTcpPort()]);
  const configPath = join(dir, 'kamailio.cfg');
  try {
    await writeFile(
      configPath,
      kamailioConfig({
        udpPort,
        tcpPort,
        sipDomain,
        ctlSocketPath: join(dir, 'kamailio_ctl'),
        modulesPath,
        ...(routing.dialPlan === undefined ? {} : { dialPlan: routing.dialPlan }),
        ...(routing.platformUser === undefined ? {} : { platformUser: routing.platformUser }),
      }),
    );
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  const rpcUrl = `http://127.0.0.1:${tcpPort}/RPC`;
  const rpc = async (method: string, params: readonly unknown[] = []): Promise<RpcAnswer> => {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method, params, id: 1 }),
      signal: AbortSignal.timeout(RPC_TIMEOUT_MS),
    });
    return rpcAnswerSchema.parse(await response.json());
  };

  /** Starts Kamailio and waits until its WebSocket port and JSON-RPC answer. */
  const launch = async (): Promise<KamailioProcess> => {
    const proc = spawnKamailio(binary, configPath, join(dir, 'kamailio.pid'));
    const deadline = Date.now() + (options.startTimeoutMs ?? 15_000);
    for (;;) {
      const spawnError = proc.spawnError();
      const exited = proc.exited();
      if (spawnError || exited) {
        await proc.terminate();
        const why = spawnError
          ? spawnError.message
          : `exited with code ${exited?.code ?? 'none'} (signal ${exited?.signal ?? 'none'})`;
        throw new Error(`Kamailio failed to start: ${why}\n${proc.stderrTail.slice(-10).join('\n')}`);
      }
      if (await tcpAccepts(tcpPort)) {
        try {
          const answer = await rpc('core.uptime');
          if (answer.result !== undefined) return proc;
        } catch {
          // Workers not ready yet: try again.
        }
      }
      if (Date.now() > deadline) {
        await proc.terminate();
        throw new Error(`Kamailio did not open port ${tcpPort} in time.\n${proc.stderrTail.slice(-10).join('\n')}`);
      }
      await delay(50);
    }
  };

  let proc: KamailioProcess;
  try {
    proc = await launch();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  let frozen = false;
  let stopped = false;
  /** restart() and stop() one at a time. */
  let lifecycle: Promise<void> = Promise.resolve();
  const serial = (step: () => Promise<void>): Promise<void> => {
    const next = lifecycle.then(step);
    lifecycle = next.catch(() => undefined);
    return next;
  };

  return {
    wsUrl: `ws://127.0.0.1:${tcpPort}`,
    rpcUrl,
    sipDomain,
    udpPort,
    tcpPort,
    get pid() {
      return proc.pid;
    },
    get frozen() {
      return frozen;
    },
    rpc,
    async isRegistered(sipUser: string): Promise<boolean> {
      const answer = await rpc('ul.lookup', ['location', sipUser]);
      if (answer.error) {
        if (/not found/i.test(answer.error.message)) return false;
        throw new Error(`Kamailio ul.lookup failed: ${answer.error.message}`);
      }
      const result = lookupResultSchema.safeParse(answer.result);
      return result.success && result.data.Contacts.length > 0;
    },
    restart: () =>
      serial(async () => {
        if (stopped) throw new Error('Kamailio was stopped');
        await proc.terminate();
        frozen = false;
        proc = await launch();
      }),
    freeze() {
      if (!stopped && proc.signalGroup('SIGSTOP')) frozen = true;
    },
    unfreeze() {
      if (!stopped && proc.signalGroup('SIGCONT')) frozen = false;
    },
    stop: () =>
      serial(async () => {
        if (stopped) return;
        stopped = true;
        await proc.terminate();
        frozen = false;
        await rm(dir, { recursive: true, force: true });
      }),
  };
}
