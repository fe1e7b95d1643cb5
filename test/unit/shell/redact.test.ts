import { describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import { redact, redactLogData } from '../../../src/main/shell/redact';

const SECRET = 'S3cr3t-app-Key';
const SIP = 'sip-Pa55';

describe('redact', () => {
  it('masks known secret values wherever they appear', () => {
    const out = redact(`signing with ${SECRET} and ${SIP}; again ${SECRET}`, [SECRET, SIP]);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(SIP);
    expect(out).toContain('signing with [redacted]');
  });
  it('masks a longer secret whole even if it contains a shorter one', () => {
    expect(redact('value=abcdef', ['abc', 'abcdef'])).toBe('value=[redacted]');
  });
  it('ignores empty secrets (an unset secret must not mask everything)', () => {
    expect(redact('plain text', ['', ''])).toBe('plain text');
  });
  it('masks hash and token query values, keeping the rest of the URL', () => {
    const out = redact(
      'GET https://openapi.antbuddy.com/v1/calls?from=1&hash=9f86d081884c7d65&to=2&access_token=eyJhbGci.abc',
      [],
    );
    expect(out).toBe('GET https://openapi.antbuddy.com/v1/calls?from=1&hash=[redacted]&to=2&access_token=[redacted]');
  });
  it('masks auth headers in header dumps and JSON', () => {
    expect(redact('x-auth-app-hash: 9f86d081884c7d65', [])).toBe('x-auth-app-hash: [redacted]');
    expect(redact('{"X-Auth-App-Hash":"9f86d081884c7d65","x-auth-app-id":"app1"}', [])).toBe(
      '{"X-Auth-App-Hash":"[redacted]","x-auth-app-id":"app1"}',
    );
    expect(redact('Authorization: Bearer eyJhbGciOi.J9.x', [])).toBe('Authorization: [redacted]');
    expect(redact('voice token=abc.def.ghi received', [])).toBe('voice token=[redacted] received');
    expect(redact("{ appSecret: 'zzz', sipPassword: 'yyy' }", [])).not.toMatch(/zzz|yyy/);
  });
  it('leaves ordinary log lines alone', () => {
    const line = 'History sync: 120 calls from 2024-05-01 to 2024-05-31 (3 pages)';
    expect(redact(line, [SECRET])).toBe(line);
  });
});

describe('redactLogData', () => {
  it('turns objects and errors into redacted text', () => {
    const error = new Error(`request failed with hash=abc123 and ${SECRET}`);
    const out = redactLogData(
      ['settings', { appSecret: SECRET, nested: { password: SIP } }, error],
      [SECRET, SIP],
    ).join(' ');
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(SIP);
    expect(out).not.toContain('abc123');
    expect(out).toContain('request failed');
  });
});

describe('redact: forms a log line takes that the key=value patterns missed', () => {
  const HASH = '1de1c7a667297905f45373f982c0e182c6d5ba6391f2bf41dc053619182b351b';

  it('masks a header Map as util.inspect prints it', () => {
    const printed = inspect(new Map([['x-auth-app-hash', HASH]]));
    expect(printed).toContain(`'x-auth-app-hash' => '${HASH}'`);
    expect(redact(printed, [])).not.toContain(HASH);
    expect(redact(printed, [])).toContain("'x-auth-app-hash' => '[redacted]'");
    // Not hex, so only the `=>` form can catch it.
    const notHex = inspect(new Map([['x-auth-app-hash', 'zz-not-hex-value']]));
    expect(redact(notHex, [])).not.toContain('zz-not-hex-value');
    expect(redactLogData([new Map([['authorization', 'Basic dXNlcjpwdw==']])], [])[0]).not.toContain('dXNlcjpwdw');
  });

  it('masks a space-separated header', () => {
    expect(redact(`x-auth-app-hash ${HASH}`, [])).toBe('x-auth-app-hash [redacted]');
    expect(redact('> X-Auth-App-Hash zz-not-hex-value\n> accept */*', [])).toBe(
      '> X-Auth-App-Hash [redacted]\n> accept */*',
    );
  });

  it('masks a bare run of 64 hex characters anywhere', () => {
    expect(redact(`signed ${HASH} ok`, [])).toBe('signed [redacted] ok');
    expect(redact(`/v1/x/${HASH.toUpperCase()}/y`, [])).toBe('/v1/x/[redacted]/y');
    expect(redact(`id=call_${HASH}`, [])).toBe('id=call_[redacted]');
    // 32 hex (call ids, account ids) are not hashes of ours: left readable.
    expect(redact('account 4f1c0e9a2b7d4c6e8a0b1c2d3e4f5a6b', [])).toBe('account 4f1c0e9a2b7d4c6e8a0b1c2d3e4f5a6b');
  });
});
