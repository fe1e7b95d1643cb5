import { describe, expect, it } from 'vitest';
import { splitTokenFromHash, webHostPageUrl } from '../../../src/webhost/bridge-token';

describe('the access token in the URL fragment', () => {
  it('is put in the fragment of the printed address', () => {
    expect(webHostPageUrl('http://127.0.0.1:8080', 'abc_DEF-123')).toBe('http://127.0.0.1:8080/#token=abc_DEF-123');
  });

  it('is taken out, leaving no fragment when there was only the token', () => {
    expect(splitTokenFromHash('#token=abc_DEF-123')).toEqual({ token: 'abc_DEF-123', hash: '' });
  });

  it('is taken out, keeping the app route that shares the fragment (before or after it)', () => {
    expect(splitTokenFromHash('#/popup&token=abc')).toEqual({ token: 'abc', hash: '#/popup' });
    expect(splitTokenFromHash('#token=abc&/popup')).toEqual({ token: 'abc', hash: '#/popup' });
  });

  it('leaves a fragment without a token alone', () => {
    expect(splitTokenFromHash('')).toEqual({ token: null, hash: '' });
    expect(splitTokenFromHash('#/popup')).toEqual({ token: null, hash: '#/popup' });
    expect(splitTokenFromHash('#tokens=abc')).toEqual({ token: null, hash: '#tokens=abc' });
  });

  it('treats an empty or undecodable token as none, and still removes it from view', () => {
    expect(splitTokenFromHash('#token=')).toEqual({ token: null, hash: '' });
    expect(splitTokenFromHash('#/popup&token=%E0%A4%A')).toEqual({ token: null, hash: '#/popup' });
  });

  it('decodes a percent-encoded token', () => {
    expect(splitTokenFromHash('#token=a%2Bb')).toEqual({ token: 'a+b', hash: '' });
  });
});
