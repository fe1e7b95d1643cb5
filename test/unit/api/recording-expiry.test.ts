import { describe, expect, it } from 'vitest';
import { recordingExpiresAt } from '../../../src/main/services/api/recording-expiry';
import { RecordingUrlCache } from '../../../src/main/services/api/recording-cache';

describe('recordingExpiresAt', () => {
  it('reads Expires= (S3 v2, the vendor example)', () => {
    const url =
      'https://abs1.antbuddy.com/nkrecord/call_recording_F5879958-1A1211E8-A55AA457-72574952%40172.16.0.204.mp3?AWSAccessKeyId=E7IPYE4LN28Y4I6T4400&Expires=1519640615&Signature=wXNENYxr0OJR8vA26kvOOwsttzU%3D';
    expect(recordingExpiresAt(url)?.toISOString()).toBe(new Date(1519640615 * 1000).toISOString());
  });
  it('reads X-Amz-Date + X-Amz-Expires (S3 v4)', () => {
    const url = 'https://s3.example/r.mp3?X-Amz-Date=20260128T080000Z&X-Amz-Expires=900&X-Amz-Signature=ab';
    expect(recordingExpiresAt(url)?.toISOString()).toBe('2026-01-28T08:15:00.000Z');
  });
  it('is undefined when the URL does not say', () => {
    expect(recordingExpiresAt('https://s3.example/r.mp3')).toBeUndefined();
    expect(recordingExpiresAt('not a url')).toBeUndefined();
  });
});

describe('RecordingUrlCache', () => {
  it('serves an entry only while it is valid for more than the margin', () => {
    let now = 1_000_000;
    const cache = new RecordingUrlCache(() => now, 60_000);
    cache.set('k', { url: 'u', expiresAt: new Date(now + 120_000) });
    expect(cache.get('k')?.url).toBe('u');
    now += 60_001;
    expect(cache.get('k')).toBeUndefined();
  });
  it('never keeps URLs without an expiry or about to expire', () => {
    const cache = new RecordingUrlCache(() => 0, 60_000);
    cache.set('a', { url: 'u' });
    cache.set('b', { url: 'u', expiresAt: new Date(30_000) });
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeUndefined();
  });
});
