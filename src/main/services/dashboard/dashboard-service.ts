import type { DashboardSnapshot } from '../../../shared/dashboard';
import type { AppResult } from '../../../shared/errors';
import { ok } from '../../../shared/result';
import type { AntBuddyClient } from '../api';
import { buildDashboardSnapshot } from './snapshot-adapter';

export interface DashboardService {
  /**
   * The dashboard, queues and agents, fetched together and joined into one snapshot. Callers
   * that ask while a fetch is under way share it, so a second window or an impatient Retry
   * never doubles the load on the API.
   */
  snapshot(): Promise<AppResult<DashboardSnapshot>>;
}

export interface DashboardServiceDeps {
  readonly api: Pick<AntBuddyClient, 'getDashboard' | 'getQueues' | 'getAgents'>;
  /** Epoch milliseconds: stamps the snapshot. */
  readonly now?: () => number;
}

export function createDashboardService(deps: DashboardServiceDeps): DashboardService {
  const now = deps.now ?? Date.now;
  let inFlight: Promise<AppResult<DashboardSnapshot>> | undefined;

  async function load(): Promise<AppResult<DashboardSnapshot>> {
    // Queues and agents change rarely, but they are small, and fetching them with the
    // dashboard keeps names and memberships right without a cache to invalidate.
    const [dashboard, queues, agents] = await Promise.all([
      deps.api.getDashboard(),
      deps.api.getQueues(),
      deps.api.getAgents(),
    ]);
    // The dashboard's own error first: it is the answer the screen is about.
    if (!dashboard.ok) return dashboard;
    if (!agents.ok) return agents;
    if (!queues.ok) return queues;
    return ok(
      buildDashboardSnapshot(
        { dashboard: dashboard.value, queues: queues.value, agents: agents.value },
        { generatedAt: new Date(now()) },
      ),
    );
  }

  return {
    snapshot() {
      inFlight ??= load().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
}
