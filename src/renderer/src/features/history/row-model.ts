import type { Colleague } from '../../../../shared/contract';
import { normalizeDialNumber } from '../../../../shared/dial-number';
import type { HistoryNumber, HistoryRow } from '../../../../shared/history';
import { phoneKey } from '../../../../shared/phone';
import { memoized } from '../../../../shared/memoized';

/**
 * What the History screen derives from a row: whom "call back" dials, whether a missed call
 * rang this agent, what "copy" puts on the clipboard, and the key favourites are kept under.
 * Pure, so it is tested without a screen.
 */

/** The agent this app runs for, as the settings and the colleagues list name them. */
export interface Me {
  readonly sipUser: string;
  /** This agent's extensions (from the colleagues list, when it knows the agent). */
  readonly extensions: readonly string[];
  readonly username?: string;
}

/** SIP users often embed the extension (`agent8001`). */
const EMBEDDED_EXTENSION = /^[a-z._-]+(\d{2,6})$/i;

const lower = (value: string | undefined): string => (value ?? '').trim().toLowerCase();

/** This agent as far as the renderer knows it: the SIP user, and the colleague entry that matches it. */
export function meFrom(sipUser: string, colleagues: readonly Colleague[]): Me {
  const user = lower(sipUser);
  const embedded = EMBEDDED_EXTENSION.exec(user)?.[1];
  const entry = colleagues.find(
    (c) => lower(c.username) === user || (embedded !== undefined && c.extensions.includes(embedded)),
  );
  const extensions = new Set([...(entry?.extensions ?? []), ...(embedded !== undefined ? [embedded] : [])]);
  return { sipUser: user, extensions: [...extensions], ...(entry ? { username: lower(entry.username) } : {}) };
}

/** A missed call that rang this agent: the calls it should call back. */
export function isMissedByMe(row: HistoryRow, me: Me): boolean {
  if (row.status !== 'missed' || me.sipUser === '' || !row.agent) return false;
  const ids = [lower(row.agent.number), lower(row.agent.username)].filter((id) => id !== '');
  return ids.some((id) => id === me.sipUser || id === me.username || me.extensions.includes(id));
}

/**
 * The number "call back" dials: the party's own number when it is one, else the extension of
 * the colleague it names (an internal call's party is the colleague's SIP user, which is not
 * dialable), else nothing.
 */
export function dialTarget(
  party: Pick<HistoryNumber, 'raw' | 'display'> & { readonly name?: string },
  colleagues: readonly Colleague[],
): string | undefined {
  for (const candidate of [party.raw, party.display]) {
    const dialable = normalizeDialNumber(candidate);
    if (dialable.ok) return dialable.value;
  }
  const names = [lower(party.raw), lower(party.name)].filter((n) => n !== '');
  const colleague = colleagues.find((c) => names.includes(lower(c.username)));
  if (colleague?.extensions[0] !== undefined) return colleague.extensions[0];
  const embedded = EMBEDDED_EXTENSION.exec(party.raw.trim())?.[1];
  const byExtension = embedded === undefined ? undefined : colleagues.find((c) => c.extensions.includes(embedded));
  return byExtension ? embedded : undefined;
}

/** What "copy" puts on the clipboard: the number as it is dialled or pasted into a CRM (`0912345678`). */
export function copyText(party: Pick<HistoryNumber, 'raw' | 'display'>): string {
  const compact = party.display.replace(/\s+/g, '');
  return compact !== '' ? compact : party.raw.trim();
}

/** The favourites key of a number: one per subscriber, whatever the spelling. */
export const favouriteKey: (number: string) => string = memoized(phoneKey);

/** An agent's first extension by user name (what a colleague dials), from the colleagues list. */
export function agentExtensions(
  colleagues: readonly Colleague[],
): (username: string | undefined) => string | undefined {
  const byName = new Map(colleagues.map((c) => [lower(c.username), c.extensions[0]]));
  return (username) => (username ? byName.get(lower(username)) : undefined);
}
