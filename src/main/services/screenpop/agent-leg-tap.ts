import type { PlatformCallEvent, SignalProtocolAdapter } from '../signals/adapter';
import { isAgentParty, type ScreenPopAgent } from './agent-identity';

/**
 * Why this exists: the signals service folds legs and emits `ringing` once, on a call's first
 * leg. For a customer dialling a DID, that leg is addressed to the DID; the agent's phone rings
 * on a second leg, which changes no CallEvent. The screen-pop must pop exactly then, so it
 * listens to the legs themselves through the adapter seam the signals service offers, and
 * learns "the call these legs belong to is ringing this agent". Likewise for answers: a queue
 * may ring several agents in turn, so "answered here" means one of this agent's own legs
 * answered, which only the legs tell.
 */

/** Ids that may name the call a ringing agent leg belongs to (the folder's call id is one of them). */
export type AgentLegRinging = (legIds: readonly string[]) => void;

/** Ids that may name the call one of this agent's legs answered (or was bridged to). */
export type AgentLegAnswered = (legIds: readonly string[]) => void;

/** This agent's leg ids remembered to recognise their answer or bridge; bounded. */
const MAX_AGENT_LEGS = 500;

/** True for a leg the switch sends towards this agent's phone, whatever the event. */
function isLegTowardsAgent(event: PlatformCallEvent, agent: ScreenPopAgent): boolean {
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

/** True for a leg the switch creates towards this agent's phone. */
export function isLegToAgent(event: PlatformCallEvent, agent: ScreenPopAgent): boolean {
  return event.kind === 'create' && isLegTowardsAgent(event, agent);
}

function idsOf(event: PlatformCallEvent): string[] {
  return [event.legId, event.otherLegId, event.bridgeId].filter((id): id is string => id !== undefined);
}

/**
 * Wraps a protocol adapter: every mapped event still goes to the signals service unchanged;
 * creates of legs towards this agent are also reported to `onAgentLeg`, and answers or bridges
 * of those legs to `onAgentLegAnswered`. The tap runs before the service folds the event, so the
 * screen-pop hears of the leg before the CallEvent it causes. Never throws into the signals
 * service.
 */
export function tapAgentLegs(
  inner: SignalProtocolAdapter,
  agent: () => ScreenPopAgent | undefined,
  onAgentLeg: AgentLegRinging,
  onAgentLegAnswered?: AgentLegAnswered,
): SignalProtocolAdapter {
  /** Leg ids (not their calls' ids) created towards this agent, oldest first. */
  const agentLegs = new Set<string>();
  const rememberLeg = (legId: string): void => {
    agentLegs.delete(legId);
    agentLegs.add(legId);
    if (agentLegs.size > MAX_AGENT_LEGS) {
      const oldest = agentLegs.values().next();
      if (!oldest.done) agentLegs.delete(oldest.value);
    }
  };
  const observe = (event: PlatformCallEvent, me: ScreenPopAgent): void => {
    if (event.kind === 'create') {
      if (!isLegTowardsAgent(event, me)) return;
      rememberLeg(event.legId);
      onAgentLeg(idsOf(event));
      return;
    }
    if ((event.kind !== 'answer' && event.kind !== 'bridge') || !onAgentLegAnswered) return;
    // This agent's leg answering, or the caller's leg bridged to it (other_leg_call_id names it).
    const mine =
      agentLegs.has(event.legId) ||
      (event.otherLegId !== undefined && agentLegs.has(event.otherLegId)) ||
      isLegTowardsAgent(event, me);
    if (mine) onAgentLegAnswered(idsOf(event));
  };
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
    // The inner adapter's own samples: through this tap they would look like legs of a call.
    warmUp: () => inner.warmUp(),
    toPlatformEvent(frame) {
      const mapped = inner.toPlatformEvent(frame);
      if (mapped.ok) {
        try {
          const me = agent();
          if (me) observe(mapped.event, me);
        } catch {
          // The screen-pop must never break the call signals.
        }
      }
      return mapped;
    },
  };
}
