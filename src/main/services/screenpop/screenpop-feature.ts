import type { AppError } from '../../../shared/errors';
import { createAgentDirectory, type AgentDirectory, type DirectorySource } from './agent-directory';
import { createScreenPopService, type ScreenPopDeps, type ScreenPopService } from './screenpop-service';
import { systemTimers, type ScreenPopTimers } from './timers';

export interface ScreenPopFeatureOptions extends Pick<
  ScreenPopDeps,
  'settings' | 'openExternal' | 'isForAgent' | 'lingerMs' | 'recentCalls'
> {
  /** The API client: agents and queues for names. */
  readonly api: DirectorySource;
  readonly timers?: ScreenPopTimers;
  readonly onError?: (error: AppError) => void;
}

/** The screen-pop with its agents directory, wired; `start()` begins loading the directory. */
export interface ScreenPopFeature {
  readonly service: ScreenPopService;
  readonly directory: AgentDirectory;
  start(): void;
  dispose(): void;
}

export function createScreenPopFeature(options: ScreenPopFeatureOptions): ScreenPopFeature {
  const timers = options.timers ?? systemTimers;
  const onError = options.onError;
  const directory = createAgentDirectory({ source: options.api, timers, ...(onError ? { onError } : {}) });
  const service = createScreenPopService({
    settings: options.settings,
    directory,
    timers,
    ...(options.recentCalls ? { recentCalls: options.recentCalls } : {}),
    ...(options.openExternal ? { openExternal: options.openExternal } : {}),
    ...(options.isForAgent ? { isForAgent: options.isForAgent } : {}),
    ...(options.lingerMs !== undefined ? { lingerMs: options.lingerMs } : {}),
    ...(onError ? { onError } : {}),
  });
  return {
    service,
    directory,
    start() {
      directory.start();
    },
    dispose() {
      service.dispose();
      directory.dispose();
    },
  };
}
