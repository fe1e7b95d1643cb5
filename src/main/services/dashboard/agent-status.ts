import { AGENT_STATUSES, type AgentStatus, type KnownAgentStatus } from '../../../shared/dashboard';

/**
 * Spellings of the documented statuses seen across Kazoo's ACDC versions and the vendor's
 * pages (`wrapup` in the counts, "wrap-up" in prose; `login`/`logout` as events). Anything
 * else is not guessed at: it is shown as the server sent it, under "other".
 */
const ALIASES: Readonly<Record<string, KnownAgentStatus>> = {
  wrap_up: 'wrapup',
  login: 'logged_in',
  loggedin: 'logged_in',
  logout: 'logged_out',
  loggedout: 'logged_out',
  pause: 'paused',
};

const KNOWN = new Set<string>(AGENT_STATUSES);

function isKnown(value: string): value is KnownAgentStatus {
  return KNOWN.has(value);
}

/** AntBuddy's status string → one of the screen's statuses; case and `-`/space separators do not matter. */
export function mapAgentStatus(raw: string): AgentStatus {
  const normalized = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (isKnown(normalized)) return { kind: normalized };
  const alias = ALIASES[normalized];
  if (alias) return { kind: alias };
  return { kind: 'other', raw: raw.trim() === '' ? '?' : raw.trim() };
}
