import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import { parseByteRange } from '../../../sandbox/byte-range';

/**
 * The sandbox serves recordings in byte ranges like S3 does: without them Chromium treats a
 * streamed recording as unseekable (seeking lands at 0), so the player's slider and its
 * resume-at-position could not work against it.
 */

describe('Range headers', () => {
  it('are read as one range, a suffix, an open end, or ignored', () => {
    expect(parseByteRange(undefined, 100)).toEqual({ kind: 'whole' });
    expect(parseByteRange('bytes=0-', 100)).toEqual({ kind: 'part', start: 0, end: 99 });
    expect(parseByteRange('bytes=10-19', 100)).toEqual({ kind: 'part', start: 10, end: 19 });
    expect(parseByteRange('bytes=90-500', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
    expect(parseByteRange('bytes=-10', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
    expect(parseByteRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'whole' });
    expect(parseByteRange('items=0-1', 100)).toEqual({ kind: 'whole' });
    expect(parseByteRange('bytes=20-10', 100)).toEqual({ kind: 'whole' });
  });
});

describe('the sandbox’s recording files', () => {
  let sandbox: RunningSandbox;
  let url = '';

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 5, calls: 100, days: 5 });
    const media = sandbox.state.history.all().find((r) => r.recording !== '')?.recording ?? '';
    const hash = createHash('sha256').update(`${sandbox.appId}${media}${sandbox.appSecret}`).digest('hex');
    const query = new URLSearchParams({ appId: sandbox.appId, media, hash });
    const answer = (await (await fetch(`${sandbox.apiUrl}/oapi/v1/call/play_recording?${query}`)).json()) as {
      media: string;
    };
    url = answer.media;
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('answer a range with 206 and exactly those bytes of the whole file', async () => {
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const bytes = Buffer.from(await whole.arrayBuffer());

    const part = await fetch(url, { headers: { range: 'bytes=40-1039' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 40-1039/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(40, 1040))).toBe(true);
  });

  it('answer 416 past the end, and still 403 for an expired or tampered URL whatever the range', async () => {
    const past = await fetch(url, { headers: { range: 'bytes=99999999-' } });
    expect(past.status).toBe(416);
    const tampered = new URL(url);
    tampered.searchParams.set('Signature', '0'.repeat(64));
    expect((await fetch(tampered, { headers: { range: 'bytes=0-' } })).status).toBe(403);
  });
});
