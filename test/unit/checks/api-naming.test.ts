import { describe, expect, it } from 'vitest';
import {
  malformed,
  networkError,
  notConfigured,
  rateLimited,
  rejected,
  serverError,
  timeoutError,
} from '../../../src/main/services/api/api-errors';
import { nameApiFailure } from '../../../src/main/services/connection-check/api-step';
import { causeCodeOf, transportCause } from '../../../src/main/services/connection-check/network-cause';
import { refusalBlame, type FetchObservation } from '../../../src/main/services/connection-check/observed-fetch';
import type { AppError } from '../../../src/shared/errors';

// The API client's errors exactly as it builds them, and what its request met on the wire.
const SETTINGS = { apiBaseUrl: 'https://openapi.example.vn', appId: '6544646543674' };
const answered = (status: number, blames?: 'appId' | 'signature'): FetchObservation => ({
  kind: 'answered',
  status,
  ...(blames ? { blames } : {}),
});
const threw = (code?: string): FetchObservation => ({ kind: 'threw', aborted: false, ...(code ? { code } : {}) });

function named(error: AppError, seen?: FetchObservation, settings = SETTINGS): AppError {
  const result = nameApiFailure(error, seen, settings, 10_000);
  // Every failure speaks both languages.
  expect(result.message.length).toBeGreaterThan(20);
  expect(result.messageVi.length).toBeGreaterThan(20);
  expect(result.messageVi).not.toBe(result.message);
  return result;
}

describe('the API step names each broken setting', () => {
  it('a missing App ID, App secret or API base URL, before any request', () => {
    expect(named(notConfigured('appId'))).toMatchObject({ code: 'not_configured', field: 'appId' });
    expect(named(notConfigured('appId')).message).toContain('App ID');
    expect(named(notConfigured('appSecret'))).toMatchObject({ code: 'not_configured', field: 'appSecret' });
    expect(named(notConfigured('appSecret')).message).toContain('App secret');
    const noUrl = named(notConfigured('baseUrl', 'missing'), undefined, { ...SETTINGS, apiBaseUrl: '' });
    expect(noUrl).toMatchObject({ field: 'apiBaseUrl' });
    expect(noUrl.message).toContain('is not set');
    const badUrl = named(notConfigured('baseUrl', 'invalid'), undefined, { ...SETTINGS, apiBaseUrl: 'ftp://x' });
    expect(badUrl.message).toContain('not a valid http(s) address');
  });

  it('a wrong App ID: the refusal names the app id', () => {
    const error = named(rejected('auth_token', 400, 'Unknown appId'), answered(400, 'appId'));
    expect(error).toMatchObject({ code: 'rejected', field: 'appId', status: 400 });
    expect(error.message).toContain('does not know the App ID “6544646543674”');
    expect(error.messageVi).toContain('không nhận ra App ID');
  });

  it('a wrong App secret: the refusal names the hash', () => {
    const error = named(rejected('auth_token', 400, 'Invalid hash'), answered(400, 'signature'));
    expect(error).toMatchObject({ code: 'rejected', field: 'appSecret', status: 400 });
    expect(error.message).toContain('the App secret is wrong');
  });

  it('a refusal that names neither says one of the two is wrong, with AntBuddy’s reason', () => {
    const error = named(rejected('auth_token', 401, 'Forbidden'), answered(401));
    expect(error.field).toBeUndefined();
    expect(error.message).toContain('one of them is wrong');
    expect(error.message).toContain('Forbidden');
  });

  it('an address that is not the API: 404, a redirect, an answer that is not AntBuddy’s', () => {
    expect(named(rejected('auth_token', 404, 'Not found'), answered(404))).toMatchObject({
      field: 'apiBaseUrl',
      status: 404,
    });
    expect(named(rejected('auth_token', 404, undefined), answered(404)).message).toContain(
      'there is no AntBuddy API at this address',
    );
    expect(named(rejected('auth_token', 301, undefined), answered(301)).message).toContain('redirects');
    const notJson = named(malformed('auth_token', '(body)', 'not valid JSON', 200), answered(200));
    expect(notJson).toMatchObject({ code: 'malformed_response', field: 'apiBaseUrl' });
    expect(notJson.message).toContain('not as the AntBuddy API does');
    expect(notJson.message).toContain('not valid JSON');
  });

  it('an unreachable host: DNS, refused, no route, each with the host and the setting', () => {
    const dns = named(networkError('auth_token'), threw('ENOTFOUND'));
    expect(dns).toMatchObject({ code: 'network', field: 'apiBaseUrl' });
    expect(dns.message).toContain('openapi.example.vn does not exist');
    expect(named(networkError('auth_token'), threw('EAI_AGAIN')).message).toContain('could not be looked up right now');
    expect(named(networkError('auth_token'), threw('ECONNREFUSED')).message).toContain('connection refused');
    expect(named(networkError('auth_token'), threw('EHOSTUNREACH')).message).toContain('cannot be reached');
    expect(named(networkError('auth_token'), threw('ECONNRESET')).message).toContain('cut off');
    expect(named(networkError('auth_token'), threw()).message).toContain('Could not connect to openapi.example.vn');
  });

  it('TLS: each certificate problem, and a server that speaks no TLS', () => {
    const cases: [string, string][] = [
      ['DEPTH_ZERO_SELF_SIGNED_CERT', 'is self-signed'],
      ['CERT_HAS_EXPIRED', 'has expired'],
      ['CERT_NOT_YET_VALID', 'is not valid yet'],
      ['ERR_TLS_CERT_ALTNAME_INVALID', 'was issued for another host name'],
      ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'not signed by an authority this computer trusts'],
    ];
    for (const [code, words] of cases) {
      const error = named(networkError('auth_token'), threw(code));
      expect(error.message, code).toContain('secure (TLS) connection to openapi.example.vn failed');
      expect(error.message, code).toContain(words);
      expect(error.message, code).toContain(code);
      expect(error.field).toBe('apiBaseUrl');
    }
    expect(named(networkError('auth_token'), threw('ERR_SSL_WRONG_VERSION_NUMBER')).message).toContain(
      'does not speak TLS',
    );
  });

  it('a timeout, a server error and a rate limit say so, with what to do', () => {
    const timeout = named(timeoutError('auth_token', 10_000), { kind: 'threw', aborted: true });
    expect(timeout).toMatchObject({ code: 'timeout', field: 'apiBaseUrl' });
    expect(timeout.message).toContain('did not answer at openapi.example.vn within 10 s');
    expect(named(serverError('auth_token', 502), answered(502)).message).toContain('server error (HTTP 502)');
    expect(named(rateLimited('auth_token', 503), answered(503)).message).toContain('limiting requests');
  });
});

describe('reading the facts behind a failure', () => {
  it('the refusal’s reason blames one credential only when it names exactly one', () => {
    expect(refusalBlame('{"message":"Unknown appId"}')).toBe('appId');
    expect(refusalBlame('{"message":"Invalid hash"}')).toBe('signature');
    expect(refusalBlame('app_id not found')).toBe('appId');
    expect(refusalBlame('bad signature')).toBe('signature');
    expect(refusalBlame('Invalid hash for appId')).toBeUndefined();
    expect(refusalBlame('Bad request')).toBeUndefined();
  });

  it('the socket’s code is found under fetch’s cause and inside an AggregateError', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(causeCodeOf(new TypeError('fetch failed', { cause: refused }))).toBe('ECONNREFUSED');
    const both = new AggregateError([refused, refused], 'all failed');
    expect(causeCodeOf(new TypeError('fetch failed', { cause: both }))).toBe('ECONNREFUSED');
    const undici = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    expect(causeCodeOf(new TypeError('fetch failed', { cause: undici }))).toBe('UND_ERR_SOCKET');
    expect(causeCodeOf(new TypeError('fetch failed'))).toBeUndefined();
    // Not a code: never echoed (it could be anything a server sent).
    expect(causeCodeOf(Object.assign(new Error('x'), { code: 'see https://host/?hash=abc' }))).toBeUndefined();
    expect(transportCause('UND_ERR_SOCKET')).toEqual({ kind: 'reset' });
  });
});
