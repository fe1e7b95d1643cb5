import type { AppError } from '../../../shared/errors';
import { createCallHistoryCache, type CallHistoryCache } from '../call-history-cache';
import type { HistorySource } from '../history';
import { createAgentDirectory, type AgentDirectory, type DirectorySource } from './agent-directory';
import { createScreenPopService, type ScreenPopDeps, type ScreenPopService } from './screenpop-service';
import { systemTimers, type ScreenPopTimers } from './timers';

export interface ScreenPopFeatureOptions extends Pick<
  ScreenPopDeps,
  'settings' | 'openExternal' | 'isForAgent' | 'lingerMs'
> {
  /** The API client: agents and queues for names, history pages for recent calls. */
  readonly api: DirectorySource & HistorySource;
  readonly timers?: ScreenPopTimers;
  readonly onError?: (error: AppError) => void;
}

/** The screen-pop with its two background caches, wired; `start()` begins loading them. */
export interface ScreenPopFeature {
  readonly service: ScreenPopService;
  readonly directory: AgentDirectory;
  readonly history: CallHistoryCache;
  start(): void;
  dispose(): void;
}

export function createScreenPopFeature(options: ScreenPopFeatureOptions): ScreenPopFeature {
  const timers = options.timers ?? systemTimers;
  const onError = options.onError;
  const directory = createAgentDirectory({ source: options.api, timers, ...(onError ? { onError } : {}) });
  const history = createCallHistoryCache({ source: options.api, timers, ...(onError ? { onError } : {}) });
  const service = createScreenPopService({
    settings: options.settings,
    directory,
    history: history.index,
    timers,
    onCallEnded: () => history.refreshSoon(),
    ...(options.openExternal ? { openExternal: options.openExternal } : {}),
    ...(options.isForAgent ? { isForAgent: options.isForAgent } : {}),
    ...(options.lingerMs !== undefined ? { lingerMs: options.lingerMs } : {}),
    ...(onError ? { onError } : {}),
  });
  return {
    service,
    directory,
    history,
    start() {
      directory.start();
      history.start();
    },
    dispose() {
      service.dispose();
      directory.dispose();
      history.dispose();
    },
  };
}
