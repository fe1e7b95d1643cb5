import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a route produces; the server turns it into bytes (or a fault replaces it). */
export type Reply =
  | {
      readonly kind: 'json';
      readonly status: number;
      readonly body: unknown;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'bytes';
      readonly status: number;
      readonly contentType: string;
      readonly body: Buffer;
      readonly headers?: Readonly<Record<string, string>>;
    };

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
      ...reply.headers,
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

export type OwnAddressCheck = { readonly ok: true } | { readonly ok: false; readonly reply: Reply };

/**
 * Whether a request is addressed to this server itself, as a browser would show it. Loopback
 * peers alone are not enough: a page on any site can make the tester's browser (a loopback
 * peer) send requests here, either under a DNS-rebound host name (the browser then sends that
 * name as Host → 421) or cross-site (the browser then sends its own Origin → 403). Clients
 * that are not browsers send our own Host and no Origin.
 */
export function checkOwnAddress(
  headers: { readonly host?: string | undefined; readonly origin?: string | undefined },
  port: number,
): OwnAddressCheck {
  const ownHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (headers.host === undefined || !ownHosts.includes(headers.host.toLowerCase())) {
    return { ok: false, reply: failure(421, 'Misdirected request: not addressed to this sandbox') };
  }
  if (headers.origin !== undefined && !ownHosts.map((host) => `http://${host}`).includes(headers.origin)) {
    return { ok: false, reply: failure(403, 'Sandbox controls answer their own origin only') };
  }
  return { ok: true };
}
