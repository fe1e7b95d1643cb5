import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { clientFor } from './sandbox-client';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, calls: 50, days: 5 });
});
afterEach(() => sandbox.faults.clear());
afterAll(async () => {
  await sandbox?.close();
});

const AGENTS = '/oapi/v1/agents';
const agentRequests = () => sandbox.requestLog.filter((e) => e.path === AGENTS).length;

describe('contract: faults', () => {
  it('500 twice, then success: retried', async () => {
    sandbox.faults.failNext(2, { status: 500, path: AGENTS });
    const before = agentRequests();
    const { client, waits } = clientFor(sandbox);
    const result = await client.getAgents();
    expect(result.ok).toBe(true);
    expect(agentRequests() - before).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it('500 on every attempt → server_error after 1 + maxRetries requests', async () => {
    sandbox.faults.failNext(10, { status: 500, path: AGENTS });
    const before = agentRequests();
    const result = await clientFor(sandbox, { maxRetries: 2 }).client.getAgents();
    expect(result.ok ? undefined : result.error).toMatchObject({ code: 'server_error', status: 500 });
    expect(agentRequests() - before).toBe(3);
  });

  it('503 with Retry-After, then success: waits what the server asked', async () => {
    sandbox.faults.failNext(1, { status: 503, path: AGENTS });
    const { client, waits } = clientFor(sandbox);
    expect((await client.getAgents()).ok).toBe(true);
    expect(waits).toEqual([1000]);
  });

  it('503 on every attempt → rate_limited', async () => {
    sandbox.faults.failNext(10, { status: 503, path: AGENTS });
    const result = await clientFor(sandbox, { maxRetries: 1 }).client.getAgents();
    expect(result.ok ? undefined : result.error).toMatchObject({ code: 'rate_limited', status: 503 });
  });

  it('a hanging request → timeout; a retry after one hang succeeds', async () => {
    sandbox.faults.hangNext(1, { path: AGENTS });
    const failed = await clientFor(sandbox, { timeoutMs: 300, maxRetries: 0 }).client.getAgents();
    expect(failed.ok ? undefined : failed.error).toMatchObject({ code: 'timeout' });
    sandbox.faults.hangNext(1, { path: AGENTS });
    const recovered = await clientFor(sandbox, { timeoutMs: 300, maxRetries: 1 }).client.getAgents();
    expect(recovered.ok).toBe(true);
  });

  it('truncated JSON → malformed_response at (body)', async () => {
    sandbox.faults.malformNext(1, { variant: 'invalid_json', path: '/oapi/v1/call/histories' });
    const to = new Date();
    const result = await clientFor(sandbox).client.getHistoryPage({
      from: new Date(to.getTime() - 86_400_000),
      to,
      limit: 10,
      page: 1,
    });
    expect(result.ok ? undefined : result.error).toMatchObject({ code: 'malformed_response', field: '(body)' });
  });

  it('a wrong shape → malformed_response naming the field', async () => {
    sandbox.faults.malformNext(3, { variant: 'wrong_shape' });
    const { client } = clientFor(sandbox);
    const token = await client.getAuthToken();
    expect(token.ok ? undefined : token.error).toMatchObject({ code: 'malformed_response', field: 'value' });
    const dashboard = await client.getDashboard();
    expect(dashboard.ok ? undefined : dashboard.error).toMatchObject({ code: 'malformed_response', field: 'agent' });
    const agents = await client.getAgents();
    expect(agents.ok ? undefined : agents.error).toMatchObject({ code: 'malformed_response' });
  });
});
