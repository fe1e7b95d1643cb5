import type {
  SipAnswerOptions,
  SipNewSessionEvent,
  SipSessionLike,
  SipTerminateOptions,
  SipUserAgentConfig,
  SipUserAgentLike,
} from '../../../src/renderer/src/sip/user-agent';

type Listener = (event: never) => void;

class Emitter {
  private readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, payload?: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (p: unknown) => void)(payload);
  }
}

/** A JsSIP RTCSession stand-in that records what the phone asked of it. */
export class FakeSession extends Emitter implements SipSessionLike {
  readonly answered: SipAnswerOptions[] = [];
  readonly terminated: (SipTerminateOptions | undefined)[] = [];
  readonly mutes: string[] = [];
  readonly connection = null;
  readonly remote_identity: SipSessionLike['remote_identity'];

  constructor(
    readonly id: string,
    user: string,
    displayName?: string,
  ) {
    super();
    this.remote_identity = { display_name: displayName, uri: { user } };
  }
  answer(options: SipAnswerOptions): void {
    this.answered.push(options);
  }
  terminate(options?: SipTerminateOptions): void {
    this.terminated.push(options);
    // JsSIP reports its own termination synchronously, as 'failed' before the answer.
    this.emit('failed', { originator: 'local', cause: 'Rejected' });
  }
  mute(): void {
    this.mutes.push('mute');
  }
  unmute(): void {
    this.mutes.push('unmute');
  }
}

/** A JsSIP UA stand-in: tests fire its events by hand. */
export class FakeUserAgent extends Emitter implements SipUserAgentLike {
  started = 0;
  stopped = 0;
  constructor(readonly config: SipUserAgentConfig) {
    super();
  }
  start(): void {
    this.started += 1;
  }
  stop(): void {
    this.stopped += 1;
  }
  /** An incoming INVITE, with its headers (name → values). */
  ring(session: FakeSession, headers: Record<string, string[]> = {}): void {
    const lookup = (name: string): string[] =>
      Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ?? [];
    const event: SipNewSessionEvent = {
      originator: 'remote',
      session,
      request: { getHeader: (name) => lookup(name)[0], getHeaders: lookup },
    };
    this.emit('newRTCSession', event);
  }
}
