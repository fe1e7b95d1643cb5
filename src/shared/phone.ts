import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js';

/**
 * Phone numbers as Vietnamese call-center agents read and type them. The platform delivers the
 * same customer as `0912345678`, `+84912345678` or `84912345678` depending on the carrier and
 * the leg, so everything that matches numbers (screen-pop, history lookup, CRM links) goes
 * through here instead of comparing strings.
 */
export interface NormalizedPhone {
  /** `+84912345678`; absent for extensions and for strings that are not phone numbers. */
  readonly e164?: string;
  /** For people: `0912 345 678`, `028 7301 9555`; foreign numbers in international form. */
  readonly national: string;
  /** What a Vietnamese CRM stores and an agent dials: `0912345678` (digits, trunk prefix 0). */
  readonly local: string;
  /** An internal extension (`8001`): shown and matched as typed. */
  readonly isExtension: boolean;
}

const DEFAULT_COUNTRY = 'VN';
/** Extensions on AntBuddy are short (8001, 8099); real subscriber numbers are longer. */
const EXTENSION = /^\d{2,6}$/;
/** Separators people and carriers put inside numbers. */
const SEPARATORS = /[\s.\-()]/g;

/** `sip:0912345678@x.antbuddy.com` → `0912345678`; other strings are only trimmed. */
function userPart(raw: string): string {
  const withoutScheme = raw.trim().replace(/^(?:sips?|tel):/i, '');
  const at = withoutScheme.indexOf('@');
  return at >= 0 ? withoutScheme.slice(0, at) : withoutScheme;
}

function digitsOnly(value: string): string {
  return value.replace(/\D/g, '');
}

function isVietnamese(phone: PhoneNumber): boolean {
  return phone.countryCallingCode === '84';
}

export function normalizeVietnamPhone(raw: string): NormalizedPhone {
  const user = userPart(raw);
  const compact = user.replace(SEPARATORS, '');
  if (EXTENSION.test(compact)) return { national: compact, local: compact, isExtension: true };

  // Only strings made of digits (with an optional leading +) are numbers: libphonenumber would
  // otherwise read `agent8001` as 8001, and a SIP user is not a phone number.
  const parsed = /^\+?\d+$/.test(compact) ? parsePhoneNumberFromString(compact, DEFAULT_COUNTRY) : undefined;
  if (parsed && parsed.isValid()) {
    if (isVietnamese(parsed)) {
      const national = parsed.formatNational();
      return { e164: parsed.number, national, local: digitsOnly(national), isExtension: false };
    }
    return { e164: parsed.number, national: parsed.formatInternational(), local: parsed.number, isExtension: false };
  }
  if (parsed && parsed.isPossible()) {
    // Right length, unknown range (new prefixes appear before metadata catches up): still one
    // number whatever its spelling, so keep the E.164 key, but do not pretend to know its grouping.
    const local = isVietnamese(parsed) ? `0${parsed.nationalNumber}` : parsed.number;
    return { e164: parsed.number, national: local, local, isExtension: false };
  }
  return { national: compact, local: compact, isExtension: false };
}

/** A number the way the app shows it: `0912 345 678`. */
export function formatForDisplay(number: string): string {
  return normalizeVietnamPhone(number).national;
}

/**
 * The key under which a number is filed and looked up: E.164 when it parses, else the compact
 * string as typed. Two spellings of one number get the same key.
 */
export function phoneKey(number: string): string {
  const phone = normalizeVietnamPhone(number);
  return phone.e164 ?? phone.local;
}

/** Same subscriber? By E.164 when both parse, else by the compact strings. */
export function samePhone(a: string, b: string): boolean {
  const left = normalizeVietnamPhone(a);
  const right = normalizeVietnamPhone(b);
  if (left.e164 !== undefined && right.e164 !== undefined) return left.e164 === right.e164;
  if (left.e164 !== undefined || right.e164 !== undefined) return false;
  return left.local !== '' && left.local === right.local;
}
