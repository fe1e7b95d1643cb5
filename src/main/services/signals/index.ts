export {
  createSignalService,
  DEFAULT_SERVICE_TIMING,
  type SignalService,
  type SignalServiceDeps,
  type SignalServiceTiming,
  type Unsubscribe,
} from './signal-service';
export type { SignalProtocolAdapter, PlatformCallEvent, ClassifiedFrame, EventMapping } from './adapter';
export { createBlackholeAdapter, CALL_BINDINGS } from './blackhole-adapter';
export { CallFolder } from './call-folder';
export { isForAgent } from './agent-filter';
export { findMissedCalls } from './missed-calls';
export { reconnectDelayMs, DEFAULT_RECONNECT, DEFAULT_REQUEST_RETRY, type ReconnectPolicy } from './backoff';
export { finishedCalls } from './finished-calls';
export type { FinishedCall } from './call-folder';
export { gregorianToIso, platformTimeToMs, GREGORIAN_OFFSET_S } from './time';
export type {
  AgentIdentity,
  Clock,
  HistoryRecord,
  HistorySource,
  MissedCall,
  SignalConfig,
  SignalLogger,
  SignalSocket,
  SignalToken,
  TokenSource,
  WebSocketConstructor,
} from './types';
