import { createHash } from 'node:crypto';
import WebSocket, { type RawData } from 'ws';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../sandbox/index';

/** Test helpers for the call-signals sandbox: a real sandbox, real tokens, a real ws client. */

export async function startTestSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ calls: 20, days: 2, ...options });
}

export async function issueToken(sandbox: RunningSandbox): Promise<string> {
  const hash = createHash('sha256')
    .update(sandbox.appId + sandbox.appSecret, 'utf8')
    .digest('hex');
  const res = await fetch(`${sandbox.apiUrl}/oapi/v1/voice/auth_token`, {
    method: 'POST',
    headers: { 'x-auth-app-id': sandbox.appId, 'x-auth-app-hash': hash },
  });
  if (res.status !== 200) throw new Error(`auth_token answered ${res.status}`);
  const body = (await res.json()) as { value: string };
  return body.value;
}

export async function control(
  sandbox: RunningSandbox,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sandbox.controlUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

export interface Frame {
  readonly text: string | undefined;
  readonly binary: boolean;
  readonly json: unknown;
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A ws client that records every frame and lets a test wait for the ones it expects. */
export class SignalClient {
  readonly frames: Frame[] = [];
  private readonly waiters: { match: (frame: Frame) => boolean; resolve: (frame: Frame) => void; from: number }[] = [];
  private nextRequest = 1;
  readonly closed: Promise<{ code: number }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw: RawData, isBinary: boolean) => {
      const buffer = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
      let json: unknown;
      const text = isBinary ? undefined : buffer.toString('utf8');
      try {
        json = text === undefined ? undefined : (JSON.parse(text) as unknown);
      } catch {
        json = undefined;
      }
      const frame: Frame = { text, binary: isBinary, json };
      this.frames.push(frame);
      const index = this.frames.length - 1;
      for (const waiter of [...this.waiters]) {
        if (index >= waiter.from && waiter.match(frame)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(frame);
        }
      }
    });
    this.closed = new Promise((resolve) => ws.once('close', (code) => resolve({ code })));
  }

  static async connect(url: string, options: WebSocket.ClientOptions = {}): Promise<SignalClient> {
    const ws = new WebSocket(url, options);
    const client = new SignalClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  /** Resolves the HTTP status when the server refuses the upgrade. */
  static async refusal(url: string, options: WebSocket.ClientOptions = {}): Promise<number> {
    const ws = new WebSocket(url, options);
    return new Promise<number>((resolve, reject) => {
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.once('open', () => {
        ws.terminate();
        reject(new Error('the server accepted the connection'));
      });
      ws.once('error', () => undefined);
    });
  }

  /** Waits for a frame (already received or future, from index `from`). */
  waitFor(match: (frame: Frame) => boolean, from = 0): Promise<Frame> {
    const found = this.frames.slice(from).find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ match, resolve, from }));
  }

  /** Sends a request and resolves its reply (matched by request_id). */
  async request(action: string, data: unknown = {}, authToken?: string): Promise<JsonObject> {
    const requestId = `req-${this.nextRequest++}`;
    const message: JsonObject = { action, request_id: requestId, data };
    if (authToken !== undefined) message['auth_token'] = authToken;
    this.ws.send(JSON.stringify(message));
    const frame = await this.waitFor(
      (f) => isObject(f.json) && f.json['action'] === 'reply' && f.json['request_id'] === requestId,
    );
    return frame.json as JsonObject;
  }

  subscribe(accountId: string, binding: string, authToken?: string): Promise<JsonObject> {
    return this.request('subscribe', { account_id: accountId, binding }, authToken);
  }

  /** A round trip: every frame the server sent before this reply has arrived once it resolves. */
  async flush(): Promise<void> {
    await this.request('ping');
  }

  events(): JsonObject[] {
    return this.frames.map((f) => f.json).filter((j): j is JsonObject => isObject(j) && j['action'] === 'event');
  }

  close(): void {
    this.ws.terminate();
  }
}

export function eventData(event: JsonObject): JsonObject {
  const data = event['data'];
  if (!isObject(data)) throw new Error('event without data');
  return data;
}

/** Kazoo sends some numbers as strings ("31"). */
export function num(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  throw new Error(`not a number: ${String(value)}`);
}
