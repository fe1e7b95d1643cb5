import type { PlatformCallEvent, SignalProtocolAdapter } from '../signals/adapter';
import { isAgentParty, type ScreenPopAgent } from './agent-identity';

/**
 * Why this exists: the signals service folds legs and emits `ringing` once, on a call's first
 * leg. For a customer dialling a DID, that leg is addressed to the DID; the agent's phone rings
 * on a second leg, which changes no CallEvent. The screen-pop must pop exactly then, so it
 * listens to the legs themselves through the adapter seam the signals service offers, and
 * learns "the call these legs belong to is ringing this agent".
 */

/** Ids that may name the call a ringing agent leg belongs to (the folder's call id is one of them). */
export type AgentLegRinging = (legIds: readonly string[]) => void;

/** True for a leg the switch creates towards this agent's phone. */
export function isLegToAgent(event: PlatformCallEvent, agent: ScreenPopAgent): boolean {
  if (event.kind !== 'create') return false;
  // A leg the switch sends *to* a device is outbound from the switch's point of view; the
  // agent's own outgoing leg (inbound to the switch) carries the same owner id and must not count.
  if (event.switchDirection === 'inbound') return false;
  if (event.switchDirection === 'outbound') {
    if (agent.ownerId !== undefined && event.ownerId === agent.ownerId) return true;
    if (event.username !== undefined && event.username.toLowerCase() === agent.sipUser.trim().toLowerCase())
      return true;
  }
  return [event.callee.number, event.requestUser].some((n) => n !== undefined && isAgentParty({ number: n }, agent));
}

/**
 * Wraps a protocol adapter: every mapped event still goes to the signals service unchanged;
 * creates of legs towards this agent are also reported to `onAgentLeg`. Never throws into the
 * signals service.
 */
export function tapAgentLegs(
  inner: SignalProtocolAdapter,
  agent: () => ScreenPopAgent | undefined,
  onAgentLeg: AgentLegRinging,
): SignalProtocolAdapter {
  return {
    ...inner,
    // Spread does not copy methods defined on a prototype: bind the ones the service calls.
    name: inner.name,
    defaultBindings: inner.defaultBindings,
    subscribe: (binding, ctx) => inner.subscribe(binding, ctx),
    unsubscribe: (binding, ctx) => inner.unsubscribe(binding, ctx),
    ping: (ctx) => inner.ping(ctx),
    classify: (frame) => inner.classify(frame),
    classifyReplyError: (errors) => inner.classifyReplyError(errors),
    toPlatformEvent(frame) {
      const mapped = inner.toPlatformEvent(frame);
      if (mapped.ok) {
        try {
          const me = agent();
          if (me && isLegToAgent(mapped.event, me)) {
            const { legId, otherLegId, bridgeId } = mapped.event;
            onAgentLeg([legId, otherLegId, bridgeId].filter((id): id is string => id !== undefined));
          }
        } catch {
          // The screen-pop must never break the call signals.
        }
      }
      return mapped;
    },
  };
}
