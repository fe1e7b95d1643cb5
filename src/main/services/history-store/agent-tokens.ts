import { normalizeVietnamPhone } from '../../../shared/phone';
import type { CallParty, CallRecord } from '../api/types';

/**
 * The company identities on a call, each filed under the side it was on: a user party's SIP
 * user and user name, an extension, and the agent a queue handed the call to. "My calls" and
 * the agent filter look these up; an identity the record does not carry (an agent's extension
 * when the record names its user) is mapped through the agents list at query time.
 */
export type AgentSide = 'caller' | 'callee';

/** How call_agents stores the side. */
export const SIDE_CODE: Readonly<Record<AgentSide, 0 | 1>> = { caller: 0, callee: 1 };

export interface AgentToken {
  readonly token: string;
  readonly side: AgentSide;
}

/** SIP user names often embed the extension (`agent8001`, `ext-8001`). */
const EMBEDDED_EXTENSION = /^[a-z._-]+(\d{2,6})$/i;

/** `sip:agent8001@acme.antbuddy.com` → `agent8001`, lower case. */
export function identityToken(value: string): string {
  return (
    value
      .trim()
      .toLowerCase()
      .replace(/^(?:sips?|tel):/, '')
      .split('@')[0] ?? ''
  );
}

/** One identity and the others it implies (the embedded extension). */
export function identityTokens(value: string): string[] {
  const token = identityToken(value);
  if (token === '') return [];
  const embedded = EMBEDDED_EXTENSION.exec(token)?.[1];
  return embedded ? [token, embedded] : [token];
}

/** Is this party the company's (a user, an extension or a SIP user), not a customer's number? */
export function isCompanyParty(party: Pick<CallParty, 'number' | 'type'>): boolean {
  if (party.type === 'user') return true;
  const number = String(party.number);
  if (normalizeVietnamPhone(number).isExtension) return true;
  return /[a-z]/i.test(identityToken(number));
}

function partyTokens(party: CallParty): string[] {
  if (!isCompanyParty(party)) return [];
  const tokens = [identityToken(String(party.number))];
  if (typeof party.username === 'string') tokens.push(identityToken(party.username));
  return tokens;
}

export function agentTokensOf(record: CallRecord): AgentToken[] {
  const seen = new Set<string>();
  const out: AgentToken[] = [];
  const add = (token: string, side: AgentSide): void => {
    const id = `${side}\u0000${token}`;
    if (token === '' || seen.has(id)) return;
    seen.add(id);
    out.push({ token, side });
  };
  for (const token of partyTokens(record.caller)) add(token, 'caller');
  for (const token of partyTokens(record.callee)) add(token, 'callee');
  for (const stat of record.queue_stat) {
    if (typeof stat.username === 'string') add(identityToken(stat.username), 'callee');
  }
  return out;
}
