export {
  createHistoryService,
  type HistoryAccount,
  type HistoryApi,
  type HistoryService,
  type HistoryServiceOptions,
} from './history-service';
export { openHistoryStore, type HistoryStore, type OpenHistoryStoreOptions } from './history-store';
export { accountKey, accountStoreFile, historyFolder } from './account-file';
export { runSyncPass, type SyncPassOptions, type SyncPassOutcome, type SyncProgress } from './sync-pass';
export { syntheticCalls, syntheticAgents, type SyntheticOptions } from './synthetic-calls';
export { defaultWorkerScript, BUILT_WORKER_FILE, type WorkerScript } from './worker/worker-script';
export type * from './store-types';
