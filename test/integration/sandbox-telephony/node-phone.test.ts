import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import type { NodePhone } from '../../../sandbox/telephony/node-phone';
import { agentAt, devicePhone } from './harness';

/** The harness itself: two Node phones call each other through the sandbox's Kamailio, no platform involved. */

let sandbox: RunningSandbox;
let alice: NodePhone;
let bob: NodePhone;

beforeAll(async () => {
  sandbox = await startSandbox({ calls: 0, kamailio: true, platform: false });
  alice = await devicePhone(sandbox, agentAt(sandbox, 0).sipUser, { toneHz: 440 });
  bob = await devicePhone(sandbox, agentAt(sandbox, 1).sipUser, { toneHz: 660 });
}, 60_000);

afterAll(async () => {
  await alice?.stop();
  await bob?.stop();
  await sandbox?.close();
});

describe('two Node phones through Kamailio', () => {
  it('call by extension, answer, audio both ways, INFO DTMF, hold counted, hangup ends both', async () => {
    const callee = agentAt(sandbox, 1);
    const outgoing = alice.call(callee.extensions[0] ?? callee.sipUser);
    const incoming = await bob.waitForIncoming();
    expect(incoming.fromUser).toBe(agentAt(sandbox, 0).sipUser);
    incoming.answer();
    await outgoing.answeredPromise;

    await expect
      .poll(() => Math.min(outgoing.stats().bytesReceived, incoming.stats().bytesReceived), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => incoming.receivedLevel().rms, { timeout: 15_000 }).toBeGreaterThan(0.05);

    outgoing.sendDtmf('12#');
    await expect.poll(() => incoming.dtmfReceived, { timeout: 10_000 }).toBe('12#');

    expect(await outgoing.hold()).toBe(true);
    await expect.poll(() => incoming.holdsReceived, { timeout: 10_000 }).toBe(1);
    expect(await outgoing.unhold()).toBe(true);
    await expect.poll(() => incoming.unholdsReceived, { timeout: 10_000 }).toBe(1);

    // After the re-INVITEs the callee's BYE still reaches the caller (Contact alias on in-dialog requests).
    incoming.hangup();
    expect(await outgoing.ended).toMatchObject({ originator: 'remote', answered: true });
    expect(await incoming.ended).toMatchObject({ originator: 'local', answered: true });
  }, 60_000);
});
