import { existsSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { join } from 'node:path';

/**
 * Just enough of the D-Bus wire protocol (spec: dbus.freedesktop.org/doc/dbus-specification.html)
 * to ask the session bus whether a StatusNotifier host shows tray icons, the way Chromium decides
 * between its StatusNotifier icon and the old XEmbed one. No package and no child process
 * (`gdbus`, `dbus-send` are not on every desktop): a socket, the EXTERNAL handshake, a few method
 * calls. It also answers method calls, so tests can play a watcher on a private bus.
 */

export type DbusValue = string | number | boolean;

/** A body argument with its D-Bus type: `s` string, `o` object path, `u` uint32, `b` boolean, `v` variant. */
export type DbusArg =
  | { readonly type: 's' | 'o'; readonly value: string }
  | { readonly type: 'u'; readonly value: number }
  | { readonly type: 'b'; readonly value: boolean }
  | { readonly type: 'v'; readonly value: Exclude<DbusArg, { type: 'v' }> };

export interface DbusCall {
  readonly destination: string;
  readonly path: string;
  readonly interface: string;
  readonly member: string;
  readonly args?: readonly DbusArg[];
}

export type DbusReply =
  | { readonly kind: 'return'; readonly values: readonly DbusValue[] }
  | { readonly kind: 'error'; readonly name: string };

export interface IncomingCall {
  readonly path: string;
  readonly interface: string;
  readonly member: string;
  readonly values: readonly DbusValue[];
}

export interface DbusConnection {
  call(call: DbusCall): Promise<DbusReply>;
  /** Answers method calls sent to this connection (a test's stand-in service). */
  serve(handler: (call: IncomingCall) => readonly DbusArg[] | undefined): void;
  close(): void;
}

const MESSAGE_CALL = 1;
const MESSAGE_RETURN = 2;
const MESSAGE_ERROR = 3;
/** The bus must not start a service to answer: asking whether one runs must not launch it. */
const FLAG_NO_AUTO_START = 0x2;
const FLAG_NO_REPLY_EXPECTED = 0x1;
const FIELD = {
  path: 1,
  interface: 2,
  member: 3,
  errorName: 4,
  replySerial: 5,
  destination: 6,
  sender: 7,
  signature: 8,
};
/** A bus message larger than this is not an answer to our questions: drop the connection. */
const MAX_MESSAGE_BYTES = 1 << 20;

/**
 * The session bus's socket: the first `unix:path=` or `unix:abstract=` of DBUS_SESSION_BUS_ADDRESS,
 * else systemd's `$XDG_RUNTIME_DIR/bus`. Undefined when there is none (no desktop session).
 */
export function sessionBusSocket(env: NodeJS.ProcessEnv): string | undefined {
  const address = env['DBUS_SESSION_BUS_ADDRESS'];
  if (address !== undefined && address !== '') {
    for (const entry of address.split(';')) {
      const [transport, params = ''] = entry.split(/:(.*)/s, 2);
      if (transport !== 'unix') continue;
      const keys = new Map(
        params.split(',').map((pair) => {
          const [key = '', value = ''] = pair.split(/=(.*)/s, 2);
          return [key, unescapeAddress(value)] as const;
        }),
      );
      const path = keys.get('path');
      if (path) return path;
      const abstract = keys.get('abstract');
      // Linux abstract sockets: Node reaches them with a leading NUL.
      if (abstract) return `\0${abstract}`;
    }
    return undefined;
  }
  const runtime = env['XDG_RUNTIME_DIR'];
  if (runtime && existsSync(join(runtime, 'bus'))) return join(runtime, 'bus');
  return undefined;
}

function unescapeAddress(value: string): string {
  return value.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// ---- marshalling (little-endian out; either order in) ----

class Writer {
  private bytes: number[] = [];
  get length(): number {
    return this.bytes.length;
  }
  align(n: number): void {
    while (this.bytes.length % n !== 0) this.bytes.push(0);
  }
  byte(value: number): void {
    this.bytes.push(value & 0xff);
  }
  uint32(value: number): void {
    this.align(4);
    this.bytes.push(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff);
  }
  setUint32(at: number, value: number): void {
    this.bytes[at] = value & 0xff;
    this.bytes[at + 1] = (value >>> 8) & 0xff;
    this.bytes[at + 2] = (value >>> 16) & 0xff;
    this.bytes[at + 3] = (value >>> 24) & 0xff;
  }
  string(value: string): void {
    const encoded = Buffer.from(value, 'utf8');
    this.uint32(encoded.length);
    this.bytes.push(...encoded, 0);
  }
  signature(value: string): void {
    this.byte(value.length);
    this.bytes.push(...Buffer.from(value, 'ascii'), 0);
  }
  arg(arg: DbusArg): void {
    switch (arg.type) {
      case 's':
      case 'o':
        this.string(arg.value);
        return;
      case 'u':
        this.uint32(arg.value);
        return;
      case 'b':
        this.uint32(arg.value ? 1 : 0);
        return;
      case 'v':
        this.signature(arg.value.type);
        this.arg(arg.value);
        return;
    }
  }
  buffer(): Buffer {
    return Buffer.from(this.bytes);
  }
}

interface OutgoingMessage {
  readonly type: number;
  readonly flags: number;
  readonly serial: number;
  readonly fields: readonly {
    readonly code: number;
    readonly type: 's' | 'o' | 'u' | 'g';
    readonly value: string | number;
  }[];
  readonly args: readonly DbusArg[];
}

function encodeMessage(message: OutgoingMessage): Buffer {
  const body = new Writer();
  for (const arg of message.args) body.arg(arg);
  const signature = message.args.map((arg) => arg.type).join('');
  const fields =
    signature === ''
      ? message.fields
      : [...message.fields, { code: FIELD.signature, type: 'g' as const, value: signature }];
  const out = new Writer();
  out.byte(0x6c); // 'l': little-endian
  out.byte(message.type);
  out.byte(message.flags);
  out.byte(1); // protocol version
  out.uint32(body.length);
  out.uint32(message.serial);
  const lengthAt = out.length;
  out.uint32(0);
  const start = out.length;
  for (const field of fields) {
    out.align(8);
    out.byte(field.code);
    out.signature(field.type);
    if (field.type === 'u') out.uint32(Number(field.value));
    else if (field.type === 'g') out.signature(String(field.value));
    else out.string(String(field.value));
  }
  out.setUint32(lengthAt, out.length - start);
  out.align(8);
  return Buffer.concat([out.buffer(), body.buffer()]);
}

class Reader {
  constructor(
    private readonly data: Buffer,
    private offset: number,
    private readonly little: boolean,
  ) {}
  get position(): number {
    return this.offset;
  }
  seek(offset: number): void {
    this.offset = offset;
  }
  align(n: number): void {
    this.offset = Math.ceil(this.offset / n) * n;
  }
  byte(): number {
    return this.data.readUInt8(this.offset++);
  }
  uint32(): number {
    this.align(4);
    const value = this.little ? this.data.readUInt32LE(this.offset) : this.data.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }
  string(): string {
    const length = this.uint32();
    const value = this.data.toString('utf8', this.offset, this.offset + length);
    this.offset += length + 1;
    return value;
  }
  signature(): string {
    const length = this.byte();
    const value = this.data.toString('ascii', this.offset, this.offset + length);
    this.offset += length + 1;
    return value;
  }
  /** One value of a basic type or a variant of one; anything else ends the reading. */
  value(type: string): DbusValue | undefined {
    switch (type) {
      case 's':
      case 'o':
        return this.string();
      case 'g':
        return this.signature();
      case 'u':
        return this.uint32();
      case 'b':
        return this.uint32() !== 0;
      case 'v':
        return this.value(this.signature());
      default:
        return undefined;
    }
  }
}

interface IncomingMessage {
  readonly type: number;
  readonly flags: number;
  readonly serial: number;
  readonly fields: ReadonlyMap<number, DbusValue>;
  readonly values: readonly DbusValue[];
}

/** The length of the first whole message in `data`, or undefined while it has not all arrived. */
function messageLength(data: Buffer): number | undefined {
  if (data.length < 16) return undefined;
  // 'l' or 'B': anything else is not a D-Bus message (or we lost our place in the stream).
  if (data[0] !== 0x6c && data[0] !== 0x42) throw new Error('not a D-Bus message');
  const little = data[0] === 0x6c;
  const bodyLength = little ? data.readUInt32LE(4) : data.readUInt32BE(4);
  const fieldsLength = little ? data.readUInt32LE(12) : data.readUInt32BE(12);
  const total = Math.ceil((16 + fieldsLength) / 8) * 8 + bodyLength;
  if (total > MAX_MESSAGE_BYTES) throw new Error('D-Bus message too large');
  return data.length >= total ? total : undefined;
}

function decodeMessage(data: Buffer): IncomingMessage {
  const little = data[0] === 0x6c;
  const reader = new Reader(data, 1, little);
  const type = reader.byte();
  const flags = reader.byte();
  reader.byte(); // version
  const bodyLength = reader.uint32();
  const serial = reader.uint32();
  const fieldsLength = reader.uint32();
  const fieldsEnd = reader.position + fieldsLength;
  const fields = new Map<number, DbusValue>();
  while (reader.position < fieldsEnd) {
    reader.align(8);
    const code = reader.byte();
    const value = reader.value('v');
    // A field of a type this reader does not know: none of ours follow it; skip the rest.
    if (value === undefined) break;
    fields.set(code, value);
  }
  reader.seek(fieldsEnd);
  reader.align(8);
  const bodyEnd = reader.position + bodyLength;
  const values: DbusValue[] = [];
  const signature = fields.get(FIELD.signature);
  for (const type of typeof signature === 'string' ? signature : '') {
    if (reader.position >= bodyEnd) break;
    const value = reader.value(type);
    if (value === undefined) break;
    values.push(value);
  }
  return { type, flags, serial, fields, values };
}

// ---- the connection ----

/**
 * Connects to a bus socket, authenticates as this user (EXTERNAL) and says Hello. `signal`
 * gives up (and closes the socket) on a bus that does not answer.
 */
export function connectBus(socketPath: string, uid: number, signal?: AbortSignal): Promise<DbusConnection> {
  return new Promise((resolve, reject) => {
    const socket: Socket = createConnection({ path: socketPath });
    let serial = 0;
    let authenticated = false;
    let received = Buffer.alloc(0);
    const pending = new Map<number, (reply: DbusReply) => void>();
    let handler: ((call: IncomingCall) => readonly DbusArg[] | undefined) | undefined;

    const fail = (error: Error): void => {
      socket.destroy();
      for (const answer of pending.values()) answer({ kind: 'error', name: 'org.freedesktop.DBus.Error.Disconnected' });
      pending.clear();
      reject(error);
    };
    const send = (message: Omit<OutgoingMessage, 'serial'>): number => {
      serial += 1;
      socket.write(encodeMessage({ ...message, serial }));
      return serial;
    };
    const call = (request: DbusCall): Promise<DbusReply> =>
      new Promise((answer) => {
        if (socket.destroyed) {
          answer({ kind: 'error', name: 'org.freedesktop.DBus.Error.Disconnected' });
          return;
        }
        const sent = send({
          type: MESSAGE_CALL,
          flags: FLAG_NO_AUTO_START,
          fields: [
            { code: FIELD.path, type: 'o', value: request.path },
            { code: FIELD.interface, type: 's', value: request.interface },
            { code: FIELD.member, type: 's', value: request.member },
            { code: FIELD.destination, type: 's', value: request.destination },
          ],
          args: request.args ?? [],
        });
        pending.set(sent, answer);
      });
    const connection: DbusConnection = {
      call,
      serve(next) {
        handler = next;
      },
      close() {
        socket.end();
        socket.destroy();
      },
    };

    const handle = (message: IncomingMessage): void => {
      const replyTo = message.fields.get(FIELD.replySerial);
      if ((message.type === MESSAGE_RETURN || message.type === MESSAGE_ERROR) && typeof replyTo === 'number') {
        const answer = pending.get(replyTo);
        pending.delete(replyTo);
        const errorName = message.fields.get(FIELD.errorName);
        answer?.(
          message.type === MESSAGE_RETURN
            ? { kind: 'return', values: message.values }
            : { kind: 'error', name: typeof errorName === 'string' ? errorName : 'unknown' },
        );
        return;
      }
      if (message.type !== MESSAGE_CALL || (message.flags & FLAG_NO_REPLY_EXPECTED) !== 0) return;
      const sender = message.fields.get(FIELD.sender);
      const text = (code: number): string => {
        const value = message.fields.get(code);
        return typeof value === 'string' ? value : '';
      };
      const answer = handler?.({
        path: text(FIELD.path),
        interface: text(FIELD.interface),
        member: text(FIELD.member),
        values: message.values,
      });
      const destination =
        typeof sender === 'string' ? [{ code: FIELD.destination, type: 's' as const, value: sender }] : [];
      send(
        answer
          ? {
              type: MESSAGE_RETURN,
              flags: FLAG_NO_REPLY_EXPECTED,
              fields: [{ code: FIELD.replySerial, type: 'u', value: message.serial }, ...destination],
              args: answer,
            }
          : {
              type: MESSAGE_ERROR,
              flags: FLAG_NO_REPLY_EXPECTED,
              fields: [
                { code: FIELD.replySerial, type: 'u', value: message.serial },
                { code: FIELD.errorName, type: 's', value: 'org.freedesktop.DBus.Error.UnknownMethod' },
                ...destination,
              ],
              args: [],
            },
      );
    };

    signal?.addEventListener('abort', () => fail(new Error('D-Bus connection given up')), { once: true });
    socket.on('error', (error) => fail(error));
    socket.on('close', () => fail(new Error('D-Bus connection closed')));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (!authenticated) {
        const end = received.indexOf('\r\n');
        if (end < 0) {
          if (received.length > 4096) fail(new Error('D-Bus handshake too long'));
          return;
        }
        const line = received.toString('ascii', 0, end);
        received = received.subarray(end + 2);
        if (!line.startsWith('OK ')) {
          fail(new Error('D-Bus refused the EXTERNAL handshake'));
          return;
        }
        authenticated = true;
        socket.write('BEGIN\r\n');
        void call({
          destination: 'org.freedesktop.DBus',
          path: '/org/freedesktop/DBus',
          interface: 'org.freedesktop.DBus',
          member: 'Hello',
        }).then((reply) => (reply.kind === 'return' ? resolve(connection) : fail(new Error(reply.name))));
      }
      try {
        for (let length = messageLength(received); length !== undefined; length = messageLength(received)) {
          const message = decodeMessage(received.subarray(0, length));
          received = received.subarray(length);
          handle(message);
        }
      } catch (error) {
        fail(error instanceof Error ? error : new Error('unreadable D-Bus message'));
      }
    });
    socket.on('connect', () => {
      // The credentials byte, then AUTH EXTERNAL with our uid as hex-encoded ASCII digits.
      socket.write(`\0AUTH EXTERNAL ${Buffer.from(String(uid), 'ascii').toString('hex')}\r\n`);
    });
  });
}
