/** Schemes the app answers for the OS: click-to-call links from browsers, CRMs and mail. */
export const DIAL_SCHEMES = ['tel', 'callto', 'sip'] as const;

const DIAL_URL = /^(?:tel|callto|sip):/i;
/** Longer than any phone number or SIP address: anything bigger is not a dial link. */
const MAX_DIAL_URL_LENGTH = 512;

export function isDialUrl(value: string): boolean {
  return value.length <= MAX_DIAL_URL_LENGTH && DIAL_URL.test(value);
}

/**
 * A second launch (the OS opening a tel: link) passes the link somewhere in argv, among
 * Chromium switches; pick the first dial link and ignore the rest.
 */
export function findDialUrl(argv: readonly string[]): string | undefined {
  return argv.find((arg) => isDialUrl(arg));
}
