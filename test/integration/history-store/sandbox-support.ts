import { randomBytes } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { CallRecord as SandboxRecord, RunningSandbox } from '../../../sandbox/index';

/** A finished inbound call for the sandbox's history (its schema: records.ts). */
export function sandboxCall(
  unixSeconds: number,
  caller: string,
  sipUser = 'agent8001',
  username = 'someone',
): SandboxRecord {
  return {
    _id: unixSeconds.toString(16).padStart(8, '0') + randomBytes(8).toString('hex'),
    call_id: `appended-${randomBytes(8).toString('hex')}`,
    caller: { number: caller, type: 'realnumber' },
    callee: { number: sipUser, type: 'user', username },
    class: 'trunking',
    did_number: '02873019555',
    direction: 'to_ab',
    status_detail: 'IVR',
    duration_seconds: 12,
    unix_timestamp: unixSeconds,
    billing_seconds: 0,
    recording: '',
    queue_stat: [],
  };
}

export function historyRequests(sandbox: RunningSandbox) {
  return sandbox.requestLog.filter((e) => e.path === '/oapi/v1/call/histories');
}

/**
 * A loopback HTTP proxy in front of the sandbox that never answers the requests `hang`
 * picks (they stay open until close): a deterministic way to stop a sync at a chosen page.
 */
export async function startHangingProxy(
  sandbox: RunningSandbox,
  hang: (url: URL) => boolean,
): Promise<{ url: string; close: () => Promise<void>; hung: () => number }> {
  const target = new URL(sandbox.apiUrl);
  const held: ServerResponse[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://proxy.invalid');
    if (hang(url)) {
      held.push(res);
      return;
    }
    const upstream = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hung: () => held.length,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port with nothing listening: requests to it fail at once (the API is down). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
