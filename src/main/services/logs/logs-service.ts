import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppResult } from '../../../shared/errors';
import type { LogsFolder, RendererLogEntry } from '../../../shared/logs';
import { ok } from '../../../shared/result';
import type { Logger } from '../logger';

/** Opens a folder in the OS file manager (Electron: shell.openPath); errors as values. */
export type OpenFolder = (path: string) => Promise<AppResult<void>>;

/** Both hosts write their log files here (Electron: main.log; the web host: webhost.log). */
export function logsFolderOf(dataDir: string): string {
  return join(dataDir, 'logs');
}

export interface LogsService {
  readonly folder: string;
  /** Shows the folder where the host can (Electron); otherwise answers its path for the page to show. */
  open(): Promise<AppResult<LogsFolder>>;
  /** An error the page could not handle, into the host's log (the log masks secrets). */
  fromRenderer(entry: RendererLogEntry): void;
}

/** At most this many renderer entries a minute reach the log: a loop of errors must not fill it. */
const RENDERER_ENTRIES_PER_MINUTE = 30;

export function createLogsService(deps: {
  readonly dataDir: string;
  readonly log: Logger;
  readonly openFolder?: OpenFolder;
  readonly now?: () => number;
}): LogsService {
  const folder = logsFolderOf(deps.dataDir);
  const now = deps.now ?? Date.now;
  let windowStart = 0;
  let inWindow = 0;
  let dropped = 0;

  return {
    folder,
    async open() {
      // Before the first line is written the folder may not exist yet: a file manager would refuse it.
      try {
        mkdirSync(folder, { recursive: true });
      } catch {
        // Shown by path anyway: the user sees where the logs would be.
      }
      if (!deps.openFolder) return ok({ path: folder, opened: false });
      const opened = await deps.openFolder(folder);
      if (!opened.ok) deps.log.warn('Could not open the logs folder', { code: opened.error.code });
      return ok({ path: folder, opened: opened.ok });
    },
    fromRenderer(entry) {
      const at = now();
      if (at - windowStart >= 60_000) {
        if (dropped > 0) deps.log.warn('renderer: more entries dropped', { count: dropped });
        windowStart = at;
        inWindow = 0;
        dropped = 0;
      }
      if (inWindow >= RENDERER_ENTRIES_PER_MINUTE) {
        dropped++;
        return;
      }
      inWindow++;
      const text = entry.stack ? `renderer: ${entry.message}\n${entry.stack}` : `renderer: ${entry.message}`;
      if (entry.level === 'error') deps.log.error(text);
      else deps.log.warn(text);
    },
  };
}
