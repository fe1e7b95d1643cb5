import type { CallLogEndReason, CallQualitySummary, CallSummary } from '../../../shared/call-log';
import type { CallEndReason, PhoneCallsState } from './phone-state';

export interface CallRecorderDeps {
  readonly now: () => number;
  readonly quality: (id: string) => CallQualitySummary;
  readonly sipCallId: (id: string) => string | undefined;
  readonly record: (call: CallSummary) => void;
}

interface OpenCall {
  readonly startedAt: number;
  readonly direction: CallSummary['direction'];
  readonly number: string;
  answeredAt: number | undefined;
}

/**
 * The phone's reason as the log keeps it. Typed on the phone's own union so that a reason added
 * to the phone and not to the log fails to compile instead of being logged as `failed`.
 */
function endReasonOf(reason: CallEndReason): CallLogEndReason {
  return reason;
}

/** Ids already recorded, so a call listed as ended for a while is written once. */
const REMEMBERED = 50;

/**
 * Turns the phone's published calls into call-log entries: a call is seen when it starts
 * ringing or dialing, answered when it goes in-call, and recorded once it ends, with how it
 * ended and the quality summary of its audio.
 */
export class CallRecorder {
  private readonly open = new Map<string, OpenCall>();
  private readonly recorded: string[] = [];

  constructor(private readonly deps: CallRecorderDeps) {}

  observe(state: PhoneCallsState): void {
    const now = this.deps.now();
    const listed = new Set<string>();
    for (const call of state.calls) {
      listed.add(call.id);
      if (this.recorded.includes(call.id)) continue;
      let entry = this.open.get(call.id);
      if (!entry) {
        entry = { startedAt: now, direction: call.direction, number: call.remote.number, answeredAt: undefined };
        this.open.set(call.id, entry);
      }
      if (call.status.kind === 'in-call' && entry.answeredAt === undefined) entry.answeredAt = call.status.since;
      if (call.status.kind === 'ended') this.finish(call.id, entry, endReasonOf(call.status.reason), now);
    }
    // A call gone from the list without an ending (the phone was reset under it).
    for (const [id, entry] of [...this.open]) if (!listed.has(id)) this.finish(id, entry, 'failed', now);
  }

  private finish(id: string, entry: OpenCall, endReason: CallLogEndReason, now: number): void {
    this.open.delete(id);
    this.recorded.push(id);
    if (this.recorded.length > REMEMBERED) this.recorded.shift();
    const summary: CallSummary = {
      sipCallId: this.deps.sipCallId(id) ?? id,
      direction: entry.direction,
      number: entry.number,
      startedAt: entry.startedAt,
      ...(entry.answeredAt !== undefined ? { answeredAt: Math.max(entry.startedAt, entry.answeredAt) } : {}),
      endedAt: Math.max(entry.startedAt, now),
      endReason,
      quality: this.deps.quality(id),
    };
    this.deps.record(summary);
  }
}
