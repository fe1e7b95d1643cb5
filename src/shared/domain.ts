/**
 * The app's own vocabulary, independent of how AntBuddy or Kazoo spell things on the wire.
 * Services translate platform data into these types at the boundary.
 */

export type CallDirection = 'inbound' | 'outbound' | 'internal';

export interface CallParty {
  readonly number: string;
  readonly name?: string;
}

interface CallEventBase {
  readonly callId: string;
  readonly direction: CallDirection;
  readonly from: CallParty;
  readonly to: CallParty;
  /** ISO 8601 time the platform reports for the event. */
  readonly at: string;
  /** Company number the caller dialled (inbound trunk calls). */
  readonly did?: string;
  readonly queue?: string;
}

/**
 * One event of one call as the agent sees it: the platform sends events per leg, and the
 * signals service folds the legs of a call into a single stream of these.
 */
export type CallEvent =
  | (CallEventBase & { readonly type: 'ringing' })
  | (CallEventBase & { readonly type: 'answered' })
  | (CallEventBase & { readonly type: 'held' })
  | (CallEventBase & { readonly type: 'resumed' })
  | (CallEventBase & {
      readonly type: 'ended';
      readonly durationSeconds?: number;
      readonly billingSeconds?: number;
      readonly cause?: string;
    });

export type CallEventType = CallEvent['type'];

/** The call-signals connection as the tray and the renderer show it. */
export type SignalConnectionState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'connecting'; readonly attempt: number }
  | { readonly kind: 'live'; readonly since: string }
  | {
      readonly kind: 'reconnecting';
      readonly attempt: number;
      readonly nextAttemptAt: string;
      readonly lastError: string;
    }
  | { readonly kind: 'failed'; readonly reason: string; readonly code: string };

/**
 * A call that rang this agent while the app could not hear call signals (offline, asleep,
 * reconnecting), found afterwards in the call history for the gap.
 */
export interface MissedCall {
  /** The record's call_id, or `h:<unix>:<caller>:<callee>` when it has none. */
  readonly callId: string;
  readonly from: CallParty;
  readonly to: CallParty;
  /** ISO 8601 start of the call. */
  readonly at: string;
  readonly did?: string;
  /** Queue id from the record's queue statistics. */
  readonly queue?: string;
  /** AntBuddy's status_detail (IVR, CANCELLED, BUSY, UNSUCCESS, ...). */
  readonly statusDetail: string;
}
