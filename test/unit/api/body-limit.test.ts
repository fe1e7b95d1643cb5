import { describe, expect, it } from 'vitest';
import { createAntBuddyClient } from '../../../src/main/services/api/client';
import { CONFIG, fakeSleep } from './fake-fetch';

const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;

/**
 * A fetch whose answer is a JSON string of `totalBytes`, produced chunk by chunk on demand:
 * valid JSON, so only a size limit can refuse it. Counts what was pulled and whether the
 * reader gave up (cancelled) before the end.
 */
function streamingFetch(totalBytes: number, headers: Record<string, string> = {}) {
  const state = { requests: 0, pulledBytes: 0, cancelled: false, finished: false };
  const fetchImpl = async (): Promise<Response> => {
    state.requests++;
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
          const chunk = new Uint8Array(size).fill(0x61); // 'a'
          if (state.pulledBytes === 0) chunk[0] = 0x22; // opening quote
          if (remaining === size) chunk[size - 1] = 0x22; // closing quote
          state.pulledBytes += size;
          controller.enqueue(chunk);
        },
        cancel() {
          state.cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json', ...headers } });
  };
  return { fetch: fetchImpl as typeof fetch, state };
}

function clientWith(fetchImpl: typeof fetch) {
  return createAntBuddyClient(CONFIG, { fetch: fetchImpl, sleep: fakeSleep().sleep });
}

describe('API response bodies are capped while they are read', () => {
  it('a 5 MiB answer: a typed malformed error, the stream cancelled early, no retry', async () => {
    const fake = streamingFetch(5 * MiB);
    const result = await clientWith(fake.fetch).getQueues();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({ code: 'malformed_response', field: '(body)', status: 200 });
      expect(result.error.message).toMatch(/larger than 4 MiB/);
      expect(result.error.messageVi).toMatch(/4 MiB/);
    }
    expect(fake.state.cancelled).toBe(true);
    expect(fake.state.finished).toBe(false);
    expect(fake.state.pulledBytes).toBeLessThanOrEqual(4 * MiB + CHUNK);
    expect(fake.state.requests).toBe(1);
  });

  it('a Content-Length above the cap is refused before reading the body', async () => {
    const fake = streamingFetch(5 * MiB, { 'content-length': String(5 * MiB) });
    const result = await clientWith(fake.fetch).getAuthToken();
    expect(result).toMatchObject({ ok: false, error: { code: 'malformed_response' } });
    expect(fake.state.pulledBytes).toBeLessThanOrEqual(CHUNK);
    expect(fake.state.requests).toBe(1);
  });

  it('an answer just under the cap is read whole', async () => {
    const fake = streamingFetch(4 * MiB - 16);
    const result = await clientWith(fake.fetch).getAuthToken();
    // A JSON string, not a token object: the size passed, the shape did not.
    expect(result).toMatchObject({ ok: false, error: { code: 'malformed_response' } });
    if (!result.ok) expect(result.error.message).not.toMatch(/larger than/);
    expect(fake.state.finished).toBe(true);
  });
});
