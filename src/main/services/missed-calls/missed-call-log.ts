import type { MissedCall } from '../../../shared/domain';

export interface MissedCallLog {
  /** Newest first. */
  list(): readonly MissedCall[];
  /** Adds calls found for a gap; a call already listed is not added twice. */
  add(calls: readonly MissedCall[]): void;
  /** The agent has seen them. */
  clear(): void;
  onChange(listener: (calls: readonly MissedCall[]) => void): () => void;
}

/**
 * The calls that rang this agent while the app was not listening, kept until the agent
 * clears them. Bounded, so a long outage cannot grow it without limit: the oldest go first.
 */
export function createMissedCallLog(limit = 200, initial: readonly MissedCall[] = []): MissedCallLog {
  let calls: readonly MissedCall[] = initial.slice(0, limit);
  const listeners = new Set<(calls: readonly MissedCall[]) => void>();
  const publish = (): void => {
    for (const listener of listeners) listener(calls);
  };

  return {
    list: () => calls,
    add(found) {
      const known = new Set(calls.map((call) => call.callId));
      const fresh = found.filter((call) => !known.has(call.callId) && (known.add(call.callId), true));
      if (fresh.length === 0) return;
      calls = [...fresh, ...calls].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, limit);
      publish();
    },
    clear() {
      if (calls.length === 0) return;
      calls = [];
      publish();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
