import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import {
  createAntBuddyClient,
  type AntBuddyClient,
  type AntBuddyClientDeps,
} from '../../../src/main/services/api/client';
import type { BackoffPolicy } from '../../../src/main/services/api/backoff';
import type { AppResult, ErrorCode } from '../../../src/shared/errors';
import { clientFor } from './sandbox-client';

/**
 * Every endpoint against the real sandbox over HTTP, with its faults injected: refusals, server
 * errors, rate limiting, hangs and broken bodies. Sleeps are recorded and skipped (see
 * `clientFor`), and the backoff is small, so retries cost no time and their waits can be read.
 */

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, calls: 50, days: 5 });
});
afterEach(() => sandbox.faults.clear());
afterAll(async () => {
  await sandbox?.close();
});

/** Backoff waits stay at or under `capMs`; the sandbox's Retry-After (1 s) is far above it. */
const BACKOFF: BackoffPolicy = { baseMs: 5, capMs: 20 };
/** Per-attempt timeout where every attempt hangs: short, since only its expiry is awaited. */
const HANG_TIMEOUT_MS = 150;
/** Per-attempt timeout where a retry must get a real answer: ample for a local sandbox. */
const ANSWER_TIMEOUT_MS = 400;
const WRONG_SECRET = 'not-the-secret-at-all';

const fastClient = (deps: AntBuddyClientDeps = {}) => clientFor(sandbox, { backoff: BACKOFF, ...deps });

/** The sandbox's app id with a secret it does not know: every signature fails. */
function createWrongSecretClient(): AntBuddyClient {
  return createAntBuddyClient(
    {
      baseUrl: sandbox.apiUrl,
      appId: sandbox.appId,
      appSecret: WRONG_SECRET,
      domain: sandbox.domain,
      email: sandbox.email,
    },
    { backoff: BACKOFF, sleep: () => Promise.resolve() },
  );
}

const requestsTo = (prefix: string): number => sandbox.requestLog.filter((e) => e.path.startsWith(prefix)).length;

const errorOf = (result: AppResult<unknown>) => (result.ok ? undefined : result.error);

async function setDevice(sipUser: string, registered: boolean | null): Promise<void> {
  const response = await fetch(`${sandbox.controlUrl}/devices/${encodeURIComponent(sipUser)}`, {
    method: registered === null ? 'DELETE' : 'POST',
    ...(registered === null
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ registered }) }),
  });
  expect(response.status).toBe(200);
}

function agentAt(index: number) {
  const agent = sandbox.state.agents[index];
  if (!agent) throw new Error(`the sandbox has no agent #${index}`);
  return agent;
}

interface EndpointCase {
  readonly name: string;
  /** Path prefix: where faults are aimed and requests are counted. */
  readonly path: string;
  readonly call: (client: AntBuddyClient) => Promise<AppResult<unknown>>;
  /** A request the sandbox answers 400, and the code the client makes of it. */
  readonly refuse: () => Promise<AppResult<unknown>>;
  readonly refusedAs: ErrorCode;
  /**
   * `all`: 500s and timeouts are retried. `unprocessed` (click-to-call): only 503/429 are, since
   * resending after a 500 or a timeout could ring the agent twice.
   */
  readonly retry: 'all' | 'unprocessed';
  /** The field named when the body has the wrong shape; `ignored` when the body is not read. */
  readonly wrongShapeField: string | 'ignored';
}

const lastDay = () => {
  const to = new Date();
  return { from: new Date(to.getTime() - 86_400_000), to, limit: 10, page: 1 };
};

const someRecording = (): string => {
  const found = sandbox.state.history.all().find((r) => r.recording !== '');
  if (!found) throw new Error('the sandbox has no recordings');
  return found.recording;
};

const CASES: readonly EndpointCase[] = [
  {
    name: 'auth_token',
    path: '/oapi/v1/voice/auth_token',
    call: (client) => client.getAuthToken(),
    refuse: () => createWrongSecretClient().getAuthToken(),
    refusedAs: 'rejected',
    retry: 'all',
    wrongShapeField: 'value',
  },
  {
    name: 'click-to-call',
    path: '/oapi/v1/call/click-to-call/',
    call: (client) => {
      const agent = agentAt(0);
      return client.clickToCall('0901234567', { sipUser: agent.sipUser, sipPassword: agent.sipPassword });
    },
    refuse: async () => {
      const agent = agentAt(1);
      await setDevice(agent.sipUser, false);
      try {
        return await fastClient().client.clickToCall('0901234567', {
          sipUser: agent.sipUser,
          sipPassword: agent.sipPassword,
        });
      } finally {
        await setDevice(agent.sipUser, null);
      }
    },
    refusedAs: 'not_registered',
    retry: 'unprocessed',
    // Success is the status alone: the client does not read the `{message}` body.
    wrongShapeField: 'ignored',
  },
  {
    name: 'histories',
    path: '/oapi/v1/call/histories',
    call: (client) => client.getHistoryPage(lastDay()),
    refuse: () => createWrongSecretClient().getHistoryPage(lastDay()),
    refusedAs: 'rejected',
    retry: 'all',
    wrongShapeField: '(body)',
  },
  {
    name: 'play_recording',
    path: '/oapi/v1/call/play_recording',
    call: (client) => client.getRecordingUrl(someRecording()),
    refuse: () => createWrongSecretClient().getRecordingUrl(someRecording()),
    refusedAs: 'rejected',
    retry: 'all',
    wrongShapeField: 'media',
  },
  {
    name: 'dashboard',
    path: '/oapi/v1/call/dashboard',
    call: (client) => client.getDashboard(),
    refuse: () => createWrongSecretClient().getDashboard(),
    refusedAs: 'rejected',
    retry: 'all',
    wrongShapeField: 'agent',
  },
  {
    name: 'queues',
    path: '/oapi/v1/queues',
    call: (client) => client.getQueues(),
    refuse: () => createWrongSecretClient().getQueues(),
    refusedAs: 'rejected',
    retry: 'all',
    wrongShapeField: '(body)',
  },
  {
    name: 'agents',
    path: '/oapi/v1/agents',
    call: (client) => client.getAgents(),
    refuse: () => createWrongSecretClient().getAgents(),
    refusedAs: 'rejected',
    retry: 'all',
    wrongShapeField: '(body)',
  },
];

describe.each(CASES)('contract: faults on $name', (c) => {
  it('works without faults (so every failure below is the fault’s doing)', async () => {
    const before = requestsTo(c.path);
    expect((await c.call(fastClient().client)).ok).toBe(true);
    expect(requestsTo(c.path) - before).toBe(1);
  });

  it(`400 → ${c.refusedAs}, not retried, no secret in the error`, async () => {
    const before = requestsTo(c.path);
    const result = await c.refuse();
    expect(errorOf(result)).toMatchObject({ code: c.refusedAs, status: 400 });
    expect(requestsTo(c.path) - before).toBe(1);
    expect(JSON.stringify(result)).not.toContain(WRONG_SECRET);
    expect(JSON.stringify(result)).not.toContain(sandbox.appSecret);
  });

  if (c.retry === 'all') {
    it('500 twice, then success: retried with the backoff', async () => {
      sandbox.faults.failNext(2, { status: 500, path: c.path });
      const before = requestsTo(c.path);
      const { client, waits } = fastClient();
      expect((await c.call(client)).ok).toBe(true);
      expect(requestsTo(c.path) - before).toBe(3);
      expect(waits).toHaveLength(2);
      for (const wait of waits) expect(wait).toBeLessThanOrEqual(BACKOFF.capMs);
    });

    it('500 on every attempt → server_error after 1 + maxRetries requests', async () => {
      sandbox.faults.failNext(10, { status: 500, path: c.path });
      const before = requestsTo(c.path);
      const result = await c.call(fastClient({ maxRetries: 2 }).client);
      expect(errorOf(result)).toMatchObject({ code: 'server_error', status: 500 });
      expect(requestsTo(c.path) - before).toBe(3);
    });

    it('hanging on every attempt → timeout after 1 + maxRetries requests', async () => {
      sandbox.faults.hangNext(2, { path: c.path });
      const before = requestsTo(c.path);
      const result = await c.call(fastClient({ timeoutMs: HANG_TIMEOUT_MS, maxRetries: 1 }).client);
      expect(errorOf(result)).toMatchObject({ code: 'timeout' });
      expect(requestsTo(c.path) - before).toBe(2);
    });

    it('one hang, then success: retried', async () => {
      sandbox.faults.hangNext(1, { path: c.path });
      const result = await c.call(fastClient({ timeoutMs: ANSWER_TIMEOUT_MS, maxRetries: 1 }).client);
      expect(result.ok).toBe(true);
    });
  } else {
    it('500 → server_error with exactly one request (a retry could ring twice)', async () => {
      sandbox.faults.failNext(3, { status: 500, path: c.path });
      const before = requestsTo(c.path);
      const { client, waits } = fastClient({ maxRetries: 3 });
      const result = await c.call(client);
      expect(errorOf(result)).toMatchObject({ code: 'server_error', status: 500 });
      expect(requestsTo(c.path) - before).toBe(1);
      expect(waits).toEqual([]);
    });

    it('a hang → timeout with exactly one request (a retry could ring twice)', async () => {
      sandbox.faults.hangNext(3, { path: c.path });
      const before = requestsTo(c.path);
      const { client, waits } = fastClient({ timeoutMs: HANG_TIMEOUT_MS, maxRetries: 3 });
      const result = await c.call(client);
      expect(errorOf(result)).toMatchObject({ code: 'timeout' });
      expect(requestsTo(c.path) - before).toBe(1);
      expect(waits).toEqual([]);
    });
  }

  it('503 once, then success: retried after the Retry-After the server gave', async () => {
    sandbox.faults.failNext(1, { status: 503, path: c.path });
    const before = requestsTo(c.path);
    const { client, waits } = fastClient();
    expect((await c.call(client)).ok).toBe(true);
    expect(requestsTo(c.path) - before).toBe(2);
    expect(waits).toEqual([1000]);
  });

  it('503 on every attempt → rate_limited after 1 + maxRetries requests', async () => {
    sandbox.faults.failNext(10, { status: 503, path: c.path });
    const before = requestsTo(c.path);
    const { client, waits } = fastClient({ maxRetries: 2 });
    const result = await c.call(client);
    expect(errorOf(result)).toMatchObject({ code: 'rate_limited', status: 503 });
    expect(requestsTo(c.path) - before).toBe(3);
    expect(waits).toEqual([1000, 1000]);
  });

  it('a Retry-After above maxRetryAfterMs is not waited out → rate_limited at once', async () => {
    sandbox.faults.failNext(10, { status: 503, path: c.path });
    const before = requestsTo(c.path);
    const { client, waits } = fastClient({ maxRetryAfterMs: 500 });
    expect(errorOf(await c.call(client))).toMatchObject({ code: 'rate_limited', status: 503 });
    expect(requestsTo(c.path) - before).toBe(1);
    expect(waits).toEqual([]);
  });

  it('truncated JSON → malformed_response at (body), not retried', async () => {
    sandbox.faults.malformNext(3, { variant: 'invalid_json', path: c.path });
    const before = requestsTo(c.path);
    const result = await c.call(fastClient().client);
    expect(errorOf(result)).toMatchObject({ code: 'malformed_response', field: '(body)' });
    expect(requestsTo(c.path) - before).toBe(1);
  });

  if (c.wrongShapeField === 'ignored') {
    it('a wrong-shaped 200 body is not read: success is the status', async () => {
      sandbox.faults.malformNext(1, { variant: 'wrong_shape', path: c.path });
      const before = requestsTo(c.path);
      expect(await c.call(fastClient().client)).toEqual({ ok: true, value: undefined });
      expect(requestsTo(c.path) - before).toBe(1);
    });
  } else {
    const field = c.wrongShapeField;
    it(`a wrong shape → malformed_response at ${field}, not retried`, async () => {
      sandbox.faults.malformNext(3, { variant: 'wrong_shape', path: c.path });
      const before = requestsTo(c.path);
      const result = await c.call(fastClient().client);
      expect(errorOf(result)).toMatchObject({ code: 'malformed_response', field });
      expect(requestsTo(c.path) - before).toBe(1);
    });
  }
});
