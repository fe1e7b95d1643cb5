export { createAntBuddyClient, type AntBuddyClient, type AntBuddyClientDeps } from './client';
export { noopLogger, type Logger, type LogFields } from './logger';
export { parseExpire, type ParsedExpire, type ExpireUnit } from './expire';
export { recordingExpiresAt } from './recording-expiry';
export { MAX_HISTORY_LIMIT, MAX_HISTORY_SPAN_MS } from './validate';
export type * from './types';
