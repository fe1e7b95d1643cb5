import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import { createAntBuddyClient } from '../../../src/main/services/api';
import { createRecordingService, recordingFileName, RECORDINGS_FOLDER } from '../../../src/main/services/recordings';

/**
 * The main side of recordings against a real sandbox: signed URLs for the player, and
 * downloads into the data folder (temp file + rename, 0600), including a URL that expired
 * at the server while main still believed it valid.
 */

let sandbox: RunningSandbox;
/** The sandbox's clock runs this far ahead of ours: how a URL main still trusts expires at the server. */
let serverAheadMs = 0;
let media = '';
const dirs: string[] = [];
let savedUmask: number;

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'antring-recordings-'));
  dirs.push(dir);
  return dir;
}

function client(): ReturnType<typeof createAntBuddyClient> {
  return createAntBuddyClient({
    baseUrl: sandbox.apiUrl,
    appId: sandbox.appId,
    appSecret: sandbox.appSecret,
    domain: sandbox.domain,
    email: sandbox.email,
  });
}

const requestsTo = (prefix: string): { path: string; status: number | null }[] =>
  sandbox.requestLog.filter((e) => e.path.startsWith(prefix)).map(({ path, status }) => ({ path, status }));

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 3, calls: 200, days: 10, now: () => Date.now() + serverAheadMs });
  const withRecording = sandbox.state.history.all().find((r) => r.recording !== '');
  if (!withRecording) throw new Error('the sandbox has no recording');
  media = withRecording.recording;
});

afterAll(async () => {
  await sandbox?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  serverAheadMs = 0;
  sandbox.requestLog.length = 0;
  sandbox.faults.clear();
  // The usual umask, under which a file created with the default mode is world-readable (0644).
  savedUmask = process.umask(0o022);
});

afterEach(() => {
  process.umask(savedUmask);
});

describe('playable URLs', () => {
  it('gives the signed URL with its expiry, reuses it while valid, and asks again when told it is stale', async () => {
    const service = createRecordingService({ api: client(), dataDir: dataDir() });
    const first = await service.playableUrl(media);
    if (!first.ok) throw new Error(first.error.message);
    const expires = Number(new URL(first.value.url).searchParams.get('Expires'));
    expect(first.value.expiresAt).toBe(new Date(expires * 1000).toISOString());
    expect((await fetch(first.value.url)).status).toBe(200);

    const again = await service.playableUrl(media);
    expect(again).toEqual(first);
    expect(requestsTo('/oapi/v1/call/play_recording')).toHaveLength(1);

    const fresh = await service.playableUrl(media, { fresh: true });
    expect(fresh.ok).toBe(true);
    expect(requestsTo('/oapi/v1/call/play_recording')).toHaveLength(2);
  });

  it('an unknown recording answers AntBuddy’s refusal, in both languages', async () => {
    const service = createRecordingService({ api: client(), dataDir: dataDir() });
    const result = await service.playableUrl('call_recording_doesnotexist.wav');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('rejected');
    expect(result.error.messageVi).not.toBe(result.error.message);
  });
});

describe('downloads', () => {
  it.skipIf(process.platform === 'win32')(
    'writes the recording into recordings/ of the data folder, 0600, with no temporary file left',
    async () => {
      const dir = dataDir();
      const service = createRecordingService({ api: client(), dataDir: dir });
      const saved = await service.download(media);
      if (!saved.ok) throw new Error(saved.error.message);
      expect(saved.value.path).toBe(join(dir, RECORDINGS_FOLDER, media));
      const bytes = readFileSync(saved.value.path);
      expect(bytes.subarray(0, 4).toString('ascii')).toBe('RIFF');
      expect(bytes.subarray(8, 12).toString('ascii')).toBe('WAVE');
      expect(statSync(saved.value.path).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, RECORDINGS_FOLDER)).mode & 0o777).toBe(0o700);
      expect(readdirSync(join(dir, RECORDINGS_FOLDER))).toEqual([media]);
    },
  );

  it.skipIf(process.platform === 'win32')(
    'replaces an older, world-readable copy by rename: the file ends up 0600 with the new bytes',
    async () => {
      const dir = dataDir();
      mkdirSync(join(dir, RECORDINGS_FOLDER));
      const target = join(dir, RECORDINGS_FOLDER, 'Cuộc gọi 0912345678.wav');
      writeFileSync(target, 'old copy');
      chmodSync(target, 0o644);
      const service = createRecordingService({ api: client(), dataDir: dir });
      const saved = await service.download(media, 'Cuộc gọi 0912345678');
      if (!saved.ok) throw new Error(saved.error.message);
      expect(saved.value.path).toBe(target);
      expect(readFileSync(target).subarray(0, 4).toString('ascii')).toBe('RIFF');
      expect(statSync(target).mode & 0o777).toBe(0o600);
      expect(readdirSync(join(dir, RECORDINGS_FOLDER)).filter((name) => name.endsWith('.part'))).toEqual([]);
    },
  );

  it('a URL that expired at the server while main still trusted it is replaced once, and the download succeeds', async () => {
    const dir = dataDir();
    const api = client();
    const service = createRecordingService({ api, dataDir: dir });
    // main caches this URL: 600 s left by our clock.
    expect((await service.playableUrl(media)).ok).toBe(true);
    serverAheadMs = 601_000;
    const saved = await service.download(media);
    if (!saved.ok) throw new Error(saved.error.message);
    expect(requestsTo('/oapi/v1/call/play_recording')).toHaveLength(2);
    expect(requestsTo('/recordings/').map((r) => r.status)).toEqual([403, 200]);
    expect(readFileSync(saved.value.path).subarray(0, 4).toString('ascii')).toBe('RIFF');
  });

  it('a download that stalls is stopped: an older copy stays as it was and no partial file is left', async () => {
    const dir = dataDir();
    mkdirSync(join(dir, RECORDINGS_FOLDER));
    const target = join(dir, RECORDINGS_FOLDER, media);
    writeFileSync(target, 'older copy');
    sandbox.faults.hangNext(1, { path: '/recordings/' });
    const service = createRecordingService({ api: client(), dataDir: dir, downloadTimeoutMs: 300 });
    const saved = await service.download(media);
    expect(saved.ok).toBe(false);
    if (saved.ok) return;
    expect(saved.error.code).toBe('timeout');
    expect(readFileSync(target, 'utf8')).toBe('older copy');
    expect(readdirSync(join(dir, RECORDINGS_FOLDER))).toEqual([media]);
  });

  it('errors never quote the signed URL', async () => {
    sandbox.faults.failNext(4, { status: 500, path: '/recordings/' });
    const service = createRecordingService({ api: client(), dataDir: dataDir() });
    const saved = await service.download(media);
    expect(saved.ok).toBe(false);
    const text = JSON.stringify(saved);
    expect(text).not.toContain('Signature');
    expect(text).not.toContain('Expires');
    expect(text).not.toContain(sandbox.appSecret);
  });
});

describe('download file names', () => {
  it('uses the recording’s own name, never a path from it', () => {
    expect(recordingFileName('call_recording_abc.wav')).toBe('call_recording_abc.wav');
    expect(recordingFileName('../../etc/call.wav')).toBe('call.wav');
    expect(recordingFileName('a\\b\\..\\c.wav')).toBe('c.wav');
    expect(recordingFileName('..')).toBe('recording');
    expect(recordingFileName('.wav')).toBe('wav');
    expect(recordingFileName('nul.wav')).toBe('_nul.wav');
    expect(recordingFileName('rec$|ording?.wav')).toBe('rec__ording_.wav');
  });

  it('a chosen name keeps its letters (Vietnamese too) and gains the recording’s extension', () => {
    expect(recordingFileName('call_recording_abc.wav', 'Cuộc gọi 0912 345 678')).toBe('Cuộc gọi 0912 345 678.wav');
    expect(recordingFileName('call_recording_abc.wav', 'call.mp3')).toBe('call.mp3');
    expect(recordingFileName('noextension', 'name')).toBe('name');
  });
});
