import { describe, expect, it } from 'vitest';
import { forLog, redact } from '../../../src/main/services/signals/redact';

/** 320 characters that appear nowhere else in the frames below. */
const TOKEN = `tok_${'Z'.repeat(316)}`;
const HASH = '1de1c7a667297905f45373f982c0e182c6d5ba6391f2bf41dc053619182b351b';

/** A frame whose token starts inside the first 200 characters and runs past the first 400. */
function frameWithTokenAt(offset: number, token = TOKEN): string {
  const prefix = '{"action":"subscribe","auth_token":"';
  return `{"pad":"${'p'.repeat(offset - prefix.length - 9)}",${prefix.slice(1)}${token}","request_id":"r1"}`;
}

describe('forLog', () => {
  it.each([100, 150, 190])('leaves none of a 320-char token cut by the truncation (token at %i)', (offset) => {
    const frame = frameWithTokenAt(offset);
    expect(frame.indexOf(TOKEN)).toBe(offset);
    for (const secrets of [[], [TOKEN]]) {
      const out = forLog(frame, secrets);
      expect(out).not.toMatch(/Z/);
      expect(out).not.toContain('tok_');
      expect(out.length).toBeLessThan(260);
      expect(out).toContain('[redacted]');
    }
  });

  it('masks a known token that straddles the truncation without any tell-tale field name', () => {
    const frame = `${'x'.repeat(150)} ${TOKEN} tail`;
    const out = forLog(frame, [TOKEN]);
    expect(out).not.toMatch(/Z/);
    expect(out).not.toContain('tok_');
  });

  it('masks a bare sha256 (64 hex characters)', () => {
    expect(forLog(`hash ${HASH} seen`)).toBe('hash [redacted] seen');
    expect(redact(`x${HASH.toUpperCase()}y`)).toBe('x[redacted]y');
    // Shorter hex runs (ids, call ids) stay readable.
    expect(redact('call 4f1c0e9a2b7d4c6e8a0b1c2d3e4f5a6b')).toBe('call 4f1c0e9a2b7d4c6e8a0b1c2d3e4f5a6b');
  });

  it('keeps short frames whole and on one line', () => {
    expect(forLog('{"action":"reply",\n"status":"error"}')).toBe('{"action":"reply", "status":"error"}');
  });
});
