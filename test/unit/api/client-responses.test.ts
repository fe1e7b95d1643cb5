import { describe, expect, it } from 'vitest';
import { createAntBuddyClient } from '../../../src/main/services/api/client';
import { CONFIG, fakeFetch, json, sampleRecord, type Reply } from './fake-fetch';

const page = {
  from: new Date('2026-01-01T00:00:00.000Z'),
  to: new Date('2026-01-02T00:00:00.000Z'),
  limit: 20,
  page: 1,
};
const client = (replies: Reply[]) => createAntBuddyClient(CONFIG, { fetch: fakeFetch(replies).fetch, maxRetries: 0 });
const errorOf = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }) => (r.ok ? undefined : r.error);

describe('history pages', () => {
  it.each([
    ['a bare array', [sampleRecord()]],
    ['data', { data: [sampleRecord()], total: 1 }],
    ['docs inside data', { data: { docs: [sampleRecord()], total: 1 } }],
    ['histories beside other arrays', { warnings: [], histories: [sampleRecord()] }],
    ['an unknown key', { calls: [sampleRecord()] }],
  ])('reads %s', async (_label, body) => {
    const result = await client([json(200, body)]).getHistoryPage(page);
    expect(result.ok && result.value.records.map((r) => r.caller.number)).toEqual(['01693608879']);
  });

  it('keeps unknown fields and applies the documented defaults and coercions', async () => {
    const record = sampleRecord({
      _id: 'abc',
      org: 'org_1',
      caller: { number: 842873019555, type: 'realnumber', carrier: 'vnpt' },
      did_number: undefined,
      recording: null,
      queue_stat: undefined,
      duration_seconds: '50',
    });
    const result = await client([json(200, { data: [record] })]).getHistoryPage(page);
    expect(result.ok).toBe(true);
    const got = result.ok ? result.value.records[0] : undefined;
    expect(got).toMatchObject({
      _id: 'abc',
      org: 'org_1',
      caller: { number: '842873019555', carrier: 'vnpt' },
      did_number: null,
      recording: '',
      queue_stat: [],
      duration_seconds: 50,
    });
  });

  it('names the failing field, with its place in the envelope', async () => {
    const bad = sampleRecord({ callee: { type: 'user' } });
    const result = await client([json(200, { data: [sampleRecord(), bad] })]).getHistoryPage(page);
    expect(errorOf(result)).toMatchObject({ code: 'malformed_response', field: 'data[1].callee.number' });
  });

  it.each([
    ['not JSON', { status: 200, text: '{"data": [' }, '(body)'],
    ['no list', json(200, { total: 3 }), '(body)'],
    ['a wrong type', json(200, [sampleRecord({ unix_timestamp: 'yesterday' })]), '[0].unix_timestamp'],
  ] as const)('malformed: %s', async (_label, reply, field) => {
    expect(errorOf(await client([reply]).getHistoryPage(page))).toMatchObject({ code: 'malformed_response', field });
  });
});

describe('other responses', () => {
  it('agents: nested or flat anttel.userId, numbers as extensions, extras kept', async () => {
    const result = await client([
      json(200, [
        { anttel: { userId: 'eab4' }, username: 'u1', name: 'User 1', ext: ['8000', 8001], team: 'a' },
        { 'anttel.userId': 'da80', username: 'u2', name: 'User 2', ext: [] },
      ]),
    ]).getAgents();
    expect(result.ok && result.value).toEqual([
      { anttel: { userId: 'eab4' }, username: 'u1', name: 'User 1', ext: ['8000', '8001'], team: 'a' },
      { 'anttel.userId': 'da80', anttel: { userId: 'da80' }, username: 'u2', name: 'User 2', ext: [] },
    ]);
  });

  it('agents: a missing username is named', async () => {
    const result = await client([json(200, { data: [{ anttel: { userId: 'x' }, name: 'n' }] })]).getAgents();
    expect(errorOf(result)).toMatchObject({ code: 'malformed_response', field: 'data[0].username' });
  });

  it('queues: id taken from _id when present', async () => {
    const result = await client([
      json(200, [
        { _id: 'q1', name: 'Staging Queue', agents: ['eab4', 'da80'] },
        { name: 'No id', agents: [] },
      ]),
    ]).getQueues();
    expect(result.ok && result.value).toEqual([
      { _id: 'q1', id: 'q1', name: 'Staging Queue', agents: ['eab4', 'da80'] },
      { name: 'No id', agents: [] },
    ]);
  });

  it('dashboard: the vendor sample, counts defaulted, extras kept; also inside data', async () => {
    const sample = {
      agent: {
        ready: 2,
        logged_out: 1,
        logged_in: 3,
        status_details: [
          {
            timestamp: 63936806933,
            status: 'ready',
            agent_id: 'df67983ccdeee7d834e8f5d345db1fe5',
            unix_timestamp: 1769587733,
            username: 'nguyenvana',
            name: 'Nguyễn Văn A',
          },
        ],
      },
      queue: { offered: 12, handled: 12, abandoned_detail: {} },
    };
    for (const body of [sample, { data: sample }]) {
      const result = await client([json(200, body)]).getDashboard();
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(result.value.agent).toMatchObject({ ready: 2, wrapup: 0, paused: 0, connected: 0 });
      expect(result.value.agent.status_details[0]).toMatchObject({ timestamp: 63936806933, name: 'Nguyễn Văn A' });
      expect(result.value.queue).toMatchObject({
        offered: 12,
        abandoned: 0,
        abandoned_detail: {},
        waiting_call_logs: [],
      });
    }
  });

  it('dashboard: a status detail without agent_id is named', async () => {
    const result = await client([
      json(200, { agent: { status_details: [{ status: 'ready' }] }, queue: {} }),
    ]).getDashboard();
    expect(errorOf(result)).toMatchObject({ field: 'agent.status_details[0].agent_id' });
  });

  it('auth_token: a missing value or unreadable expire is malformed', async () => {
    expect(errorOf(await client([json(200, { expire: 60 })]).getAuthToken())).toMatchObject({ field: 'value' });
    expect(errorOf(await client([json(200, { value: 't', expire: 'soon' })]).getAuthToken())).toMatchObject({
      field: 'expire',
    });
  });

  it('play_recording: a missing media URL is malformed', async () => {
    expect(errorOf(await client([json(200, { url: 'x' })]).getRecordingUrl('a.mp3'))).toMatchObject({
      code: 'malformed_response',
      field: 'media',
    });
  });
});
