import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import { buildDashboard } from '../../../sandbox/dashboard';
import { createAntBuddyClient } from '../../../src/main/services/api';
import { createDashboardService } from '../../../src/main/services/dashboard';

/**
 * The dashboard service against a real sandbox on loopback, through the real API client:
 * what it shows is what the sandbox's own dashboard module computes for the same moment.
 */

// A Wednesday, 10:00 in Vietnam: the sandbox's busy hours, so most agents are signed in.
const START = Date.parse('2026-01-28T03:00:00.000Z');
let clock = START;
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, calls: 400, days: 3, now: () => clock });
});

afterAll(async () => {
  await sandbox?.close();
});

function serviceFor(overrides: { domain?: string } = {}) {
  const api = createAntBuddyClient(
    {
      baseUrl: sandbox.apiUrl,
      appId: sandbox.appId,
      appSecret: sandbox.appSecret,
      domain: overrides.domain ?? sandbox.domain,
      email: sandbox.email,
    },
    { sleep: async () => undefined, maxRetries: 0 },
  );
  return createDashboardService({ api, now: () => clock });
}

const companyRequests = () =>
  sandbox.requestLog.filter((e) => ['/oapi/v1/call/dashboard', '/oapi/v1/queues', '/oapi/v1/agents'].includes(e.path));

describe('dashboard service', () => {
  it("shows the sandbox's agents, statuses, counts, queue figures and queues for the same moment", async () => {
    const result = await serviceFor().snapshot();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const snapshot = result.value;
    const expected = buildDashboard(sandbox.state, clock);

    expect(snapshot.agents.map((a) => a.name).sort()).toEqual(sandbox.state.agents.map((a) => a.name).sort());
    for (const agent of sandbox.state.agents) {
      const shown = snapshot.agents.find((a) => a.id === agent.id);
      const detail = expected.agent.status_details.find((d) => d.agent_id === agent.id);
      expect(shown?.extensions).toEqual(agent.extensions);
      expect(shown?.status).toEqual({ kind: detail?.status ?? 'logged_out' });
      expect(shown?.since).toBe(detail ? new Date(detail.unix_timestamp * 1000).toISOString() : null);
      expect(shown?.idleSeconds).toBe(detail ? detail.idle_time : null);
    }
    for (const { status, count } of snapshot.counts) {
      if (status.kind === 'other') throw new Error(`unexpected status ${status.raw}`);
      expect(count, status.kind).toBe(expected.agent[status.kind]);
    }
    expect(snapshot.queueStatistics).toEqual({
      offered: expected.queue.offered,
      received: expected.queue.received,
      handled: expected.queue.handled,
      abandoned: expected.queue.abandoned,
      averageWaitSeconds: expected.queue.avg_waiting,
      longestWaitSeconds: expected.queue.max_waiting,
      averageTalkSeconds: expected.queue.avg_talking,
      waitingNow: expected.queue.waiting_call_logs.length,
    });
    for (const queue of sandbox.state.queues) {
      const shown = snapshot.queues.find((q) => q.key === queue.id);
      expect(shown?.name).toBe(queue.name);
      const names = queue.agentIds.map((id) => sandbox.state.agents.find((a) => a.id === id)?.name);
      expect(shown?.members.map((m) => m.name).sort()).toEqual(names.sort());
      expect(shown?.waitingNow).toBe(expected.queue.waiting_call_logs.filter((w) => w.queue_id === queue.id).length);
    }
    expect(snapshot.generatedAt).toBe(new Date(clock).toISOString());
  });

  it('follows the sandbox as its clock moves on', async () => {
    const service = serviceFor();
    const changed = (a: readonly { id: string; status: unknown }[], b: readonly { id: string; status: unknown }[]) =>
      a.some((agent) => JSON.stringify(b.find((x) => x.id === agent.id)?.status) !== JSON.stringify(agent.status));
    const before = await service.snapshot();
    clock += 15 * 60_000; // every agent's rhythm is at most 7 minutes
    const after = await service.snapshot();
    if (!before.ok || !after.ok) throw new Error('the sandbox did not answer');
    expect(changed(before.value.agents, after.value.agents)).toBe(true);
    const expected = buildDashboard(sandbox.state, clock);
    for (const detail of expected.agent.status_details) {
      expect(after.value.agents.find((a) => a.id === detail.agent_id)?.status).toEqual({ kind: detail.status });
    }
  });

  it('callers asking at the same time share one fetch of the three endpoints', async () => {
    const service = serviceFor();
    const before = companyRequests().length;
    const [a, b] = await Promise.all([service.snapshot(), service.snapshot()]);
    expect(a).toBe(b);
    expect(companyRequests().length - before).toBe(3);
    await service.snapshot();
    expect(companyRequests().length - before).toBe(6);
  });

  it('a failing endpoint gives its typed error, in both languages', async () => {
    sandbox.faults.failNext(1, { status: 500, path: '/oapi/v1/queues' });
    const result = await serviceFor().snapshot();
    expect(result).toMatchObject({ ok: false, error: { code: 'server_error', status: 500 } });
    if (!result.ok) {
      expect(result.error.message).toContain('queues');
      expect(result.error.messageVi).toContain('queues');
      expect(JSON.stringify(result.error)).not.toContain(sandbox.appSecret);
    }
  });

  it('the dashboard error comes first when several endpoints fail', async () => {
    sandbox.faults.failNext(1, { status: 503, path: '/oapi/v1/call/dashboard' });
    sandbox.faults.failNext(1, { status: 500, path: '/oapi/v1/agents' });
    const result = await serviceFor().snapshot();
    expect(result).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    sandbox.faults.clear();
  });

  it('without a company domain it says what is missing and asks nothing of the API', async () => {
    const before = companyRequests().length;
    const result = await serviceFor({ domain: '' }).snapshot();
    expect(result).toMatchObject({ ok: false, error: { code: 'not_configured' } });
    expect(companyRequests().length).toBe(before);
  });
});
