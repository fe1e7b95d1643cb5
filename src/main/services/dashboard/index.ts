export { createDashboardService, type DashboardService, type DashboardServiceDeps } from './dashboard-service';
export { buildDashboardSnapshot, type DashboardSources, type AdapterOptions } from './snapshot-adapter';
export { mapAgentStatus } from './agent-status';
export {
  GREGORIAN_OFFSET_SECONDS,
  IDLE_TIME_UNIT,
  QUEUE_DURATION_UNIT,
  gregorianToIso,
  unixSecondsToIso,
  toSeconds,
} from './wire-units';
