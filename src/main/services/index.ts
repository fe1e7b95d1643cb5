import type { AppError } from '../../shared/errors';
import { createSettingsService, type SecretBox, type SettingsDocument, type SettingsService } from './settings';

/**
 * What a host (Electron main, the web host, the CLI) hands the services. Everything
 * environment-specific arrives here as a small interface, so services stay plain Node.
 */
export interface HostDeps {
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly osLocale: string;
  readonly secretBox: SecretBox;
  readonly settingsDocument: SettingsDocument;
  readonly startupProblems?: readonly AppError[];
}

export interface Services {
  readonly dataDir: string;
  readonly settings: SettingsService;
  /** Stops timers and sockets; idempotent. */
  dispose(): Promise<void>;
}

export function createServices(deps: HostDeps): Services {
  const settings = createSettingsService({
    document: deps.settingsDocument,
    secretBox: deps.secretBox,
    env: deps.env,
    osLocale: deps.osLocale,
    ...(deps.startupProblems ? { startupProblems: deps.startupProblems } : {}),
  });
  return {
    dataDir: deps.dataDir,
    settings,
    async dispose() {},
  };
}
