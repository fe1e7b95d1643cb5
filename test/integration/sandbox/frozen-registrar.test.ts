import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { authHeaders, getJson } from './client';

/**
 * Found by the soak (seed 1, day): a click-to-call while Kamailio was frozen made the sandbox
 * itself fail ("sandbox: request failed: The operation was aborted due to timeout", HTTP 500
 * "Internal sandbox error"): the registration lookup's timeout escaped the API handler. A
 * registrar that does not answer cannot vouch for the device, so click-to-call answers what it
 * answers for any device it cannot find: 400, device offline.
 */

let sb: RunningSandbox;

beforeAll(async () => {
  sb = await startSandbox({ calls: 0, kamailio: true, platform: false });
});

afterAll(async () => {
  await sb?.close();
});

describe('click-to-call while the SIP registrar does not answer', () => {
  it('answers 400 device offline, not a sandbox failure', async () => {
    const [agent] = sb.state.agents;
    if (!agent) throw new Error('seed has no agents');
    const errors = vi.spyOn(console, 'error');
    sb.kamailio?.freeze();
    try {
      const answer = await getJson(`${sb.apiUrl}/oapi/v1/call/click-to-call/0912345678`, {
        method: 'POST',
        headers: authHeaders(sb),
        body: JSON.stringify({ sipUser: agent.sipUser, sipPassword: agent.sipPassword }),
      });
      expect(answer).toMatchObject({
        status: 400,
        body: { message: `Device offline: ${agent.sipUser} is not registered` },
      });
      expect(errors).not.toHaveBeenCalled();
    } finally {
      sb.kamailio?.unfreeze();
      errors.mockRestore();
    }
  });
});
