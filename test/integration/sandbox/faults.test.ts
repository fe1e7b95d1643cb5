import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { TUESDAY_10AM_ICT, companyUrl, control, getJson } from './client';

let sb: RunningSandbox;
const agentsUrl = () => companyUrl(sb, '/oapi/v1/agents');
const queuesUrl = () => companyUrl(sb, '/oapi/v1/queues');

beforeAll(async () => {
  sb = await startSandbox({ calls: 100, now: () => TUESDAY_10AM_ICT });
});
afterEach(() => {
  sb.faults.clear();
});
afterAll(async () => {
  await sb.close();
});

describe('fault controls', () => {
  it('answers 500 or 503 for the next N matching requests, then recovers', async () => {
    expect(
      (
        await control(sb, '/faults', 'POST', {
          next: { kind: 'status', status: 503, count: 2, path: '/oapi/v1/agents' },
        })
      ).status,
    ).toBe(200);
    expect((await fetch(queuesUrl())).status).toBe(200); // other path: untouched
    const first = await getJson(agentsUrl());
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('1');
    expect((await fetch(agentsUrl())).status).toBe(503);
    expect((await fetch(agentsUrl())).status).toBe(200);

    sb.faults.failNext(1);
    expect(await getJson(queuesUrl())).toMatchObject({ status: 500, body: { message: 'Internal server error' } });
    expect((await fetch(queuesUrl())).status).toBe(200);
  });

  it('answers a malformed body: invalid JSON, or JSON of the wrong shape', async () => {
    await control(sb, '/faults', 'POST', {
      next: [
        { kind: 'malformed', variant: 'invalid_json' },
        { kind: 'malformed', variant: 'wrong_shape' },
      ],
    });
    const broken = await fetch(agentsUrl());
    expect(broken.status).toBe(200);
    const text = await broken.text();
    expect(() => JSON.parse(text)).toThrow();
    const wrong = await getJson(agentsUrl());
    expect(wrong.status).toBe(200);
    expect(Array.isArray(wrong.body)).toBe(false);
    expect(Array.isArray((await getJson(agentsUrl())).body)).toBe(true);
  });

  it('never answers a hanging request, and still closes cleanly', async () => {
    const other = await startSandbox({ calls: 10, now: () => TUESDAY_10AM_ICT });
    other.faults.hangNext(1, { path: '/oapi/v1/agents' });
    const controller = new AbortController();
    const hanging = fetch(companyUrl(other, '/oapi/v1/agents'), { signal: controller.signal }).then(
      () => 'answered',
      () => 'aborted',
    );
    // The next request is answered although the first is still open.
    expect((await fetch(companyUrl(other, '/oapi/v1/agents'))).status).toBe(200);
    expect(other.requestLog.map((e) => [e.status, e.fault ?? null])).toEqual([
      [null, 'hang'],
      [200, null],
    ]);
    controller.abort();
    expect(await hanging).toBe('aborted');
    await other.close();
  });

  it('fails the configured share of requests with 500', async () => {
    sb.faults.setFailRate(1);
    expect((await fetch(agentsUrl())).status).toBe(500);
    sb.faults.setFailRate(0.5);
    const statuses = await Promise.all(Array.from({ length: 40 }, () => fetch(agentsUrl()).then((r) => r.status)));
    expect(statuses.filter((s) => s === 500).length).toBeGreaterThan(5);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(5);
    expect((await control(sb, '/faults', 'POST', { failRate: null })).body).toMatchObject({ failRate: 0 });
    expect((await fetch(agentsUrl())).status).toBe(200);
  });

  it('delays answers by the configured latency', async () => {
    await control(sb, '/faults', 'POST', { latencyMs: 150 });
    const started = performance.now();
    expect((await fetch(agentsUrl())).status).toBe(200);
    // A lower bound only: machines are noisy, but a delay cannot come early.
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('rejects a bad fault request with 400', async () => {
    expect((await control(sb, '/faults', 'POST', { failRate: 2 })).status).toBe(400);
    expect((await control(sb, '/faults', 'POST', { next: { kind: 'explode' } })).status).toBe(400);
  });
});

describe('rate limiting', () => {
  it('answers 503 with Retry-After past the limit, until the window moves on', async () => {
    const clock = { now: TUESDAY_10AM_ICT };
    const limited = await startSandbox({ calls: 10, rateLimitPerSecond: 3, now: () => clock.now });
    try {
      const url = companyUrl(limited, '/oapi/v1/queues');
      for (let i = 0; i < 3; i++) expect((await fetch(url)).status).toBe(200);
      const over = await getJson(url);
      expect(over).toMatchObject({ status: 503, body: { message: 'Request limit exceeded' } });
      expect(over.headers.get('retry-after')).toBe('1');
      expect(limited.requestLog.at(-1)?.fault).toBe('rate_limited');
      clock.now += 1000;
      expect((await fetch(url)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
