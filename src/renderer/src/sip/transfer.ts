import { err, ok, type Result } from '../../../shared/result';

/** Why a transfer (or SIP dialing) target cannot be used; the UI words each one. */
export type TargetProblem = 'empty' | 'invalid';

/** Characters people put in numbers for readability: spaces, dashes, dots, parentheses. */
const NUMBER_SEPARATORS = /[\s\-.()]/g;
const LOOKS_LIKE_NUMBER = /^\+?[\d\s\-.()]+$/;
/** A SIP user name (`agent8001`, `lan.nguyen`): letters, digits and a few marks, nothing that escapes a URI. */
const SIP_USER = /^[a-z0-9][a-z0-9._-]{0,63}$/i;
const MAX_DIGITS = 20;

/**
 * The SIP user part for what the agent typed: a number keeps only its digits and a leading +
 * (`0912 345-678` → `0912345678`); an extension or a SIP user name is kept as typed. Nothing
 * else (a whole URI, `@`, `;`, `?`) gets through, so the target cannot smuggle URI parameters
 * or headers into the REFER or INVITE.
 */
export function sipUserFor(input: string): Result<string, TargetProblem> {
  const trimmed = input.trim();
  if (trimmed === '') return err('empty');
  if (LOOKS_LIKE_NUMBER.test(trimmed)) {
    const compact = trimmed.replace(NUMBER_SEPARATORS, '');
    const digits = compact.replace(/^\+/, '');
    if (digits === '' || digits.length > MAX_DIGITS) return err('invalid');
    return ok(compact);
  }
  return SIP_USER.test(trimmed) ? ok(trimmed) : err('invalid');
}

/** `sip:<user>@<domain>`: where transfers and direct calls go, on the agent's own SIP domain. */
export function sipUriFor(user: string, domain: string): string {
  return `sip:${user}@${domain}`;
}

/** A colleague as the transfer field offers them (from the host's cached agent list). */
export interface ColleagueChoice {
  readonly name: string;
  readonly extensions: readonly string[];
  readonly username: string;
}

/**
 * What to dial for the field's text: a colleague's name (as offered in the list, any case)
 * becomes their first extension, or their user name when they have none; anything else is
 * dialled as typed.
 */
export function resolveColleague(input: string, colleagues: readonly ColleagueChoice[]): string {
  const wanted = input.trim().toLowerCase();
  if (wanted === '') return input;
  const match = colleagues.find((c) => c.name.trim().toLowerCase() === wanted);
  if (!match) return input;
  return match.extensions[0] ?? (match.username || input);
}
