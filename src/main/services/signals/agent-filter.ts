import type { CallEvent, CallParty } from '../../../shared/domain';
import type { AgentIdentity } from './types';

/** The numbers and names that mean "this agent" on a call, lower-cased. */
export function agentKeys(agent: AgentIdentity): Set<string> {
  const extensions = typeof agent.extension === 'string' ? [agent.extension] : (agent.extension ?? []);
  return new Set(
    [agent.sipUser, ...extensions, agent.username, agent.ownerId]
      .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
      .map((v) => v.trim().toLowerCase()),
  );
}

export function isAgentParty(
  party: { readonly number?: string | number; readonly name?: string; readonly username?: string },
  keys: Set<string>,
): boolean {
  return [party.number, party.username].some((v) => v !== undefined && keys.has(String(v).trim().toLowerCase()));
}

/** Is this agent a party to the call (caller or callee)? Screen-pop uses it to pick its calls. */
export function isForAgent(event: Pick<CallEvent, 'from' | 'to'>, agent: AgentIdentity): boolean {
  const keys = agentKeys(agent);
  return ([event.from, event.to] as CallParty[]).some((p) => isAgentParty(p, keys));
}
