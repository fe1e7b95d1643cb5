import type { ErrorCode } from '../shared/errors';

/**
 * The `antring` command's exit codes. Scripts branch on these, so they are part of the
 * command's public interface: change them only with the README.
 */
export const EXIT = {
  ok: 0,
  /** Something unexpected on this machine (e.g. the --out file cannot be written). */
  failure: 1,
  /** Bad usage, invalid input or missing settings: nothing was sent. */
  usage: 2,
  /** AntBuddy refused the request (HTTP 400). */
  rejected: 3,
  /** AntBuddy could not be used, after retries (5xx, 503 limit, network, timeout, garbled answer). */
  unavailable: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A garbled answer (malformed_response) is AntBuddy misbehaving, not the user's mistake: 4, as for an outage. */
export function exitCodeFor(code: ErrorCode): ExitCode {
  switch (code) {
    case 'invalid_input':
    case 'config_invalid':
    case 'not_configured':
    case 'secret_storage_unavailable':
    case 'setting_locked':
    case 'secret_dropped':
    case 'not_dialable':
      return EXIT.usage;
    case 'rejected':
    case 'not_registered':
      return EXIT.rejected;
    case 'server_error':
    case 'rate_limited':
    case 'network':
    case 'timeout':
    case 'malformed_response':
      return EXIT.unavailable;
    case 'forbidden_sender':
    case 'unknown_channel':
    case 'internal':
      return EXIT.failure;
  }
}

/** What each code means in every command's --help, unless the command words it for itself. */
export const EXIT_MEANINGS: Readonly<Record<ExitCode, string>> = {
  [EXIT.ok]: 'success',
  [EXIT.failure]: 'unexpected local failure',
  [EXIT.usage]: 'bad usage, invalid input or missing settings (nothing was sent)',
  [EXIT.rejected]: 'AntBuddy refused the request (HTTP 400)',
  [EXIT.unavailable]:
    'AntBuddy unavailable after retries (HTTP 5xx, 503 request limit, network, timeout, malformed answer)',
};

/** The exit codes a command can end with, each with the command's own wording or the shared one. */
export type ExitCodeList = readonly (ExitCode | readonly [ExitCode, string])[];

/** The "Exit codes:" section of a command's --help, one code a line, in the order given. */
export function exitCodesHelp(codes: ExitCodeList): string {
  const lines = codes.map((entry) => {
    const [code, meaning] = typeof entry === 'number' ? [entry, EXIT_MEANINGS[entry]] : entry;
    return `  ${code}  ${meaning}`;
  });
  return `Exit codes:\n${lines.join('\n')}`;
}

/** Codes of a command that asks AntBuddy once: every outcome is possible. */
export const API_COMMAND_EXIT_CODES: ExitCodeList = [
  EXIT.ok,
  EXIT.failure,
  EXIT.usage,
  EXIT.rejected,
  EXIT.unavailable,
];
