/** Schemes the app answers for the OS: click-to-call links from browsers, CRMs and mail. */
export const DIAL_SCHEMES = ['tel', 'callto', 'sip'] as const;
export type DialScheme = (typeof DIAL_SCHEMES)[number] | 'sips';

const DIAL_URL = /^(tel|callto|sips?):/i;
/**
 * Longer than any phone number or SIP address. A longer argument is still taken as a link (the
 * dial service then says it is not a number to call, rather than the click doing nothing),
 * but an argument this big is not kept or read at all.
 */
const MAX_ARGUMENT_LENGTH = 64 * 1024;

export function isDialUrl(value: string): boolean {
  return value.length <= MAX_ARGUMENT_LENGTH && DIAL_URL.test(value);
}

/**
 * A second launch (the OS opening a tel: link) passes the link somewhere in argv, among
 * Chromium switches; pick the first dial link and ignore the rest.
 */
export function findDialUrl(argv: readonly string[]): string | undefined {
  return argv.find((arg) => isDialUrl(arg));
}

/**
 * The scheme alone, for the log: the rest of a sip: URI may carry a password, and the number
 * of a tel: link is the customer's, which the log has no need of.
 */
export function dialUrlScheme(url: string): DialScheme | undefined {
  const scheme = DIAL_URL.exec(url)?.[1]?.toLowerCase();
  return scheme === 'tel' || scheme === 'callto' || scheme === 'sip' || scheme === 'sips' ? scheme : undefined;
}

/**
 * Links that arrive before the services exist (macOS sends open-url before `ready` when a link
 * starts the app) wait here, and are handed over once a handler is set: only the newest, since
 * the agent clicked it last.
 */
export interface DialLinkInbox {
  receive(url: string): void;
  /** From now on links go straight to `handler`; one that waited is handed over at once. */
  deliverTo(handler: (url: string) => void): void;
}

export function createDialLinkInbox(): DialLinkInbox {
  let waiting: string | undefined;
  let handler: ((url: string) => void) | undefined;
  return {
    receive(url) {
      if (handler) handler(url);
      else waiting = url;
    },
    deliverTo(next) {
      handler = next;
      const url = waiting;
      waiting = undefined;
      if (url !== undefined) next(url);
    },
  };
}
