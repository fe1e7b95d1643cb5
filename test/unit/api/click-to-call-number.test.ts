import { describe, expect, it } from 'vitest';
import { createAntBuddyClient } from '../../../src/main/services/api/client';
import { CONFIG, fakeFetch, fakeSleep, json } from './fake-fetch';

const DEVICE = { sipUser: 'dev1', sipPassword: 'pw' };

function clientWith(replies: Parameters<typeof fakeFetch>[0]) {
  const fake = fakeFetch(replies);
  const client = createAntBuddyClient(CONFIG, { fetch: fake.fetch, sleep: fakeSleep().sleep });
  return { client, sent: fake.sent };
}

describe('click-to-call puts only the normalised number in the signed path', () => {
  it.each([
    ['0912 345 678', '/oapi/v1/call/click-to-call/0912345678'],
    ['(028) 3822-1234', '/oapi/v1/call/click-to-call/02838221234'],
    // The leading + stays percent-encoded, as it always was on the wire: digits and + only.
    [' +84 912.345.678 ', '/oapi/v1/call/click-to-call/%2B84912345678'],
  ])('%j → %s', async (input, path) => {
    const { client, sent } = clientWith([json(200, {})]);
    expect(await client.clickToCall(input, DEVICE)).toEqual({ ok: true, value: undefined });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url.pathname).toBe(path);
    expect(sent[0]?.url.search).toBe('');
  });

  it.each(['..', '(.)', '.', '+', '1', '', '+84 90/123#1', '0912?x=1', '%2e%2e'])(
    'sends nothing for %j',
    async (input) => {
      const { client, sent } = clientWith([json(200, {})]);
      const result = await client.clickToCall(input, DEVICE);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject({ code: 'invalid_input', field: 'number' });
      expect(sent).toEqual([]);
    },
  );
});
