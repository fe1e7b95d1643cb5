import { describe, expect, it } from 'vitest';
import { createAntBuddyClient } from '../../../src/main/services/api/client';
import { CONFIG, fakeFetch, fakeSleep, json, sampleRecord } from './fake-fetch';

// Hashes for CONFIG, computed with `node -e` and cross-checked with `sha256sum` (see signing.test.ts).
const HEADER_HASH = '1de1c7a667297905f45373f982c0e182c6d5ba6391f2bf41dc053619182b351b';
const COMPANY_HASH = '909fe3694dd1df5927a94062dc957423972a5cc2e86a5b05c210155116610c56';

function clientWith(replies: Parameters<typeof fakeFetch>[0], now = Date.parse('2026-01-28T08:00:00.000Z')) {
  const fake = fakeFetch(replies);
  const client = createAntBuddyClient(CONFIG, { fetch: fake.fetch, sleep: fakeSleep().sleep, now: () => now });
  return { client, sent: fake.sent };
}

describe('request building', () => {
  it('auth_token: POST with the signed headers, expire read', async () => {
    const { client, sent } = clientWith([json(200, { value: 'tok', expire: 3600, extra: 1 })]);
    const result = await client.getAuthToken();
    expect(result).toEqual({
      ok: true,
      value: { token: 'tok', expire: 3600, expiresAt: new Date('2026-01-28T09:00:00.000Z') },
    });
    expect(sent[0]?.method).toBe('POST');
    expect(sent[0]?.url.pathname).toBe('/oapi/v1/voice/auth_token');
    expect(sent[0]?.headers['x-auth-app-id']).toBe(CONFIG.appId);
    expect(sent[0]?.headers['x-auth-app-hash']).toBe(HEADER_HASH);
  });

  it('click-to-call: the normalised number in the path and the device as JSON', async () => {
    const { client, sent } = clientWith([json(200, {})]);
    // `/` and `#` are refused outright now (click-to-call-number.test.ts); separators are dropped.
    const result = await client.clickToCall(' +84 90 123-4567 ', { sipUser: 'dev1', sipPassword: 'pw' });
    expect(result.ok).toBe(true);
    expect(sent[0]?.method).toBe('POST');
    expect(sent[0]?.url.pathname).toBe('/oapi/v1/call/click-to-call/%2B84901234567');
    expect(sent[0]?.url.search).toBe('');
    expect(sent[0]?.headers['x-auth-app-hash']).toBe(HEADER_HASH);
    expect(sent[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(sent[0]?.body ?? 'null')).toEqual({ sipUser: 'dev1', sipPassword: 'pw' });
  });

  it('histories: ISO dates with ms, limit, page and the hash in the query', async () => {
    const { client, sent } = clientWith([json(200, [sampleRecord()])]);
    const result = await client.getHistoryPage({
      from: new Date('2018-02-07T02:19:33.000Z'),
      to: new Date('2018-02-07T07:04:22.000Z'),
      limit: 100,
      page: 3,
    });
    expect(result.ok).toBe(true);
    const q = sent[0]?.url.searchParams;
    expect(sent[0]?.url.pathname).toBe('/oapi/v1/call/histories');
    expect(q?.get('appId')).toBe(CONFIG.appId);
    expect(q?.get('created_from')).toBe('2018-02-07T02:19:33.000Z');
    expect(q?.get('created_to')).toBe('2018-02-07T07:04:22.000Z');
    expect(q?.get('limit')).toBe('100');
    expect(q?.get('page')).toBe('3');
    expect(q?.get('hash')).toBe('0a5bde7059849ef629877a27343dd9ad4cbc35a8eee6033f4541d49bdee03a6c');
  });

  it('play_recording: media URL-encoded in the query, signed on the raw name, expiry read', async () => {
    const media = 'rec 1&x=2+ă.mp3';
    const { client, sent } = clientWith([json(200, { media: 'https://s3.test/r.mp3?Expires=1769590800&Signature=x' })]);
    const result = await client.getRecordingUrl(media);
    expect(result).toEqual({
      ok: true,
      value: { url: 'https://s3.test/r.mp3?Expires=1769590800&Signature=x', expiresAt: new Date(1769590800 * 1000) },
    });
    expect(sent[0]?.url.searchParams.get('media')).toBe(media);
    expect(sent[0]?.url.search).toContain('media=rec+1%26x%3D2%2B%C4%83.mp3');
    expect(sent[0]?.url.searchParams.get('hash')).toBe(
      // sha256('6544646543674' + 'rec 1&x=2+ă.mp3' + '123456'), computed with node -e
      '3e4e7eabcd6be10e37e4f8c4680291d6901a069a7f26f48fc7da4bc5a25c62f9',
    );
  });

  it.each([
    ['getDashboard', '/oapi/v1/call/dashboard', { agent: {}, queue: {} }],
    ['getQueues', '/oapi/v1/queues', []],
    ['getAgents', '/oapi/v1/agents', []],
  ] as const)('%s: GET with appId, domain, email and hash', async (method, path, body) => {
    const { client, sent } = clientWith([json(200, body)]);
    const result = await client[method]();
    expect(result.ok).toBe(true);
    expect(sent[0]?.method).toBe('GET');
    expect(sent[0]?.url.pathname).toBe(path);
    expect(Object.fromEntries(sent[0]?.url.searchParams ?? [])).toEqual({
      appId: CONFIG.appId,
      domain: CONFIG.domain,
      email: CONFIG.email,
      hash: COMPANY_HASH,
    });
  });

  it('keeps a path prefix of the base URL', async () => {
    const fake = fakeFetch([json(200, [])]);
    const client = createAntBuddyClient({ ...CONFIG, baseUrl: 'https://gw.test/antbuddy/' }, { fetch: fake.fetch });
    await client.getAgents();
    expect(fake.sent[0]?.url.pathname).toBe('/antbuddy/oapi/v1/agents');
  });

  it('reads the configuration at each call', async () => {
    let config = { ...CONFIG, appId: '' };
    const fake = fakeFetch([json(200, [])]);
    const client = createAntBuddyClient(() => config, { fetch: fake.fetch });
    expect((await client.getAgents()).ok).toBe(false);
    config = { ...CONFIG, appId: 'other' };
    expect((await client.getAgents()).ok).toBe(true);
    expect(fake.sent[0]?.url.searchParams.get('appId')).toBe('other');
  });

  it('reuses a recording URL until shortly before it expires, then asks again', async () => {
    let now = 1769590800 * 1000 - 10 * 60_000;
    const fake = fakeFetch([
      json(200, { media: 'https://s3.test/a.mp3?Expires=1769590800' }),
      json(200, { media: 'https://s3.test/b.mp3?Expires=1769594400' }),
    ]);
    const client = createAntBuddyClient(CONFIG, { fetch: fake.fetch, now: () => now });
    const first = await client.getRecordingUrl('a.mp3');
    const second = await client.getRecordingUrl('a.mp3');
    expect(second).toEqual(first);
    expect(fake.sent).toHaveLength(1);
    now += 9 * 60_000 + 1; // within the one-minute margin of expiry
    const third = await client.getRecordingUrl('a.mp3');
    expect(third.ok && third.value.url).toBe('https://s3.test/b.mp3?Expires=1769594400');
    expect(fake.sent).toHaveLength(2);
  });
});

describe('checks before sending', () => {
  const day = 24 * 60 * 60 * 1000;
  const from = new Date('2026-01-01T00:00:00.000Z');
  it.each([
    ['limit 0', { from, to: from, limit: 0, page: 1 }, 'limit'],
    ['limit 101', { from, to: from, limit: 101, page: 1 }, 'limit'],
    ['limit 1.5', { from, to: from, limit: 1.5, page: 1 }, 'limit'],
    ['page 0', { from, to: from, limit: 10, page: 0 }, 'page'],
    ['reversed range', { from, to: new Date(from.getTime() - 1), limit: 10, page: 1 }, 'from'],
    ['invalid date', { from: new Date('nope'), to: from, limit: 10, page: 1 }, 'from'],
    ['over 31 days', { from, to: new Date(from.getTime() + 31 * day + 1), limit: 10, page: 1 }, 'to'],
  ])('history: %s → invalid_input', async (_label, query, field) => {
    const { client, sent } = clientWith([]);
    const result = await client.getHistoryPage(query);
    expect(result.ok ? undefined : result.error).toMatchObject({ code: 'invalid_input', field });
    expect(sent).toHaveLength(0);
  });

  it('click-to-call: an empty number or device → invalid_input, nothing sent', async () => {
    const { client, sent } = clientWith([]);
    const empty = await client.clickToCall('  ', { sipUser: 'u', sipPassword: 'p' });
    expect(empty.ok ? undefined : empty.error).toMatchObject({ code: 'invalid_input', field: 'number' });
    const noPassword = await client.clickToCall('123', { sipUser: 'u', sipPassword: '' });
    expect(noPassword.ok ? undefined : noPassword.error).toMatchObject({ code: 'invalid_input', field: 'sipPassword' });
    expect(sent).toHaveLength(0);
  });

  it('empty recording name → invalid_input', async () => {
    const { client, sent } = clientWith([]);
    const result = await client.getRecordingUrl('');
    expect(result.ok ? undefined : result.error.code).toBe('invalid_input');
    expect(sent).toHaveLength(0);
  });

  it.each([
    ['appId', { appId: '' }],
    ['appSecret', { appSecret: '' }],
    ['baseUrl', { baseUrl: 'ftp://x' }],
    ['domain', { domain: ' ' }],
    ['email', { email: '' }],
  ])('missing %s → not_configured', async (field, patch) => {
    const fake = fakeFetch([]);
    const client = createAntBuddyClient({ ...CONFIG, ...patch }, { fetch: fake.fetch });
    const result = await client.getDashboard();
    expect(result.ok ? undefined : result.error).toMatchObject({ code: 'not_configured', field });
    expect(fake.sent).toHaveLength(0);
  });
});
