/**
 * Blackhole echoes the token in its errors ("failed to authenticate token <T>") and our own
 * messages carry it in `auth_token`: everything that reaches a log or an error goes through here.
 */

const MAX_LOG_CHARS = 200;
const REDACTED = '[redacted]';

export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(/(authenticate token)\s+\S+/gi, `$1 ${REDACTED}`)
    .replace(/("auth_token"\s*:\s*)"(?:[^"\\]|\\.)*"/g, `$1"${REDACTED}"`);
}

/** Redacted, on one line, and short enough for a log line. */
export function forLog(text: string, secrets: readonly (string | undefined)[] = [], max = MAX_LOG_CHARS): string {
  // Truncate first so a huge frame is not scanned in full; a token cut in half by the
  // truncation is caught by the regexes or is too short to be useful.
  const head = text.length > max * 2 ? text.slice(0, max * 2) : text;
  const clean = redact(head, secrets).replace(/[\r\n\t]+/g, ' ');
  return clean.length > max ? `${clean.slice(0, max)}… (${text.length} chars)` : clean;
}
