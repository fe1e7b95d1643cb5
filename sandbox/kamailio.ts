import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { access, constants, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { kamailioConfig } from './kamailio-config';

/**
 * A real Kamailio per sandbox run: generated config on free ports in a temp folder, started
 * in the foreground as our child, stopped by its own pid. Registration is read live through
 * its JSON-RPC (`ul.lookup location <user>`: usrloc keys contacts by user alone).
 */

export interface KamailioOptions {
  /** Default /usr/sbin/kamailio. */
  binary?: string;
  /** Folder holding websocket.so etc.; found automatically when absent. */
  modulesPath?: string;
  /** How long to wait for the WebSocket port and JSON-RPC to answer. Default 15 s. */
  startTimeoutMs?: number;
}

export interface RunningKamailio {
  readonly wsUrl: string;
  readonly rpcUrl: string;
  readonly sipDomain: string;
  readonly udpPort: number;
  readonly tcpPort: number;
  readonly pid: number;
  /** True when `sipUser` has at least one live contact. */
  isRegistered(sipUser: string): Promise<boolean>;
  rpc(method: string, params?: readonly unknown[]): Promise<RpcAnswer>;
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

export async function startKamailio(sipDomain: string, options: KamailioOptions = {}): Promise<RunningKamailio> {
  const binary = options.binary ?? '/usr/sbin/kamailio';
  if (!(await exists(binary, constants.X_OK)))
    throw new Error(`Kamailio is not available: ${binary} not found. ${INSTALL_HINT}`);
  const modulesPath = await findModules(options.modulesPath);
  const dir = await mkdtemp(join(tmpdir(), 'antring-kamailio-'));
  const [udpPort, tcpPort] = await Promise.all([freeUdpPort(), freeTcpPort()]);
  const configPath = join(dir, 'kamailio.cfg');
  await writeFile(
    configPath,
    kamailioConfig({ udpPort, tcpPort, sipDomain, ctlSocketPath: join(dir, 'kamailio_ctl'), modulesPath }),
  );

  const child: ChildProcess = spawn(binary, ['-f', configPath, '-P', join(dir, 'kamailio.pid'), '-DD', '-E'], {
    stdio: ['ignore', 'ignore', 'pipe'],
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
  // If this Node process dies without closing the sandbox, do not leave Kamailio behind.
  const killOnExit = (): void => {
    if (!exited) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const rpcUrl = `http://127.0.0.1:${tcpPort}/RPC`;
  const rpc = async (method: string, params: readonly unknown[] = []): Promise<RpcAnswer> => {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method, params, id: 1 }),
    });
    return rpcAnswerSchema.parse(await response.json());
  };

  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    if (!exited && child.pid !== undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, 5000);
      await exitPromise;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 15_000);
  for (;;) {
    if (spawnError || exited) {
      await stop();
      const why = spawnError
        ? spawnError.message
        : `exited with code ${exited?.code ?? 'none'} (signal ${exited?.signal ?? 'none'})`;
      throw new Error(`Kamailio failed to start: ${why}\n${stderrTail.slice(-10).join('\n')}`);
    }
    if (await tcpAccepts(tcpPort)) {
      try {
        const answer = await rpc('core.uptime');
        if (answer.result !== undefined) break;
      } catch {
        // Workers not ready yet: try again.
      }
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Kamailio did not open port ${tcpPort} in time.\n${stderrTail.slice(-10).join('\n')}`);
    }
    await delay(50);
  }

  return {
    wsUrl: `ws://127.0.0.1:${tcpPort}`,
    rpcUrl,
    sipDomain,
    udpPort,
    tcpPort,
    pid: child.pid ?? -1,
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
    stop,
  };
}
