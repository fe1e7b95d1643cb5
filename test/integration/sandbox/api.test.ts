import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import {
  TUESDAY_10AM_ICT,
  authHeaders,
  companyUrl,
  control,
  getJson,
  historiesUrl,
  playRecordingUrl,
  sha256,
} from './client';

let sb: RunningSandbox;
const clock = { now: TUESDAY_10AM_ICT };
const iso = (ms: number) => new Date(ms).toISOString();
const DAY = 86_400_000;

beforeAll(async () => {
  sb = await startSandbox({ seed: 11, calls: 3000, now: () => clock.now });
});
afterAll(async () => {
  await sb.close();
});

describe('POST /oapi/v1/voice/auth_token', () => {
  it('issues a token the sandbox remembers, expiring in an hour (unix seconds)', async () => {
    const { status, body } = await getJson(`${sb.apiUrl}/oapi/v1/voice/auth_token`, {
      method: 'POST',
      headers: authHeaders(sb),
    });
    expect(status).toBe(200);
    const token = body as { value: string; expire: number };
    expect(token.value).toMatch(/^[0-9a-f]{64}$/);
    expect(token.expire).toBe(Math.floor(clock.now / 1000) + 3600);
    expect(sb.state.tokens.validate(token.value)).toBe(true);
    expect((await control(sb, '/tokens/expire', 'POST')).status).toBe(200);
    expect(sb.state.tokens.validate(token.value)).toBe(false);
  });

  it.each([
    ['a wrong hash', (h: Record<string, string>) => ({ ...h, 'x-auth-app-hash': sha256('nope') }), 'Invalid hash'],
    [
      'no hash header',
      (h: Record<string, string>) => ({ 'x-auth-app-id': h['x-auth-app-id'] ?? '' }),
      'Missing header: x-auth-app-hash',
    ],
    ['an unknown appId', (h: Record<string, string>) => ({ ...h, 'x-auth-app-id': 'someone-else' }), 'Unknown appId'],
  ])('answers 400 {message} for %s', async (_name, edit, message) => {
    const { status, body } = await getJson(`${sb.apiUrl}/oapi/v1/voice/auth_token`, {
      method: 'POST',
      headers: edit(authHeaders(sb)),
    });
    expect(status).toBe(400);
    expect(body).toEqual({ message });
  });
});

describe('POST /oapi/v1/call/click-to-call/:number', () => {
  const agent = () => sb.state.agents[0]!;
  const call = (number: string, body: unknown, headers = authHeaders(sb)) =>
    getJson(`${sb.apiUrl}/oapi/v1/call/click-to-call/${encodeURIComponent(number)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });

  it('places the call when the device is registered and the password matches', async () => {
    const placed: string[] = [];
    const stop = sb.state.onClickToCall((r) => placed.push(`${r.agent.sipUser}:${r.number}`));
    const { status } = await call('0912345678', { sipUser: agent().sipUser, sipPassword: agent().sipPassword });
    stop();
    expect(status).toBe(200);
    expect(placed).toEqual([`${agent().sipUser}:0912345678`]);
  });

  it('answers 400 when the device is offline, the password is wrong or the body is bad', async () => {
    expect((await control(sb, `/devices/${agent().sipUser}`, 'POST', { registered: false })).status).toBe(200);
    const offline = await call('0912345678', { sipUser: agent().sipUser, sipPassword: agent().sipPassword });
    expect(offline).toMatchObject({
      status: 400,
      body: { message: `Device offline: ${agent().sipUser} is not registered` },
    });
    await control(sb, `/devices/${agent().sipUser}`, 'DELETE');

    expect((await call('0912345678', { sipUser: agent().sipUser, sipPassword: 'wrong' })).status).toBe(400);
    expect((await call('0912345678', { sipUser: 'agent9999', sipPassword: 'x' })).status).toBe(400);
    expect((await call('0912345678', { sipUser: agent().sipUser })).status).toBe(400);
    expect((await call('not-a-number', { sipUser: agent().sipUser, sipPassword: agent().sipPassword })).status).toBe(
      400,
    );
    const badHash = await call(
      '0912345678',
      { sipUser: agent().sipUser, sipPassword: agent().sipPassword },
      authHeaders(sb, sha256('x')),
    );
    expect(badHash).toMatchObject({ status: 400, body: { message: 'Invalid hash' } });
  });
});

describe('GET /oapi/v1/call/histories', () => {
  it('pages the window newest first, with both bounds inclusive', async () => {
    const from = clock.now - 30 * DAY;
    const expected = sb.state.history.query(from, clock.now);
    expect(expected.length).toBeGreaterThan(150);
    const first = await getJson(historiesUrl(sb, iso(from), iso(clock.now), '100', '1'));
    expect(first.status).toBe(200);
    const page1 = first.body as {
      data: { _id: string; unix_timestamp: number }[];
      page: number;
      limit: number;
      total: number;
    };
    expect(page1).toMatchObject({ page: 1, limit: 100, total: expected.length });
    expect(page1.data.map((r) => r._id)).toEqual(expected.slice(0, 100).map((r) => r._id));
    const page2 = (await getJson(historiesUrl(sb, iso(from), iso(clock.now), '100', '2'))).body as {
      data: { _id: string }[];
    };
    expect(page2.data.map((r) => r._id)).toEqual(expected.slice(100, 200).map((r) => r._id));

    // A window of exactly one record's second, both ends inclusive.
    const one = expected[5]!;
    const t = one.unix_timestamp * 1000;
    const exact = (await getJson(historiesUrl(sb, iso(t), iso(t)))).body as { data: { unix_timestamp: number }[] };
    expect(exact.data.length).toBeGreaterThan(0);
    expect(exact.data.every((r) => r.unix_timestamp === one.unix_timestamp)).toBe(true);
    const beyond = (await getJson(historiesUrl(sb, iso(from), iso(clock.now), '100', '999'))).body as {
      data: unknown[];
    };
    expect(beyond.data).toEqual([]);
  });

  it('serves the documented record fields', async () => {
    const { body } = await getJson(historiesUrl(sb, iso(clock.now - 30 * DAY), iso(clock.now), '100', '1'));
    const records = (body as { data: Record<string, unknown>[] }).data;
    for (const r of records) {
      expect(Object.keys(r).sort()).toEqual([
        '_id',
        'billing_seconds',
        'call_id',
        'callee',
        'caller',
        'class',
        'did_number',
        'direction',
        'duration_seconds',
        'queue_stat',
        'recording',
        'status_detail',
        'unix_timestamp',
      ]);
    }
    const withQueue = records.find((r) => Array.isArray(r.queue_stat) && r.queue_stat.length > 0);
    expect(Object.keys((withQueue?.queue_stat as Record<string, unknown>[])[0] ?? {})).toEqual(
      expect.arrayContaining([
        '_id',
        'call_id',
        'queue_id',
        'wait_time',
        'caller_id_number',
        'caller_id_name',
        'status',
        'entered_timestamp',
        'handled_timestamp',
        'processed_timestamp',
        'agent_id',
        'username',
        'talk_time',
        'hung_up_by',
        'end_call_reason',
        'misses',
      ]),
    );
  });

  it.each([
    [
      'a window over 31 days',
      () => historiesUrl(sb, iso(clock.now - 31 * DAY - 1), iso(clock.now)),
      'longer than 31 days',
    ],
    ['limit 101', () => historiesUrl(sb, iso(clock.now - DAY), iso(clock.now), '101'), 'limit'],
    ['a bad date', () => historiesUrl(sb, 'last week', iso(clock.now)), 'created_from'],
    [
      'a wrong hash',
      () => historiesUrl(sb, iso(clock.now - DAY), iso(clock.now)).replace(/hash=[0-9a-f]+/, `hash=${sha256('x')}`),
      'Invalid hash',
    ],
    [
      'a missing page',
      () => historiesUrl(sb, iso(clock.now - DAY), iso(clock.now)).replace(/&page=1/, ''),
      'Missing parameter: page',
    ],
    [
      'an unknown appId',
      () => historiesUrl(sb, iso(clock.now - DAY), iso(clock.now)).replace(`appId=${sb.appId}`, 'appId=999'),
      'Unknown appId',
    ],
  ])('answers 400 {message} for %s', async (_name, url, message) => {
    const { status, body } = await getJson(url());
    expect(status).toBe(400);
    expect((body as { message: string }).message).toContain(message);
  });
});

describe('GET /oapi/v1/call/play_recording', () => {
  it('answers a signed URL for a known recording and 400 for an unknown one', async () => {
    const media = sb.state.history.all().find((r) => r.recording !== '')!.recording;
    const { status, body } = await getJson(playRecordingUrl(sb, media));
    expect(status).toBe(200);
    const url = new URL((body as { media: string }).media);
    expect(url.origin).toBe(sb.apiUrl);
    expect(url.pathname).toBe(`/recordings/${media}`);
    expect(Number(url.searchParams.get('Expires'))).toBe(Math.floor(clock.now / 1000) + 600);
    expect(url.searchParams.get('Signature')).toMatch(/^[0-9a-f]{64}$/);

    expect(await getJson(playRecordingUrl(sb, 'call_recording_nothere.wav'))).toMatchObject({
      status: 400,
      body: { message: 'Recording not found' },
    });
    const badHash = playRecordingUrl(sb, media).replace(/hash=[0-9a-f]+/, `hash=${sha256('x')}`);
    expect((await getJson(badHash)).status).toBe(400);
  });
});

describe('dashboard, queues and agents', () => {
  it('lists agents with anttel.userId and extensions', async () => {
    const { status, body } = await getJson(companyUrl(sb, '/oapi/v1/agents'));
    expect(status).toBe(200);
    const agents = body as { anttel: { userId: string }; username: string; name: string; ext: string[] }[];
    expect(agents).toHaveLength(12);
    expect(agents[0]).toEqual({
      anttel: { userId: sb.state.agents[0]!.id },
      username: sb.state.agents[0]!.username,
      name: sb.state.agents[0]!.name,
      ext: ['8001'],
    });
  });

  it('lists queues with their member agent ids', async () => {
    const { status, body } = await getJson(companyUrl(sb, '/oapi/v1/queues'));
    expect(status).toBe(200);
    const queues = body as { id: string; name: string; agents: string[] }[];
    expect(queues.length).toBe(sb.state.queues.length);
    const ids = new Set(sb.state.agents.map((a) => a.id));
    for (const q of queues) for (const id of q.agents) expect(ids.has(id)).toBe(true);
  });

  it('serves the dashboard with agent counts, Gregorian timestamps and queue counters', async () => {
    const { status, body } = await getJson(companyUrl(sb, '/oapi/v1/call/dashboard'));
    expect(status).toBe(200);
    const dash = body as {
      agent: Record<string, number> & {
        status_details: { timestamp: number; unix_timestamp: number; status: string; agent_id: string; id: string }[];
      };
      queue: Record<string, unknown>;
    };
    const counts = ['ready', 'logged_out', 'wrapup', 'logged_in', 'connected', 'paused'].map(
      (k) => dash.agent[k] ?? -1,
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(12);
    expect(dash.agent.status_details.length).toBe(12 - (dash.agent.logged_out ?? 0));
    for (const d of dash.agent.status_details) {
      expect(d.timestamp - d.unix_timestamp).toBe(62_167_219_200);
      expect(d.id).toBe(`${d.agent_id}::${d.timestamp}`);
      expect(d.status).not.toBe('logged_out');
    }
    expect(Object.keys(dash.queue).sort()).toEqual([
      'abandoned',
      'abandoned_calls',
      'abandoned_detail',
      'avg_talking',
      'avg_waiting',
      'handled',
      'max_waiting',
      'offered',
      'received',
      'status_details',
      'waiting_call_logs',
    ]);
  });

  it('moves as the clock advances, and is the same for the same instant', async () => {
    const read = async () => JSON.stringify((await getJson(companyUrl(sb, '/oapi/v1/call/dashboard'))).body);
    const before = await read();
    expect(await read()).toBe(before);
    const saved = clock.now;
    clock.now += 15 * 60_000;
    const later = await read();
    clock.now = saved;
    expect(later).not.toBe(before);
  });

  it.each([
    ['a wrong domain', () => companyUrl(sb, '/oapi/v1/agents', 'other.antbuddy.com'), 'Unknown domain'],
    [
      'a wrong email',
      () => companyUrl(sb, '/oapi/v1/queues', sb.domain, 'x@example.com'),
      'Unknown email for this domain',
    ],
    [
      'a wrong hash',
      () => companyUrl(sb, '/oapi/v1/call/dashboard').replace(/hash=[0-9a-f]+/, `hash=${sha256('x')}`),
      'Invalid hash',
    ],
    [
      'a missing email',
      () => companyUrl(sb, '/oapi/v1/call/dashboard').replace(/&email=[^&]+/, ''),
      'Missing parameter: email',
    ],
  ])('answers 400 {message} for %s', async (_name, url, message) => {
    expect(await getJson(url())).toMatchObject({ status: 400, body: { message } });
  });
});

describe('other requests', () => {
  it('answers 404 JSON for unknown paths and 405 for a wrong method', async () => {
    expect(await getJson(`${sb.apiUrl}/oapi/v1/nothing`)).toMatchObject({
      status: 404,
      body: { message: 'Not found' },
    });
    expect((await getJson(`${sb.apiUrl}/oapi/v1/call/histories`, { method: 'POST' })).status).toBe(405);
  });

  it('logs API requests with the hash redacted, over HTTP too', async () => {
    expect((await control(sb, '/requests', 'DELETE')).status).toBe(200);
    await getJson(companyUrl(sb, '/oapi/v1/agents'));
    await getJson(`${sb.apiUrl}/oapi/v1/nothing`);
    expect(sb.requestLog.map((e) => [e.method, e.path, e.status])).toEqual([
      ['GET', '/oapi/v1/agents', 200],
      ['GET', '/oapi/v1/nothing', 404],
    ]);
    const { body } = await control(sb, '/requests', 'GET');
    const logged = (body as { requests: { query: Record<string, string>; time: number }[] }).requests;
    expect(logged[0]?.query).toEqual({ appId: sb.appId, domain: sb.domain, email: sb.email, hash: '[redacted]' });
    expect(logged[0]?.time).toBe(clock.now);
    expect(JSON.stringify(body)).not.toContain(sb.appSecret);
  });

  it('serves the bare array shape when asked', async () => {
    const other = await startSandbox({ calls: 50, historyShape: 'array', now: () => TUESDAY_10AM_ICT });
    try {
      const { body } = await getJson(
        historiesUrl(other, iso(TUESDAY_10AM_ICT - 30 * DAY), iso(TUESDAY_10AM_ICT), '5', '1'),
      );
      expect(Array.isArray(body)).toBe(true);
      expect((body as unknown[]).length).toBe(5);
    } finally {
      await other.close();
    }
  });

  it('prints a start line with the connection facts', () => {
    const line = sb.startLine();
    expect(line).not.toHaveProperty('sipWsUrl'); // only when Kamailio runs
    expect(line).toMatchObject({
      apiUrl: sb.apiUrl,
      controlUrl: `${sb.apiUrl}/__sandbox`,
      appId: sb.appId,
      appSecret: sb.appSecret,
      domain: sb.domain,
      email: sb.email,
      accountId: sb.accountId,
    });
  });
});
