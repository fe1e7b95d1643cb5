export {
  createScreenPopService,
  type ScreenPopService,
  type ScreenPopDeps,
  type ScreenPopSettings,
  type OpenExternal,
  type RecentCallsLookup,
} from './screenpop-service';
export { createScreenPopFeature, type ScreenPopFeature, type ScreenPopFeatureOptions } from './screenpop-feature';
export {
  createAgentDirectory,
  type AgentDirectory,
  type DirectoryAgent,
  type DirectorySource,
} from './agent-directory';
export { resolveAgentIdentity, isAgentParty, type ScreenPopAgent } from './agent-identity';
export { buildCrmUrl, type CrmValues } from './crm-url';
export { systemTimers, type ScreenPopTimers } from './timers';
export { tapAgentLegs, isLegToAgent, type AgentLegRinging, type AgentLegAnswered } from './agent-leg-tap';
