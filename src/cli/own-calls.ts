import type { CallEvent } from '../shared/domain';
import { isAgentParty, tapAgentLegs, type ScreenPopAgent } from '../main/services/screenpop';
import { createBlackholeAdapter, type SignalProtocolAdapter } from '../main/services/signals';
import { BoundedSet } from '../main/services/signals/bounded';

/** Calls remembered as this agent's, and ringing calls held back: bounded, for a command that runs all day. */
const MAX_CALLS = 2_000;
const MAX_HELD = 500;

export interface OwnCallFilter {
  /** The protocol adapter the signal service must use: it tells the filter which legs ring this agent. */
  readonly adapter: SignalProtocolAdapter;
  /** One folded call event from the service; what is this agent's goes to the filter's output. */
  accept(event: CallEvent): void;
}

/**
 * `antring signals --mine`: only the calls of this agent. A call is this agent's when the
 * agent is its caller or callee, or when the switch rings one of the agent's legs. That second
 * case matters: a customer dialling a DID or a queue rings the DID first (the call's one
 * `ringing` event names the DID, not the agent) and reaches the agent's phone on a later leg,
 * which no CallEvent shows. The same leg tap the screen-pop uses tells the filter; the call's
 * `ringing`, held back until then, is released at that moment, when the agent's phone rings.
 */
export function createOwnCallFilter(
  agent: ScreenPopAgent,
  output: (event: CallEvent) => void,
  inner: SignalProtocolAdapter = createBlackholeAdapter(),
): OwnCallFilter {
  const mine = new BoundedSet(MAX_CALLS);
  /** Ringing events of calls not (yet) known as this agent's, by call id, oldest first. */
  const held = new Map<string, CallEvent>();

  const hold = (event: CallEvent): void => {
    held.delete(event.callId);
    held.set(event.callId, event);
    if (held.size > MAX_HELD) {
      const oldest = held.keys().next();
      if (!oldest.done) held.delete(oldest.value);
    }
  };

  const claim = (ids: readonly string[]): void => {
    for (const id of ids) {
      mine.add(id);
      const ringing = held.get(id);
      if (ringing) {
        held.delete(id);
        output(ringing);
      }
    }
  };

  const involvesAgent = (event: CallEvent): boolean => isAgentParty(event.from, agent) || isAgentParty(event.to, agent);

  return {
    adapter: tapAgentLegs(inner, () => agent, claim, claim),
    accept(event) {
      if (mine.has(event.callId) || involvesAgent(event)) {
        mine.add(event.callId);
        held.delete(event.callId);
        output(event);
        return;
      }
      if (event.type === 'ringing') hold(event);
      else if (event.type === 'ended') held.delete(event.callId);
    },
  };
}
