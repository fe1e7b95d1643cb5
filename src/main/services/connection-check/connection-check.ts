import type { ConnectionReport } from '../../../shared/connection-check';
import type { Settings } from '../../../shared/settings';
import type { AuthToken } from '../api';
import { systemClock, type Clock } from '../clock';
import { noopLogger, type Logger } from '../logger';
import type { WebSocketConstructor } from '../signals/types';
import { checkApi, createCheckApi } from './api-step';
import { checkClickToCall } from './click-to-call-step';
import { runSteps } from './run-steps';
import { checkSignals } from './signals-step';
import { checkSip, type RegistrationSource } from './sip-step';

export interface ConnectionCheckTiming {
  /** One attempt at each API request; the app's own client waits 15 s and retries. */
  readonly apiTimeoutMs: number;
  /** From the socket opening to every subscription confirmed. */
  readonly subscribeTimeoutMs: number;
  /** How long a registration in progress may take to settle (just after a save, it re-registers). */
  readonly sipSettleMs: number;
}

export const DEFAULT_CHECK_TIMING: ConnectionCheckTiming = {
  apiTimeoutMs: 10_000,
  subscribeTimeoutMs: 10_000,
  sipSettleMs: 15_000,
};

export interface ConnectionCheckDeps {
  /** The settings as saved (effective: env and provisioning file included), read once per run. */
  readonly settings: () => Settings;
  /** What the in-app phone last reported about its registration. */
  readonly phone: RegistrationSource;
  readonly fetch?: typeof fetch;
  readonly WebSocketImpl?: WebSocketConstructor;
  readonly clock?: Clock;
  readonly timing?: Partial<ConnectionCheckTiming>;
  readonly log?: Logger;
}

export interface ConnectionCheck {
  /** Runs every step once; a second call while one runs shares its report. */
  run(): Promise<ConnectionReport>;
}

/**
 * Test connection: API (voice token), call signals (subscribed), SIP (registered) and
 * click-to-call (what can be known without placing a call), in order, on the saved settings.
 */
export function createConnectionCheck(deps: ConnectionCheckDeps): ConnectionCheck {
  const clock = deps.clock ?? systemClock;
  const timing: ConnectionCheckTiming = { ...DEFAULT_CHECK_TIMING, ...deps.timing };
  const log = deps.log ?? noopLogger;
  let running: Promise<ConnectionReport> | undefined;

  async function runOnce(): Promise<ConnectionReport> {
    const settings = deps.settings();
    const startedAt = clock.now();
    const api = createCheckApi(settings, {
      fetch: deps.fetch ?? globalThis.fetch,
      timeoutMs: timing.apiTimeoutMs,
      log,
    });
    const tokens: string[] = [];
    let token: AuthToken | undefined;
    const tokenSource = {
      getToken: async () => {
        const fresh = await api.client.getAuthToken();
        if (fresh.ok) tokens.push(fresh.value.token);
        return fresh;
      },
    };
    const report = await runSteps(
      [
        {
          step: 'api',
          run: async () => {
            const result = await checkApi(api, settings, clock.now());
            if (!result.ok) return result;
            token = result.value.token;
            tokens.push(token.token);
            return { ok: true, value: result.value.detail };
          },
        },
        {
          step: 'signals',
          run: () =>
            checkSignals({
              settings,
              // Step 1 passed, so the token is there (runSteps stops at a failure).
              token: token as AuthToken,
              tokens: tokenSource,
              clock,
              subscribeTimeoutMs: timing.subscribeTimeoutMs,
              ...(deps.WebSocketImpl ? { WebSocketImpl: deps.WebSocketImpl } : {}),
              log,
            }),
        },
        { step: 'sip', run: () => checkSip(settings, deps.phone, clock, timing.sipSettleMs) },
        { step: 'clickToCall', run: () => checkClickToCall(settings, api) },
      ],
      new Date(startedAt),
      () => [settings.appSecret, settings.sipPassword, ...tokens],
    );
    // Codes only: the messages name hosts and accounts, which a shared log need not repeat.
    log.info('Test connection', {
      result: report.failedStep ? `failed at ${report.failedStep}` : 'all steps passed',
      ...Object.fromEntries(
        report.steps.map(({ step, outcome }) => [
          step,
          outcome.kind === 'failed' ? `failed (${outcome.error.code})` : outcome.kind,
        ]),
      ),
    });
    return report;
  }

  return {
    run() {
      running ??= runOnce().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
