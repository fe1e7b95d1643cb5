import type { CallParty } from '../../../shared/domain';
import type { AgentDirectory } from './agent-directory';

/** Who "this agent" is, as far as deciding whose phone is ringing goes. */
export interface ScreenPopAgent {
  readonly sipUser: string;
  /** Extensions from the agents list, when the SIP user could be matched to an agent. */
  readonly extensions: readonly string[];
  readonly username?: string;
  /** AntBuddy agent id (Kazoo owner id). */
  readonly ownerId?: string;
}

/** SIP user names often embed the extension (`agent8001`). */
const EMBEDDED_EXTENSION = /^[a-z._-]+(\d{2,6})$/i;

function clean(value: string): string {
  return value.trim().toLowerCase();
}

/** The settings' SIP user, completed with what the agents list knows about its owner. */
export function resolveAgentIdentity(
  sipUser: string,
  directory: Pick<AgentDirectory, 'findAgent'>,
): ScreenPopAgent | undefined {
  const user = sipUser.trim();
  if (user === '') return undefined;
  const agent = directory.findAgent(user);
  if (!agent) return { sipUser: user, extensions: [] };
  return { sipUser: user, extensions: agent.extensions, username: agent.username, ownerId: agent.id };
}

/** Does this party (the callee of a ringing leg) designate this agent's phone? */
export function isAgentParty(party: CallParty, agent: ScreenPopAgent): boolean {
  const number = clean(party.number.replace(/^sips?:/i, '').split('@')[0] ?? '');
  if (number === '') return false;
  if (number === clean(agent.sipUser)) return true;
  if (agent.username !== undefined && number === clean(agent.username)) return true;
  if (agent.extensions.some((ext) => clean(ext) === number)) return true;
  // `agent8001` ringing when only the extension 8001 is known, or the other way round.
  const embedded = EMBEDDED_EXTENSION.exec(number)?.[1];
  const ownEmbedded = EMBEDDED_EXTENSION.exec(agent.sipUser.trim())?.[1];
  return (
    (embedded !== undefined && agent.extensions.includes(embedded)) ||
    (ownEmbedded !== undefined && ownEmbedded === number)
  );
}
