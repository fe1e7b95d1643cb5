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
  return (
    out
      .replace(/(authenticate token)\s+\S+/gi, `$1 ${REDACTED}`)
      .replace(/("auth_token"\s*:\s*)"(?:[^"\\]|\\.)*"/g, `$1"${REDACTED}"`)
      // A sha256 (the API's signatures) wherever it turns up.
      .replace(/[0-9a-f]{64,}/gi, REDACTED)
  );
}

/** Redacted, on one line, and short enough for a log line. */
export function forLog(text: string, secrets: readonly (string | undefined)[] = [], max = MAX_LOG_CHARS): string {
  // Redact the whole text, then truncate: cut first, a token running past the cut no longer
  // matches its known value nor a closed `"auth_token":"…"`, and its first characters leaked.
  // Frames are at most MAX_SIGNAL_FRAME_BYTES (the socket refuses larger), so the scan is bounded.
  const clean = redact(text, secrets).replace(/[\r\n\t]+/g, ' ');
  return clean.length > max ? `${clean.slice(0, max)}… (${text.length} chars)` : clean;
}
