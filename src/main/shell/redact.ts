import { inspect } from 'node:util';

const MASK = '[redacted]';

/**
 * Patterns for secrets whose value we do not know in advance: signed-request hashes, auth
 * headers and tokens. Each keeps the name (useful when reading a log) and masks the value.
 */
const PATTERNS: readonly RegExp[] = [
  // query strings: ?hash=..., &token=..., &access_token=..., &signature=...
  /([?&](?:hash|token|access_token|auth_token|signature|sig|password|secret)=)[^&#\s"'<>]+/gi,
  // headers and key/value dumps: x-auth-app-hash: v, authorization=Bearer v, "token": "v", and
  // a Map as util.inspect prints it: 'x-auth-app-hash' => 'v' (`=>` before `=`, or only `>` is masked)
  /(["']?(?:x-auth-app-hash|x-auth-[\w-]*token|authorization|app_?secret|sip_?password|password|access_?token|auth_?token|token|hash|secret|credential)["']?\s*(?:=>|[:=])\s*["']?)(?:(?:Bearer|Basic)\s+)?[^"'\s,;&}]+/gi,
  // our signing header followed by a space (curl -v, HTTP/2 dumps): only for names no sentence
  // uses, so "token refreshed" stays readable
  /(\b(?:x-auth-app-hash|x-auth-[\w-]*token)["']?[ \t]+["']?)(?!\[redacted\]|[=:>])[^"'\s,;&}]+/gi,
  // a bare bearer token anywhere
  /(\bBearer\s+)[\w.~+/=-]+/gi,
  // a bare sha256 (every signed request carries one): 64 hex characters or more, wherever they
  // are (the empty group: every pattern's first group is the part that is kept)
  /()[0-9a-f]{64,}/gi,
];

/**
 * Removes secrets from a log line: the known values (appSecret, SIP password) wherever they
 * appear, and anything shaped like a hash or token. Pure, so it can be tested thoroughly.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so a secret that contains another is masked whole.
  const known = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  for (const secret of known) out = out.split(secret).join(MASK);
  for (const pattern of PATTERNS) out = out.replace(pattern, (_match, prefix: string) => `${prefix}${MASK}`);
  return out;
}

/** Turns whatever was logged into text with secrets masked. Errors keep their stack. */
export function redactLogData(data: readonly unknown[], secrets: readonly string[]): string[] {
  return data.map((item) => {
    const text =
      typeof item === 'string'
        ? item
        : item instanceof Error
          ? (item.stack ?? item.message)
          : inspect(item, { depth: 4, breakLength: Infinity });
    return redact(text, secrets);
  });
}
