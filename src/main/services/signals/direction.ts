import type { CallDirection } from '../../../shared/domain';

/**
 * Is this number one of the company's users (extension or SIP user name)? Vietnamese
 * subscriber and DID numbers have 9+ digits, extensions a handful; SIP user names such as
 * `agent8001` contain letters. Undefined when there is nothing to judge.
 */
export function isCompanyNumber(number: string | undefined): boolean | undefined {
  if (!number) return undefined;
  const s = number.trim().replace(/[\s\-().]/g, '');
  if (s === '') return undefined;
  if (/^(anonymous|unknown|restricted|private|unavailable)$/i.test(s)) return false;
  if (/^\+?\d+$/.test(s)) return s.replace(/^\+/, '').length <= 6;
  return /[a-z]/i.test(s) ? true : undefined;
}

const USER_AUTH = new Set(['device', 'user', 'mobile', 'account']);

export interface DirectionInput {
  readonly fromNumber?: string;
  readonly toNumber?: string;
  /** authorizing_type of the first (A) leg. */
  readonly aLegAuthorizingType?: string;
  /** authorizing_type of every other leg seen so far. */
  readonly otherLegAuthorizingTypes: readonly string[];
}

/**
 * The agent's point of view. The numbers decide when they can (an outside number calling a
 * company number is inbound whatever the switch's variables say); the A leg's authorising
 * type decides the rest: a device or user placed the call (outbound or internal), anything
 * else (a trunk/resource, or nothing) means it came from outside.
 */
export function callDirection(input: DirectionInput): CallDirection {
  const caller = isCompanyNumber(input.fromNumber);
  const callee = isCompanyNumber(input.toNumber);
  const aUser = input.aLegAuthorizingType !== undefined && USER_AUTH.has(input.aLegAuthorizingType);
  const otherUser = input.otherLegAuthorizingTypes.some((t) => USER_AUTH.has(t));

  if (caller === true) {
    if (callee === true) return 'internal';
    if (callee === false) return 'outbound';
    return aUser && otherUser ? 'internal' : 'outbound';
  }
  if (caller === false) {
    if (callee === true) return 'inbound';
    // Outside to outside: an agent whose caller id is the company DID calling a customer.
    return aUser ? 'outbound' : 'inbound';
  }
  if (!aUser) return 'inbound';
  return callee === true || (callee === undefined && otherUser) ? 'internal' : 'outbound';
}
