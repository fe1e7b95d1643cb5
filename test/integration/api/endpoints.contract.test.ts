import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { createAntBuddyClient } from '../../../src/main/services/api/client';
import { clientFor } from './sandbox-client';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, calls: 400, days: 20 });
});
afterAll(async () => {
  await sandbox?.close();
});

const setDevice = async (sipUser: string, registered: boolean) => {
  const response = await fetch(`${sandbox.controlUrl}/devices/${encodeURIComponent(sipUser)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ registered }),
  });
  expect(response.status).toBe(200);
};

describe('contract: happy paths', () => {
  it('auth_token gives a token and an expiry about an hour ahead', async () => {
    const before = Date.now();
    const result = await clientFor(sandbox).client.getAuthToken();
    const after = Date.now();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.token.length).toBeGreaterThan(0);
    const at = result.value.expiresAt.getTime();
    expect(at).toBeGreaterThanOrEqual(before + 3600_000 - 1000);
    expect(at).toBeLessThanOrEqual(after + 3600_000 + 1000);
  });

  it('click-to-call succeeds for a registered device, with + in the number', async () => {
    const agent = sandbox.state.agents[0];
    if (!agent) throw new Error('sandbox has no agents');
    await setDevice(agent.sipUser, true);
    const result = await clientFor(sandbox).client.clickToCall('+84901234567', {
      sipUser: agent.sipUser,
      sipPassword: agent.sipPassword,
    });
    expect(result).toEqual({ ok: true, value: undefined });
  });

  it('click-to-call on an unregistered device → not_registered', async () => {
    const agent = sandbox.state.agents[1];
    if (!agent) throw new Error('sandbox has fewer than two agents');
    await setDevice(agent.sipUser, false);
    const result = await clientFor(sandbox).client.clickToCall('0901234567', {
      sipUser: agent.sipUser,
      sipPassword: agent.sipPassword,
    });
    expect(result.ok ? undefined : result.error).toMatchObject({
      code: 'not_registered',
      message: 'Your softphone is not registered',
      status: 400,
    });
  });

  it('one history page matches the sandbox state', async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 10 * 86_400_000);
    const result = await clientFor(sandbox).client.getHistoryPage({ from, to, limit: 25, page: 2 });
    expect(result.ok).toBe(true);
    const expected = sandbox.state.history.query(from.getTime(), to.getTime()).slice(25, 50);
    expect(result.ok && result.value.records.map((r) => r['_id'])).toEqual(expected.map((r) => r._id));
  });

  it('play_recording gives a signed URL that plays, with its expiry read', async () => {
    const withRecording = sandbox.state.history.all().find((r) => r.recording !== '');
    if (!withRecording) throw new Error('sandbox has no recordings');
    const result = await clientFor(sandbox).client.getRecordingUrl(withRecording.recording);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.expiresAt?.getTime()).toBeGreaterThan(Date.now());
    const audio = await fetch(result.value.url);
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toContain('audio');
  });

  it('agents, queues and dashboard match the sandbox state', async () => {
    const { client } = clientFor(sandbox);
    const [agents, queues, dashboard] = await Promise.all([
      client.getAgents(),
      client.getQueues(),
      client.getDashboard(),
    ]);
    expect(agents.ok && agents.value.map((a) => [a.anttel.userId, a.username, a.ext])).toEqual(
      sandbox.state.agents.map((a) => [a.id, a.username, [...a.extensions]]),
    );
    expect(queues.ok && queues.value.map((q) => [q.id, q.name, q.agents])).toEqual(
      sandbox.state.queues.map((q) => [q.id, q.name, [...q.agentIds]]),
    );
    expect(dashboard.ok).toBe(true);
    if (!dashboard.ok) return;
    const { agent } = dashboard.value;
    const total = agent.ready + agent.logged_out + agent.wrapup + agent.logged_in + agent.connected + agent.paused;
    expect(total).toBe(sandbox.state.agents.length);
    expect(agent.status_details.length).toBe(total - agent.logged_out);
  });
});

describe('contract: refusals (400 → rejected)', () => {
  it('a wrong appSecret → rejected with the server message, not retried', async () => {
    const before = sandbox.requestLog.length;
    const client = createAntBuddyClient({
      baseUrl: sandbox.apiUrl,
      appId: sandbox.appId,
      appSecret: 'not-the-secret',
      domain: sandbox.domain,
      email: sandbox.email,
    });
    const result = await client.getAgents();
    expect(result.ok ? undefined : result.error).toMatchObject({ code: 'rejected', status: 400 });
    expect(result.ok ? '' : result.error.message).toContain('Invalid hash');
    expect(JSON.stringify(result)).not.toContain('not-the-secret');
    expect(sandbox.requestLog.length - before).toBe(1);
  });

  it('an unknown recording → rejected', async () => {
    const result = await clientFor(sandbox).client.getRecordingUrl('no_such_recording.mp3');
    expect(result.ok ? undefined : result.error).toMatchObject({ code: 'rejected', status: 400 });
  });

  it('a wrong company e-mail → rejected', async () => {
    const client = createAntBuddyClient({
      baseUrl: sandbox.apiUrl,
      appId: sandbox.appId,
      appSecret: sandbox.appSecret,
      domain: sandbox.domain,
      email: 'someone@elsewhere.test',
    });
    const result = await client.getDashboard();
    expect(result.ok ? undefined : result.error).toMatchObject({ code: 'rejected', status: 400 });
  });
});
