import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkHistoryQuery, checkSignature, parseIsoDate } from '../../../sandbox/validation';

const credentials = { appId: 'app-1', appSecret: 's3cret' };
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function query(fields: {
  from: string;
  to: string;
  limit: string;
  page: string;
  hash?: string;
  appId?: string;
}): URLSearchParams {
  const appId = fields.appId ?? credentials.appId;
  return new URLSearchParams({
    appId,
    created_from: fields.from,
    created_to: fields.to,
    limit: fields.limit,
    page: fields.page,
    hash: fields.hash ?? sha(fields.from + fields.to + fields.limit + fields.page + appId + credentials.appSecret),
  });
}

describe('request signing', () => {
  it("accepts the vendor's worked example (older history form: appId + created_from + created_to)", () => {
    const vendor = { appId: '6544646543674', appSecret: '123456' };
    const hash = '9b11b9ff77dbba70fe059acf84c02cfe6af90de9122e4d3bd6ec69c9d637f9ed';
    expect(
      checkSignature(
        vendor,
        vendor.appId,
        [vendor.appId, '2018-02-07T02:19:33.000Z', '2018-02-07T07:04:22.000Z'],
        hash,
      ),
    ).toEqual({ ok: true, value: true });
    expect(
      checkSignature(vendor, vendor.appId, [vendor.appId, '2018-02-07T02:19:33.000Z', '2018-02-07T07:04:22.001Z'], hash)
        .ok,
    ).toBe(false);
  });

  it('rejects an unknown appId before looking at the hash', () => {
    expect(checkSignature(credentials, 'other', ['other'], sha('other' + credentials.appSecret))).toEqual({
      ok: false,
      message: 'Unknown appId',
    });
  });
});

describe('history query checks', () => {
  const from = '2026-01-01T00:00:00.000Z';

  it('accepts a window of exactly 31 days and limit 1..100', () => {
    const ok = checkHistoryQuery(credentials, query({ from, to: '2026-02-01T00:00:00.000Z', limit: '100', page: '3' }));
    expect(ok).toEqual({
      ok: true,
      value: { fromMs: Date.parse(from), toMs: Date.parse('2026-02-01T00:00:00.000Z'), limit: 100, page: 3 },
    });
    expect(checkHistoryQuery(credentials, query({ from, to: from, limit: '1', page: '1' })).ok).toBe(true);
  });

  it.each([
    [
      'window one millisecond over 31 days',
      { from, to: '2026-02-01T00:00:00.001Z', limit: '20', page: '1' },
      'longer than 31 days',
    ],
    ['end before start', { from, to: '2025-12-31T23:59:59.999Z', limit: '20', page: '1' }, 'before'],
    ['limit over 100', { from, to: '2026-01-02T00:00:00.000Z', limit: '101', page: '1' }, 'limit'],
    ['limit 0', { from, to: '2026-01-02T00:00:00.000Z', limit: '0', page: '1' }, 'limit'],
    ['limit not a number', { from, to: '2026-01-02T00:00:00.000Z', limit: '2x', page: '1' }, 'limit'],
    ['page 0', { from, to: '2026-01-02T00:00:00.000Z', limit: '20', page: '0' }, 'page'],
    ['bad date', { from: 'yesterday', to: '2026-01-02T00:00:00.000Z', limit: '20', page: '1' }, 'created_from'],
    ['impossible date', { from, to: '2026-02-30T00:00:00.000Z', limit: '20', page: '1' }, 'created_to'],
    ['wrong hash', { from, to: '2026-01-02T00:00:00.000Z', limit: '20', page: '1', hash: sha('nope') }, 'Invalid hash'],
  ])('rejects %s', (_name, fields, message) => {
    const result = checkHistoryQuery(credentials, query(fields));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  it('requires limit and page (the hash covers them)', () => {
    const params = query({ from, to: '2026-01-02T00:00:00.000Z', limit: '20', page: '1' });
    params.delete('limit');
    expect(checkHistoryQuery(credentials, params)).toEqual({ ok: false, message: 'Missing parameter: limit' });
  });

  it('rejects a parameter given twice', () => {
    const params = query({ from, to: '2026-01-02T00:00:00.000Z', limit: '20', page: '1' });
    params.append('page', '2');
    expect(checkHistoryQuery(credentials, params)).toEqual({
      ok: false,
      message: 'Parameter given more than once: page',
    });
  });
});

describe('parseIsoDate', () => {
  it('reads ISO 8601 with a zone, or a bare date as UTC midnight', () => {
    expect(parseIsoDate('2018-02-07T02:19:33.000Z')).toBe(Date.UTC(2018, 1, 7, 2, 19, 33));
    expect(parseIsoDate('2018-02-07T09:19:33+07:00')).toBe(Date.UTC(2018, 1, 7, 2, 19, 33));
    expect(parseIsoDate('2018-02-07')).toBe(Date.UTC(2018, 1, 7));
  });

  it.each(['2018-02-07T02:19:33', '2018-13-01T00:00:00Z', '07/02/2018', '', '2018-02-07T25:00:00Z'])(
    'rejects %j',
    (text) => {
      expect(parseIsoDate(text)).toBeUndefined();
    },
  );
});
