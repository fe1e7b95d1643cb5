import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { TUESDAY_10AM_ICT, getJson, playRecordingUrl } from './client';

let sb: RunningSandbox;
const clock = { now: TUESDAY_10AM_ICT };

beforeAll(async () => {
  sb = await startSandbox({ seed: 3, calls: 400, now: () => clock.now, recordingUrlTtlSeconds: 60 });
});
afterAll(async () => {
  await sb.close();
});

async function signedUrl(media: string): Promise<string> {
  const { body } = await getJson(playRecordingUrl(sb, media));
  return (body as { media: string }).media;
}

const names = () =>
  sb.state.history
    .all()
    .filter((r) => r.recording !== '')
    .map((r) => r.recording);

describe('signed recording URLs', () => {
  it('serve a real WAV (PCM 8 kHz mono), the same bytes every time', async () => {
    const media = names()[0]!;
    const response = await fetch(await signedUrl(media));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
    expect(bytes.toString('ascii', 8, 12)).toBe('WAVE');
    expect(bytes.readUInt16LE(20)).toBe(1); // PCM
    expect(bytes.readUInt16LE(22)).toBe(1); // mono
    expect(bytes.readUInt32LE(24)).toBe(8000);
    expect(bytes.readUInt32LE(40)).toBe(bytes.length - 44);
    expect(bytes.length).toBeGreaterThan(8000 * 2 * 2);
    const again = Buffer.from(await (await fetch(await signedUrl(media))).arrayBuffer());
    expect(again.equals(bytes)).toBe(true);
    const other = Buffer.from(await (await fetch(await signedUrl(names()[1]!))).arrayBuffer());
    expect(other.equals(bytes)).toBe(false);
  });

  it('answer 403 once expired (sandbox clock)', async () => {
    const url = await signedUrl(names()[0]!);
    const saved = clock.now;
    clock.now += 59_000;
    expect((await fetch(url)).status).toBe(200);
    clock.now += 2_000;
    const expired = await getJson(url);
    clock.now = saved;
    expect(expired).toMatchObject({ status: 403, body: { message: 'Request has expired' } });
  });

  it('answer 403 when tampered with', async () => {
    const url = new URL(await signedUrl(names()[0]!));
    const longer = new URL(url);
    longer.searchParams.set('Expires', String(Number(url.searchParams.get('Expires')) + 3600));
    expect((await fetch(longer)).status).toBe(403);
    const otherFile = new URL(url);
    otherFile.pathname = `/recordings/${names()[1]!}`;
    expect((await fetch(otherFile)).status).toBe(403);
    const badSignature = new URL(url);
    badSignature.searchParams.set('Signature', '0'.repeat(64));
    expect((await fetch(badSignature)).status).toBe(403);
    const unsigned = new URL(url);
    unsigned.search = '';
    expect((await fetch(unsigned)).status).toBe(403);
  });
});
