import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadToFile } from '../../../src/cli/download';

const AUDIO = Buffer.from('RIFF....WAVEfmt call audio of a customer');
let server: Server;
let url: string;
const dir = mkdtempSync(join(tmpdir(), 'antring-download-mode-'));
let savedUmask: number;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': String(AUDIO.length) });
    res.end(AUDIO);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rec.wav`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});
// The usual umask, under which a file created with the default mode is world-readable (0644).
beforeEach(() => {
  savedUmask = process.umask(0o022);
});
afterEach(() => {
  process.umask(savedUmask);
});

describe('antring recording --out writes call audio readable by its owner only', () => {
  it.skipIf(process.platform === 'win32')('a new file is 0600', async () => {
    const file = join(dir, 'new.wav');
    expect(await downloadToFile(fetch, url, file)).toEqual({ ok: true, value: AUDIO.length });
    expect(readFileSync(file)).toEqual(AUDIO);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it.skipIf(process.platform === 'win32')('replacing an existing world-readable file leaves a 0600 file', async () => {
    const file = join(dir, 'existing.wav');
    writeFileSync(file, 'old copy');
    chmodSync(file, 0o644);
    expect(await downloadToFile(fetch, url, file)).toEqual({ ok: true, value: AUDIO.length });
    expect(readFileSync(file)).toEqual(AUDIO);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // No temporary file left behind.
    expect(readdirSync(dir).filter((name) => name.endsWith('.part'))).toEqual([]);
  });
});
