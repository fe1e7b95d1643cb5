/**
 * The seam between the service and a call-signal protocol. Kazoo Blackhole is the default
 * (blackhole-adapter.ts); another protocol needs only another implementation of this.
 */

export type PlatformEventKind = 'create' | 'answer' | 'bridge' | 'destroy' | 'hold' | 'unhold';

export interface PlatformParty {
  readonly number?: string;
  readonly name?: string;
}

/** One leg's event in neutral terms: what the call folder needs, nothing protocol-specific. */
export interface PlatformCallEvent {
  readonly kind: PlatformEventKind;
  readonly legId: string;
  readonly otherLegId?: string;
  readonly bridgeId?: string;
  /** The switch's point of view, not the agent's. */
  readonly switchDirection?: 'inbound' | 'outbound';
  readonly caller: PlatformParty;
  readonly callee: PlatformParty;
  /** Epoch ms the platform stamped on the event; absent when unreadable. */
  readonly atMs?: number;
  /** User parts of the SIP request / To / From URIs. */
  readonly requestUser?: string;
  readonly toUser?: string;
  readonly fromUser?: string;
  /** `device`, `user`, `resource`…: who the switch authorised this leg as. */
  readonly authorizingType?: string;
  readonly ownerId?: string;
  readonly username?: string;
  readonly accountId?: string;
  /** Company number dialled, when the platform names it outright. */
  readonly did?: string;
  readonly queue?: string;
  readonly hangupCause?: string;
  readonly durationSeconds?: number;
  readonly billingSeconds?: number;
}

export type ClassifiedFrame =
  | {
      readonly kind: 'reply';
      readonly requestId?: string;
      readonly status: 'success' | 'error';
      readonly errors: readonly string[];
    }
  | { readonly kind: 'event'; readonly name: string; readonly data: unknown }
  | { readonly kind: 'unknown'; readonly reason: string };

export type EventMapping =
  | { readonly ok: true; readonly event: PlatformCallEvent; readonly droppedFields: readonly string[] }
  | { readonly ok: false; readonly ignorable: boolean; readonly reason: string };

/** What a failed reply means for the connection. */
export type ReplyErrorKind = 'auth' | 'account' | 'unavailable' | 'rate_limited' | 'other';

export interface OutgoingContext {
  readonly requestId: string;
  readonly accountId: string;
  readonly token?: string;
}

export interface SignalProtocolAdapter {
  readonly name: string;
  readonly defaultBindings: readonly string[];
  subscribe(binding: string, ctx: OutgoingContext): string;
  unsubscribe(binding: string, ctx: OutgoingContext): string;
  ping(ctx: Omit<OutgoingContext, 'accountId'>): string;
  /** Never throws, whatever the text. */
  classify(frame: string): ClassifiedFrame;
  /** Never throws; `ignorable` marks well-formed events the app has no use for. */
  toPlatformEvent(frame: Extract<ClassifiedFrame, { kind: 'event' }>): EventMapping;
  classifyReplyError(errors: readonly string[]): ReplyErrorKind;
  /**
   * Runs the frame parsers once on built-in samples, with no effect on any call: whatever a
   * parser sets up on first use (zod compiles each object schema then, 10–15 ms here) is done
   * before the first real call instead of between its ring and its screen-pop. Idempotent.
   */
  warmUp(): void;
}
