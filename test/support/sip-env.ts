import type { RunningSandbox } from '../../sandbox';
import type { SandboxAgent } from '../../sandbox/state';
import { appEnvFor } from './sandbox-env';

/** The sandbox's Kamailio address and domain; throws when the sandbox was started without it. */
export function sipServerOf(sandbox: RunningSandbox): { wsUrl: string; domain: string } {
  if (sandbox.sipWsUrl === undefined || sandbox.sipDomain === undefined)
    throw new Error('the sandbox was started without Kamailio (startSandbox({ kamailio: true }))');
  return { wsUrl: sandbox.sipWsUrl, domain: sandbox.sipDomain };
}

/** The ANTRING_* variables for an app whose in-app phone registers in the sandbox's Kamailio as `agent`. */
export function sipAppEnvFor(sandbox: RunningSandbox, agent: SandboxAgent): Record<string, string> {
  const { wsUrl, domain } = sipServerOf(sandbox);
  return {
    ...appEnvFor(sandbox, agent.sipUser),
    ANTRING_SIP_WS_URL: wsUrl,
    ANTRING_SIP_DOMAIN: domain,
    ANTRING_SIP_PASSWORD: agent.sipPassword,
  };
}
