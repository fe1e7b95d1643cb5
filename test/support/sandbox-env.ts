import type { RunningSandbox } from '../../sandbox';

/** The ANTRING_* variables IT would set to point the app at this sandbox, as this agent. */
export function appEnvFor(sandbox: RunningSandbox, sipUser: string): Record<string, string> {
  return {
    ANTRING_API_URL: sandbox.apiUrl,
    ANTRING_APP_ID: sandbox.appId,
    ANTRING_APP_SECRET: sandbox.appSecret,
    ANTRING_DOMAIN: sandbox.domain,
    ANTRING_EMAIL: sandbox.email,
    ANTRING_SIGNALS_URL: sandbox.signalsUrl,
    ANTRING_ACCOUNT_ID: sandbox.accountId,
    ANTRING_SIP_USER: sipUser,
  };
}
