import type { SandboxAgent, SandboxQueue, SandboxState } from '../state';
import type { CallSpec } from './call-spec';
import type { LegParties } from './call-legs';

/**
 * Who takes part in a call a test asked for (`POST /calls`): the spec's references resolved
 * against the seeded company, or the reason they cannot be. Shared by the call simulator and
 * the platform phone, which rings the same agents over real SIP.
 */

/** An agent whose phone an inbound call rings; undefined ringMs: the call's ring time. */
export interface Attempt {
  readonly agent: SandboxAgent;
  readonly ringMs: number | undefined;
}

export interface Parties extends LegParties {
  /** Inbound: the agents rung, in order (the last is `callee`); empty otherwise. */
  readonly attempts: readonly Attempt[];
}

export type PartiesResult = { ok: true; parties: Parties } | { ok: false; message: string };

/** An agent by id, username, SIP user or extension. */
export function findAgent(state: SandboxState, ref: string): SandboxAgent | undefined {
  return state.agents.find(
    (a) => a.id === ref || a.username === ref || a.sipUser === ref || a.extensions.includes(ref),
  );
}

function findQueue(state: SandboxState, ref: string): SandboxQueue | undefined {
  return state.queues.find((q) => q.id === ref || q.name === ref);
}

export function resolveParties(state: SandboxState, spec: CallSpec): PartiesResult {
  const queue = spec.queue === undefined ? undefined : findQueue(state, spec.queue);
  if (spec.queue !== undefined && !queue) return { ok: false, message: `Unknown queue: ${spec.queue}` };
  if (queue && spec.direction !== 'inbound') return { ok: false, message: 'Only inbound calls go through a queue' };
  if (spec.ringAgents !== undefined) {
    if (spec.direction !== 'inbound') return { ok: false, message: 'Only inbound queue calls ring agents in turn' };
    if (!queue) return { ok: false, message: '"ringAgents" needs "queue": the queue rings the agents in turn' };
    if (spec.to !== undefined) return { ok: false, message: 'Give "to" or "ringAgents", not both' };
    const outcome = spec.outcome ?? 'answered';
    if (outcome === 'busy' || outcome === 'failed')
      return { ok: false, message: '"ringAgents" plays answered, missed or cancelled calls' };
  }

  if (spec.direction === 'inbound') {
    if (findAgent(state, spec.from))
      return {
        ok: false,
        message: 'An inbound call comes from an outside number; use direction "internal" between agents',
      };
    const attempts: Attempt[] = [];
    if (spec.ringAgents !== undefined) {
      for (const ringAgent of spec.ringAgents) {
        const rung = findAgent(state, ringAgent.agent);
        if (!rung) return { ok: false, message: `Unknown agent: ${ringAgent.agent}` };
        attempts.push({ agent: rung, ringMs: ringAgent.ringMs });
      }
    } else {
      const firstMember = queue?.agentIds[0];
      const agent =
        spec.to !== undefined
          ? findAgent(state, spec.to)
          : firstMember !== undefined
            ? state.agentById(firstMember)
            : undefined;
      if (!agent)
        return {
          ok: false,
          message:
            spec.to === undefined ? 'An inbound call needs "to" (an agent) or "queue"' : `Unknown agent: ${spec.to}`,
        };
      attempts.push({ agent, ringMs: undefined });
    }
    const last = attempts.at(-1);
    if (!last) return { ok: false, message: 'An inbound call needs an agent to ring' };
    const did = spec.did ?? state.dids[0];
    if (did === undefined) return { ok: false, message: 'The sandbox has no DID' };
    return {
      ok: true,
      parties: {
        direction: 'inbound',
        caller: { kind: 'number', number: spec.from, name: spec.callerName ?? spec.from },
        // The history names the agent the call ended with: who answered, or the last one rung.
        callee: { kind: 'agent', agent: last.agent },
        did,
        queue,
        attempts,
      },
    };
  }
  const caller = findAgent(state, spec.from);
  if (!caller) return { ok: false, message: `Unknown agent: ${spec.from}` };
  if (spec.to === undefined) return { ok: false, message: `A ${spec.direction} call needs "to"` };
  if (spec.direction === 'internal') {
    const callee = findAgent(state, spec.to);
    if (!callee) return { ok: false, message: `Unknown agent: ${spec.to}` };
    if (callee.id === caller.id) return { ok: false, message: 'An agent cannot call themselves' };
    return {
      ok: true,
      parties: {
        direction: 'internal',
        caller: { kind: 'agent', agent: caller },
        callee: { kind: 'agent', agent: callee },
        did: null,
        queue: undefined,
        attempts: [],
      },
    };
  }
  if (findAgent(state, spec.to)) return { ok: false, message: `${spec.to} is an agent: use direction "internal"` };
  return {
    ok: true,
    parties: {
      direction: 'outbound',
      caller: { kind: 'agent', agent: caller },
      callee: { kind: 'number', number: spec.to, name: spec.to },
      did: null,
      queue: undefined,
      attempts: [],
    },
  };
}
