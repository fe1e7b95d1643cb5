import type { RunningSandbox } from '../../../../sandbox';
import type { SandboxAgent } from '../../../../sandbox/state';
import { NodePhone, type IncomingPolicy } from '../../../../sandbox/telephony/node-phone';
import { loadWebRtc } from '../../../../sandbox/telephony/webrtc';

/**
 * A colleague's desk phone for the far-end tests: the sandbox's own Node SIP phone (JsSIP and
 * libwebrtc, the same as the platform's), registered in the sandbox's Kamailio as a seeded
 * agent. It is the third phone of a transfer: it reports its calls' state, audio and origin.
 */
export async function startAgentPhone(
  sandbox: RunningSandbox,
  agent: SandboxAgent,
  options: { readonly incoming?: IncomingPolicy; readonly toneHz?: number } = {},
): Promise<NodePhone> {
  if (sandbox.sipWsUrl === undefined || sandbox.sipDomain === undefined || !sandbox.kamailio)
    throw new Error('the sandbox was started without Kamailio (startSandbox({ kamailio: true }))');
  const loaded = await loadWebRtc();
  if (!loaded.ok) throw new Error(loaded.message);
  const started = await NodePhone.start({
    runtime: loaded.runtime,
    wsUrl: sandbox.sipWsUrl,
    domain: sandbox.sipDomain,
    user: agent.sipUser,
    password: agent.sipPassword,
    displayName: agent.name,
    ...(options.toneHz === undefined ? {} : { toneHz: options.toneHz }),
    incoming: options.incoming ?? { kind: 'answer' },
  });
  if (!started.ok) throw new Error(started.message);
  // JsSIP reports "registered" on Kamailio's 200 OK: the location table has the contact by then.
  if (!(await sandbox.kamailio.isRegistered(agent.sipUser)))
    throw new Error(`${agent.sipUser} registered but Kamailio has no contact`);
  return started.phone;
}
