import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCliContext } from '../../../src/cli/context';
import { memoryOutput } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';
import { createRawBodies } from '../../../src/cli/raw-bodies';

const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;

/** A 200 answer of `totalBytes` (a JSON array of spaces), produced on demand. */
function streamingFetch(totalBytes: number) {
  const state = { pulledBytes: 0, cancelled: false, finished: false };
  const fetchImpl = async (): Promise<Response> => {
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          const remaining = totalBytes - state.pulledBytes;
          if (remaining <= 0) {
            state.finished = true;
            controller.close();
            return;
          }
          const size = Math.min(CHUNK, remaining);
          const chunk = new Uint8Array(size).fill(0x20);
          if (state.pulledBytes === 0) chunk[0] = 0x5b; // [
          if (remaining === size) chunk[size - 1] = 0x5d; // ]
          state.pulledBytes += size;
          controller.enqueue(chunk);
        },
        cancel() {
          state.cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch: fetchImpl as typeof fetch, state };
}

const dataDir = mkdtempSync(join(tmpdir(), 'antring-cli-body-limit-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the CLI keeps the API size limit', () => {
  it('raw-bodies keeps no copy of an oversized answer and reads no further than the limit', async () => {
    const fake = streamingFetch(5 * MiB);
    const raw = createRawBodies(fake.fetch);
    const response = await raw.fetch('https://api.example.test/oapi/v1/queues');
    expect(response.status).toBe(200);
    expect(raw.take('/oapi/v1/queues')).toBeUndefined();
    expect(fake.state.finished).toBe(false);
    expect(fake.state.pulledBytes).toBeLessThanOrEqual(4 * MiB + 2 * CHUNK);
    await response.body?.cancel();
  });

  it('antring queues --json against a 5 MiB answer: exit 4, one sentence, the download stopped', async () => {
    const fake = streamingFetch(5 * MiB);
    const stdout = memoryOutput();
    const stderr = memoryOutput();
    const ctx = createCliContext({
      io: { stdout, stderr, stderrIsTTY: false },
      env: {
        ANTRING_DATA_DIR: dataDir,
        ANTRING_API_URL: 'https://api.example.test',
        ANTRING_APP_ID: '1',
        ANTRING_APP_SECRET: 's',
        ANTRING_DOMAIN: 'acme.antbuddy.com',
        ANTRING_EMAIL: 'ops@acme.vn',
      },
      fetch: fake.fetch,
      osLocale: 'en-US',
    });
    expect(await runCli(ctx, ['queues', '--json'])).toBe(4);
    expect(stdout.text()).toBe('');
    expect(stderr.text()).toMatch(/larger than 4 MiB/);
    expect(fake.state.finished).toBe(false);
    expect(fake.state.cancelled).toBe(true);
  });
});
