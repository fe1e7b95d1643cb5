import { createAntBuddyClient, type AntBuddyClientDeps } from '../../../src/main/services/api/client';
import type { RunningSandbox } from '../../../sandbox/index';

/** A client pointed at a running sandbox; sleeps are recorded and skipped so retries cost no time. */
export function clientFor(sandbox: RunningSandbox, deps: AntBuddyClientDeps = {}) {
  const waits: number[] = [];
  const client = createAntBuddyClient(
    {
      baseUrl: sandbox.apiUrl,
      appId: sandbox.appId,
      appSecret: sandbox.appSecret,
      domain: sandbox.domain,
      email: sandbox.email,
    },
    { sleep: async (ms) => void waits.push(ms), ...deps },
  );
  return { client, waits };
}
