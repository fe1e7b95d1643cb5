import { EventEmitter } from 'node:events';
import type { PlatformCallEvent } from '../../../src/main/services/signals';
import { createBlackholeAdapter } from '../../../src/main/services/signals';
import type { SignalSocket } from '../../../src/main/services/signals/types';

export const ACCOUNT = '4f1c0e9a2b7d4c6e8a0b1c2d3e4f5a6b';
/** 2026-01-28T08:08:53Z in Gregorian seconds. */
export const T0 = 63_936_806_933;

const adapter = createBlackholeAdapter();

/** A Blackhole event frame as text. */
export function eventFrame(name: string, data: Record<string, unknown>): string {
  const callId = String(data.call_id ?? '');
  return JSON.stringify({
    action: 'event',
    subscribed_key: `call.${name}.*`,
    subscription_key: `call.${ACCOUNT}.${name}.*`,
    name,
    routing_key: `call.${ACCOUNT}.${name}.${callId}`,
    data: { event_name: name, ...data },
  });
}

/** A Blackhole event run through the adapter, as the folder receives it. */
export function platformEvent(name: string, data: Record<string, unknown>): PlatformCallEvent {
  const frame = adapter.classify(eventFrame(name, data));
  if (frame.kind !== 'event') throw new Error(`not an event: ${frame.kind}`);
  const mapped = adapter.toPlatformEvent(frame);
  if (!mapped.ok) throw new Error(mapped.reason);
  return mapped.event;
}

/** A scriptable stand-in for a `ws` client socket. */
export class FakeSocket extends EventEmitter implements SignalSocket {
  static instances: FakeSocket[] = [];
  readyState = 0;
  readonly sent: string[] = [];
  pings = 0;
  terminated = false;

  constructor(
    readonly url: string,
    readonly options?: unknown,
  ) {
    super();
    FakeSocket.instances.push(this);
  }

  static reset(): void {
    FakeSocket.instances = [];
  }

  static last(): FakeSocket {
    const socket = FakeSocket.instances.at(-1);
    if (!socket) throw new Error('no socket opened');
    return socket;
  }

  send(data: string): void {
    this.sent.push(data);
  }

  ping(): void {
    this.pings++;
  }

  terminate(): void {
    if (this.terminated) return;
    this.terminated = true;
    this.readyState = 3;
    this.emit('close', 1006, Buffer.alloc(0));
  }

  serverOpen(): void {
    this.readyState = 1;
    this.emit('open');
  }

  serverSend(text: string): void {
    this.emit('message', Buffer.from(text), false);
  }

  serverClose(code = 1006): void {
    this.readyState = 3;
    this.emit('close', code, Buffer.alloc(0));
  }

  sentMessages(): { action: string; auth_token?: string; request_id: string; data: Record<string, unknown> }[] {
    return this.sent.map(
      (s) =>
        JSON.parse(s) as { action: string; auth_token?: string; request_id: string; data: Record<string, unknown> },
    );
  }

  /** Answers every unanswered subscribe with success. */
  acceptSubscriptions(): void {
    for (const m of this.sentMessages()) {
      if (m.action === 'subscribe' && !this.answered.has(m.request_id)) {
        this.answered.add(m.request_id);
        this.serverSend(
          JSON.stringify({
            action: 'reply',
            request_id: m.request_id,
            status: 'success',
            data: { subscribed: [m.data.binding] },
          }),
        );
      }
    }
  }

  readonly answered = new Set<string>();
}

/** Lets pending promise callbacks run (fake timers do not run microtasks by themselves). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
