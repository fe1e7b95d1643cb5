import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  requests,
  type EventName,
  type EventPayload,
  type RequestHandlers,
  type RequestName,
} from '../shared/contract';
import { dispatchRequest } from '../shared/dispatch';
import { appError, type AppError } from '../shared/errors';
import { err } from '../shared/result';
import { describeZodIssue } from '../shared/zod-errors';
import {
  BRIDGE_PATH,
  MAX_FRAME_BYTES,
  RequestFrameSchema,
  type EventFrame,
  type RefusalBody,
  type ResponseFrame,
} from './bridge-protocol';
import { isLoopbackAddress, SECURITY_HEADERS, tokensMatch } from './security';

export interface BridgeServerOptions {
  readonly handlers: RequestHandlers;
  /** e.g. http://127.0.0.1:41234: the only Origin allowed to open the bridge. */
  readonly origin: () => string;
  readonly token: string;
}

export interface BridgeServer {
  /** Wire to the HTTP server's 'upgrade' event. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
}

function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(requests, name);
}

function refuse(socket: Duplex, status: 401 | 403 | 404, error: AppError): void {
  const body = JSON.stringify({ ok: false, error } satisfies RefusalBody);
  const reason = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found';
  const headers = {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n');
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${head}\r\n\r\n${body}`);
}

/** Why a bridge socket is refused, checked before the handshake so no connection is made. */
function checkUpgrade(
  request: IncomingMessage,
  options: BridgeServerOptions,
): { status: 401 | 403 | 404; error: AppError } | null {
  let url: URL | undefined;
  try {
    url = new URL(request.url ?? '/', 'http://127.0.0.1');
  } catch {
    url = undefined;
  }
  if (url?.pathname !== BRIDGE_PATH) {
    return { status: 404, error: appError('unknown_channel', 'No such endpoint.', 'Không có điểm kết nối này.') };
  }
  if (!isLoopbackAddress(request.socket.remoteAddress)) {
    return {
      status: 403,
      error: appError(
        'forbidden_sender',
        'The bridge only accepts connections from this computer.',
        'Cầu nối chỉ nhận kết nối từ chính máy này.',
      ),
    };
  }
  // Browsers always send Origin on WebSocket handshakes; a page from any other site (or a
  // DNS-rebound name) carries its own origin and is refused here.
  if (request.headers.origin !== options.origin()) {
    return {
      status: 403,
      error: appError(
        'forbidden_sender',
        'The bridge only accepts the web host’s own page.',
        'Cầu nối chỉ nhận trang của chính web host.',
      ),
    };
  }
  if (!tokensMatch(options.token, url?.searchParams.get('token'))) {
    return {
      status: 401,
      error: appError(
        'forbidden_sender',
        'Missing or wrong access token: open the address the web host printed.',
        'Thiếu hoặc sai mã truy cập: hãy mở đúng địa chỉ mà web host đã in ra.',
      ),
    };
  }
  return null;
}

function invalidFrame(detail: string): AppError {
  return appError('invalid_input', `Invalid bridge frame: ${detail}`, `Khung dữ liệu cầu nối không hợp lệ: ${detail}`);
}

/** Parses one frame and answers it; a broken frame gets a typed error, never an exception. */
async function answerFrame(data: RawData, isBinary: boolean, handlers: RequestHandlers): Promise<ResponseFrame> {
  if (isBinary) return { kind: 'response', id: null, result: err(invalidFrame('binary frames are not accepted')) };
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString());
  } catch {
    return { kind: 'response', id: null, result: err(invalidFrame('not JSON')) };
  }
  const frame = RequestFrameSchema.safeParse(raw);
  if (!frame.success) {
    // Keep the caller's id when it sent a usable one, so its promise settles.
    const id =
      typeof raw === 'object' && raw !== null && 'id' in raw && Number.isSafeInteger(raw.id) && (raw.id as number) >= 0
        ? (raw.id as number)
        : null;
    const issue = frame.error.issues[0];
    return { kind: 'response', id, result: err(invalidFrame(issue ? describeZodIssue(issue) : 'wrong shape')) };
  }
  const { id, name, input } = frame.data;
  if (!isRequestName(name)) {
    return {
      kind: 'response',
      id,
      result: err(appError('unknown_channel', `Unknown request "${name}".`, `Không có yêu cầu "${name}".`)),
    };
  }
  return { kind: 'response', id, result: await dispatchRequest(handlers, name, input) };
}

export function createBridgeServer(options: BridgeServerOptions): BridgeServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const sockets = new Set<WebSocket>();

  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A socket error (e.g. an oversized frame) closes that socket only.
    socket.on('error', () => socket.terminate());
    socket.on('message', (data, isBinary) => {
      void answerFrame(data, isBinary, options.handlers).then((reply) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(reply));
      });
    });
  });

  return {
    handleUpgrade(request, socket, head) {
      socket.on('error', () => socket.destroy());
      const refusal = checkUpgrade(request, options);
      if (refusal) {
        refuse(socket, refusal.status, refusal.error);
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    emit(name, payload) {
      const frame: EventFrame = { kind: 'event', name, payload };
      const text = JSON.stringify(frame);
      for (const socket of sockets) if (socket.readyState === socket.OPEN) socket.send(text);
    },
    close() {
      for (const socket of sockets) socket.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
