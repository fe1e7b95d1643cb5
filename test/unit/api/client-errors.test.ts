import { describe, expect, it } from 'vitest';
import { createAntBuddyClient } from '../../../src/main/services/api/client';
import type { LogFields, Logger } from '../../../src/main/services/api/logger';
import { CONFIG, fakeFetch, fakeSleep, json, type Reply } from './fake-fetch';

const NOW = Date.parse('2026-01-28T08:00:00.000Z');

function setup(replies: Reply[], extra: { maxRetries?: number; timeoutMs?: number } = {}) {
  const fake = fakeFetch(replies);
  const sleeper = fakeSleep();
  const lines: { level: string; message: string; fields?: LogFields }[] = [];
  const log: Logger = {
    debug: (message, fields) => lines.push({ level: 'debug', message, fields }),
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
  };
  const client = createAntBuddyClient(CONFIG, {
    fetch: fake.fetch,
    sleep: sleeper.sleep,
    random: () => 0.5,
    now: () => NOW,
    log,
    ...extra,
  });
  return { client, sent: fake.sent, waits: sleeper.waits, lines };
}

const errorOf = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }) => (r.ok ? undefined : r.error);

describe('status mapping', () => {
  it('400 → rejected with a short server message, never retried', async () => {
    const { client, sent } = setup([json(400, { message: 'created_from is required' })]);
    const error = errorOf(await client.getAgents());
    expect(error).toMatchObject({ code: 'rejected', status: 400 });
    expect((error as { message: string }).message).toContain('created_from is required');
    expect(sent).toHaveLength(1);
  });

  it('400 with an HTML page or a hash-like string does not echo it', async () => {
    const { client } = setup([
      { status: 400, text: '<html><body>Bad</body></html>' },
      { status: 400, text: 'bad hash 1de1c7a667297905f45373f982c0e182c6d5ba6391f2bf41dc053619182b351b' },
    ]);
    const html = errorOf(await client.getAgents()) as { message: string };
    const hashy = errorOf(await client.getAgents()) as { message: string };
    expect(html.message).not.toContain('<');
    expect(hashy.message).not.toContain('1de1c7a6');
  });

  it('click-to-call 400 → not_registered in both languages', async () => {
    const { client, sent } = setup([json(400, { message: 'offline' })]);
    const error = errorOf(await client.clickToCall('0901234567', { sipUser: 'dev1', sipPassword: 'pw-secret' }));
    expect(error).toEqual({
      code: 'not_registered',
      message: 'Your softphone is not registered',
      messageVi: 'Điện thoại SIP của bạn chưa đăng ký',
      status: 400,
    });
    expect(sent).toHaveLength(1);
  });

  it('401/404 → rejected without retry', async () => {
    const { client, sent } = setup([json(401, {}), json(404, {})]);
    expect(errorOf(await client.getQueues())).toMatchObject({ code: 'rejected', status: 401 });
    expect(errorOf(await client.getQueues())).toMatchObject({ code: 'rejected', status: 404 });
    expect(sent).toHaveLength(2);
  });
});

describe('retries', () => {
  it('500 then 200: retried with full-jitter backoff', async () => {
    const { client, sent, waits } = setup([json(500, {}), json(500, {}), json(200, [])]);
    const result = await client.getAgents();
    expect(result).toEqual({ ok: true, value: [] });
    expect(sent).toHaveLength(3);
    expect(waits).toEqual([150, 300]); // random 0.5 × 300·2^0, × 300·2^1
  });

  it('500 exhausted → server_error after 1 + maxRetries attempts', async () => {
    const { client, sent, waits } = setup([json(500, {}), json(500, {}), json(500, {}), json(500, {}), json(200, [])]);
    expect(errorOf(await client.getAgents())).toMatchObject({ code: 'server_error', status: 500 });
    expect(sent).toHaveLength(4);
    expect(waits).toEqual([150, 300, 600]);
  });

  it('503 exhausted → rate_limited; Retry-After (seconds and HTTP date) honoured', async () => {
    const { client, sent, waits } = setup([
      json(503, {}, { 'retry-after': '2' }),
      json(503, {}, { 'retry-after': 'Wed, 28 Jan 2026 08:00:05 GMT' }),
      json(503, {}),
      json(503, {}),
    ]);
    expect(errorOf(await client.getDashboard())).toMatchObject({ code: 'rate_limited', status: 503 });
    expect(sent).toHaveLength(4);
    expect(waits).toEqual([2000, 5000, 600]);
  });

  it('a Retry-After beyond the limit is not waited out', async () => {
    const { client, sent, waits } = setup([json(503, {}, { 'retry-after': '3600' }), json(200, [])]);
    expect(errorOf(await client.getAgents())).toMatchObject({ code: 'rate_limited' });
    expect(sent).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('a voice token asked for without retries is one request, with the server’s Retry-After in its error', async () => {
    const a = setup([json(500, {}), json(200, { value: 'tok', expire: 3600 })]);
    expect(errorOf(await a.client.getAuthToken({ retry: 'none' }))).toMatchObject({
      code: 'server_error',
      status: 500,
    });
    expect(a.sent).toHaveLength(1);
    expect(a.waits).toEqual([]);
    const b = setup([json(503, {}, { 'retry-after': '7' }), json(200, { value: 'tok', expire: 3600 })]);
    expect(errorOf(await b.client.getAuthToken({ retry: 'none' }))).toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 7_000,
    });
    expect(b.sent).toHaveLength(1);
    // Without the option the client still retries on its own.
    const c = setup([json(500, {}), json(200, { value: 'tok', expire: 3600 })]);
    expect((await c.client.getAuthToken()).ok).toBe(true);
    expect(c.sent).toHaveLength(2);
  });

  it('network failure retried, then → network', async () => {
    const { client, sent } = setup([{ networkError: true }, json(200, [])]);
    expect((await client.getQueues()).ok).toBe(true);
    expect(sent).toHaveLength(2);
    const again = setup([{ networkError: true }], { maxRetries: 0 });
    expect(errorOf(await again.client.getQueues())).toMatchObject({ code: 'network' });
  });

  it('a hang → timeout (retried, bounded)', async () => {
    const { client, sent } = setup([{ hang: true }, { hang: true }], { timeoutMs: 20, maxRetries: 1 });
    expect(errorOf(await client.getAgents())).toMatchObject({ code: 'timeout' });
    expect(sent).toHaveLength(2);
  });

  it('click-to-call is not resent after a 500 or a timeout (it could ring twice), but is after a 503', async () => {
    const device = { sipUser: 'dev1', sipPassword: 'pw' };
    const a = setup([json(500, {}), json(200, {})]);
    expect(errorOf(await a.client.clickToCall('123', device))).toMatchObject({ code: 'server_error' });
    expect(a.sent).toHaveLength(1);
    const b = setup([json(503, {}), json(200, {})]);
    expect((await b.client.clickToCall('123', device)).ok).toBe(true);
    expect(b.sent).toHaveLength(2);
  });
});

describe('secrets and logs', () => {
  it('never puts the secret, the SIP password, the hash or the query into errors or logs', async () => {
    const { client, lines } = setup(
      [
        json(500, { message: `secret is ${CONFIG.appSecret}xyz` }),
        json(400, { message: `pw-secret-value rejected` }),
        json(400, `bad secret ${CONFIG.appSecret}`),
      ],
      { maxRetries: 0 },
    );
    const results = [
      await client.getHistoryPage({ from: new Date(0), to: new Date(1000), limit: 10, page: 1 }),
      await client.clickToCall('123', { sipUser: 'dev1', sipPassword: 'pw-secret-value' }),
      await client.getAgents(),
    ];
    const text = JSON.stringify({ results, lines });
    expect(text).not.toContain(CONFIG.appSecret);
    expect(text).not.toContain('pw-secret-value');
    expect(text).not.toContain('hash');
    expect(text).not.toContain('created_from');
    expect(lines.some((l) => l.fields?.['route'] === '/oapi/v1/call/histories' && l.fields['status'] === 500)).toBe(
      true,
    );
    expect(text).not.toContain('click-to-call/123');
  });
});
