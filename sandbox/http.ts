import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a route produces; the server turns it into bytes (or a fault replaces it). */
export type Reply =
  | {
      readonly kind: 'json';
      readonly status: number;
      readonly body: unknown;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'bytes'; readonly status: number; readonly contentType: string; readonly body: Buffer };

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply =>
  headers === undefined ? { kind: 'json', status, body } : { kind: 'json', status, body, headers };

/** Every failure answers `{ "message": "..." }`. */
export const failure = (status: number, message: string, headers?: Record<string, string>): Reply =>
  json(status, { message }, headers);

export function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  if (reply.kind === 'bytes') {
    res.writeHead(reply.status, {
      'content-type': reply.contentType,
      'content-length': reply.body.length,
      'cache-control': 'no-store',
    });
    res.end(reply.body);
    return;
  }
  sendRaw(res, reply.status, JSON.stringify(reply.body), reply.headers);
}

export function sendRaw(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const body = Buffer.from(text, 'utf8');
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.length,
    ...headers,
  });
  res.end(body);
}

const MAX_BODY_BYTES = 64 * 1024;

export type BodyResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/** Reads a JSON body (empty body → undefined). Never throws. */
export async function readJsonBody(req: IncomingMessage): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += buffer.length;
      if (size > MAX_BODY_BYTES) return { ok: false, message: 'Request body too large' };
      chunks.push(buffer);
    }
  } catch {
    return { ok: false, message: 'Request body could not be read' };
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: 'Request body is not valid JSON' };
  }
}

export function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}
