import { describe, expect, it } from 'vitest';
import {
  agentsHash,
  appHeaderHash,
  dashboardHash,
  historyHash,
  queuesHash,
  recordingHash,
  sha256Hex,
} from '../../../src/main/services/api/signing';

// Expected values computed once with `node -e` (crypto) and cross-checked with `sha256sum`.
const appId = '6544646543674';
const appSecret = '123456';
const from = '2018-02-07T02:19:33.000Z';
const to = '2018-02-07T07:04:22.000Z';

describe('signing', () => {
  it('reproduces the vendor worked example (older form: appId + from + to + secret)', () => {
    expect(sha256Hex(appId + from + to + appSecret)).toBe(
      '9b11b9ff77dbba70fe059acf84c02cfe6af90de9122e4d3bd6ec69c9d637f9ed',
    );
  });

  it('signs the auth headers as sha256(appId + appSecret)', () => {
    expect(appHeaderHash(appId, appSecret)).toBe('1de1c7a667297905f45373f982c0e182c6d5ba6391f2bf41dc053619182b351b');
  });

  it('signs histories as sha256(from + to + limit + page + appId + secret)', () => {
    const hash = historyHash({ createdFrom: from, createdTo: to, limit: 100, page: 3, appId, appSecret });
    expect(hash).toBe('0a5bde7059849ef629877a27343dd9ad4cbc35a8eee6033f4541d49bdee03a6c');
    // The current form is not the vendor example's order with limit/page appended.
    expect(hash).not.toBe(sha256Hex(appId + from + to + '100' + '3' + appSecret));
  });

  it('signs play_recording as sha256(appId + media + secret), on the raw (unencoded) name', () => {
    expect(recordingHash(appId, 'call_recording_dl5m5j5hfh4n8njj1oor.mp3', appSecret)).toBe(
      'a42709c4a06468c0f2aefed7a99266845804b08b39b075f7c4224d117978ded2',
    );
  });

  it('hashes UTF-8 bytes', () => {
    expect(recordingHash('app', 'bản ghi âm.mp3', 'sec')).toBe(
      '8220bfccd3c9f15e55e0fc0c76e232facac6ce4c56d5bd0ead10e4d5c3507268',
    );
  });

  it('signs dashboard, queues and agents as sha256(appId + domain + email + secret)', () => {
    const expected = '909fe3694dd1df5927a94062dc957423972a5cc2e86a5b05c210155116610c56';
    expect(dashboardHash(appId, 'acme.antbuddy.com', 'ops@acme.vn', appSecret)).toBe(expected);
    expect(queuesHash(appId, 'acme.antbuddy.com', 'ops@acme.vn', appSecret)).toBe(expected);
    expect(agentsHash(appId, 'acme.antbuddy.com', 'ops@acme.vn', appSecret)).toBe(expected);
  });
});
