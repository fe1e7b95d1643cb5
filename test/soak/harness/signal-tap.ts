import type { SandboxSignals } from '../../../sandbox/index';
import type { CallSignal } from '../../../sandbox/signals/index';

/**
 * What the call-signals server really sent the app, frame by frame: the ground truth for
 * "could the app listen when this call rang?". The sandbox publishes every call event through
 * one SignalsServer, which returns how many frames went out (frozen or missing sockets get
 * none); this tap wraps that method on the running instance and keeps, per call (leg A), each
 * event with the moment it was published and whether any frame reached the app. It also notes
 * each websocket upgrade the server accepted (a reconnect), with its time.
 */

export interface TappedEvent {
  readonly at: number;
  readonly name: string;
  /** The leg the event is about. */
  readonly legId: string;
  /** The agent whose device the leg is (custom_channel_vars.owner_id), when it is one. */
  readonly ownerId: string | undefined;
  /** The caller the leg shows (caller_id_number), when it is a string. */
  readonly callerNumber: string | undefined;
  /** Frames that went out to subscribed, unfrozen sockets (0: nobody heard it). */
  readonly delivered: number;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

export class SignalTap {
  private readonly calls = new Map<string, TappedEvent[]>();
  private readonly accepted: number[] = [];
  /** When events reached the app (delivered > 0), in order. */
  private readonly heard: number[] = [];
  private readonly undo: (() => void)[] = [];

  constructor(signals: SandboxSignals) {
    const server = signals.server;
    const publish = server.publish.bind(server);
    server.publish = (signal: CallSignal): number => {
      const delivered = publish(signal);
      this.record(signal, delivered);
      return delivered;
    };
    const upgrade = server.handleUpgrade.bind(server);
    server.handleUpgrade = (req, socket, head): boolean => {
      const accepting = server.isAccepting;
      const mine = upgrade(req, socket, head);
      if (mine && accepting && req.headers['sec-websocket-protocol'] === undefined) this.accepted.push(Date.now());
      return mine;
    };
    this.undo.push(() => {
      server.publish = publish;
      server.handleUpgrade = upgrade;
    });
  }

  /** The events of the call whose leg A is `callId`, in publishing order. */
  eventsOf(callId: string): readonly TappedEvent[] {
    return this.calls.get(callId) ?? [];
  }

  /** Every call that published anything, by leg A id. */
  get all(): ReadonlyMap<string, readonly TappedEvent[]> {
    return this.calls;
  }

  /** The first moment at or after `at` when a call event reached the app's socket. */
  heardAt(at: number): number | undefined {
    const times = this.heard;
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((times[mid] ?? 0) < at) lo = mid + 1;
      else hi = mid;
    }
    return times[lo];
  }

  /** The latest accepted websocket upgrade at or after `sinceMs`, if any. */
  upgradeSince(sinceMs: number): number | undefined {
    const last = this.accepted.at(-1);
    return last !== undefined && last >= sinceMs ? last : undefined;
  }

  get upgrades(): number {
    return this.accepted.length;
  }

  detach(): void {
    for (const undo of this.undo.splice(0)) undo();
  }

  private record(signal: CallSignal, delivered: number): void {
    const data = asRecord(signal.data);
    const vars = asRecord(data['custom_channel_vars']);
    const bridge = vars['bridge_id'];
    const callId = typeof bridge === 'string' && bridge !== '' ? bridge : signal.callId;
    const owner = vars['owner_id'];
    const list = this.calls.get(callId) ?? [];
    const at = Date.now();
    if (delivered > 0) this.heard.push(at);
    list.push({
      at,
      name: signal.name,
      legId: signal.callId,
      ownerId: typeof owner === 'string' ? owner : undefined,
      callerNumber: typeof data['caller_id_number'] === 'string' ? data['caller_id_number'] : undefined,
      delivered,
    });
    this.calls.set(callId, list);
  }
}
