import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { TUESDAY_10AM_ICT, companyUrl, control, getJson } from './client';

/**
 * The faults a working day needs beyond "the next N requests": an API outage for a while
 * (`forMs`), 503 with the Retry-After the platform asks for, and a connection torn down with
 * no answer (a network failure as the client sees it). The sandbox clock is a hand-moved
 * value, so outages end when the test says, not after a real wait.
 */

const clock = { now: TUESDAY_10AM_ICT };
let sb: RunningSandbox;
const agentsUrl = (): string => companyUrl(sb, '/oapi/v1/agents');
const queuesUrl = (): string => companyUrl(sb, '/oapi/v1/queues');

beforeAll(async () => {
  sb = await startSandbox({ calls: 20, now: () => clock.now });
});

afterAll(async () => {
  await sb.close();
});

describe('API outages and network-like faults', () => {
  it('answers every matching request with 503 and the requested Retry-After until the outage ends', async () => {
    sb.faults.clear();
    const posted = await control(sb, '/faults', 'POST', {
      next: { kind: 'status', status: 503, retryAfterSeconds: 7, forMs: 20_000, path: '/oapi/v1/agents' },
    });
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ rules: [{ kind: 'status', remaining: null, untilMs: clock.now + 20_000 }] });

    // Many requests, not one: an outage is not used up.
    for (let i = 0; i < 5; i++) {
      const answer = await getJson(agentsUrl());
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('7');
    }
    expect((await fetch(queuesUrl())).status).toBe(200); // another path: untouched

    clock.now += 19_999;
    expect((await fetch(agentsUrl())).status).toBe(503);
    clock.now += 1;
    expect((await fetch(agentsUrl())).status).toBe(200);
    expect((await control(sb, '/faults', 'GET')).body).toMatchObject({ rules: [] });
  });

  it('keeps the old one-second Retry-After when none is asked for', async () => {
    sb.faults.clear();
    sb.faults.failNext(1, { status: 503, path: '/oapi/v1/agents' });
    const answer = await getJson(agentsUrl());
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('1');
  });

  it('ends a counted outage at its count or its time, whichever comes first', async () => {
    sb.faults.clear();
    sb.faults.add({ kind: 'status', status: 500, count: 2, forMs: 5_000, path: '/oapi/v1/queues' });
    expect((await fetch(queuesUrl())).status).toBe(500);
    clock.now += 5_000;
    expect((await fetch(queuesUrl())).status).toBe(200);

    sb.faults.add({ kind: 'status', status: 500, count: 1, forMs: 5_000, path: '/oapi/v1/queues' });
    expect((await fetch(queuesUrl())).status).toBe(500);
    expect((await fetch(queuesUrl())).status).toBe(200);
  });

  it('tears the connection down with no answer for a reset, and logs it as that fault', async () => {
    sb.faults.clear();
    sb.faults.add({ kind: 'reset', forMs: 1_000, path: '/oapi/v1/agents' });
    const outcome = await fetch(agentsUrl()).then(
      (response) => `answered ${response.status}`,
      (error: unknown) => (error instanceof TypeError ? 'network error' : 'other error'),
    );
    expect(outcome).toBe('network error');
    const logged = sb.requestLog.filter((entry) => entry.path === '/oapi/v1/agents').at(-1);
    expect(logged?.fault).toBe('reset');

    clock.now += 1_000;
    expect((await fetch(agentsUrl())).status).toBe(200);
  });

  it('hangs every request during a hang outage, and answers again after it', async () => {
    sb.faults.clear();
    sb.faults.add({ kind: 'hang', forMs: 2_000, path: '/oapi/v1/agents' });
    const controller = new AbortController();
    const hanging = fetch(agentsUrl(), { signal: controller.signal }).then(
      () => 'answered',
      () => 'aborted',
    );
    // The server has the request (logged, unanswered) and keeps it open.
    await expect
      .poll(() => sb.requestLog.filter((e) => e.path === '/oapi/v1/agents' && e.fault === 'hang').length)
      .toBeGreaterThan(0);
    clock.now += 2_000;
    expect((await fetch(agentsUrl())).status).toBe(200);
    controller.abort();
    expect(await hanging).toBe('aborted');
  });

  it('rejects an outage longer than an hour or a negative Retry-After with 400', async () => {
    expect((await control(sb, '/faults', 'POST', { next: { kind: 'hang', forMs: 3_600_001 } })).status).toBe(400);
    expect(
      (await control(sb, '/faults', 'POST', { next: { kind: 'status', status: 503, retryAfterSeconds: -1 } })).status,
    ).toBe(400);
  });
});
