import { join } from 'node:path';
import type { Shell } from 'electron';
import log from 'electron-log/main';
import { appError } from '../../shared/errors';
import { err, ok } from '../../shared/result';
import { logsFolderOf, type OpenFolder } from '../services/logs';
import { redactLogData } from './redact';

export type Logger = Pick<typeof log, 'debug' | 'info' | 'warn' | 'error'>;

/**
 * Main-process logging to `<dataDir>/logs/main.log` (the folder Settings' "Open logs folder"
 * shows; the renderer's errors arrive there through the logFromRenderer request). Every
 * message, on every transport, goes through `redact` first; the known secret values come from
 * `secrets()` (kept current by the caller when settings change).
 */
export function setupLogging(dataDir: string, secrets: () => readonly string[]): Logger {
  log.transports.file.resolvePathFn = () => join(logsFolderOf(dataDir), 'main.log');
  log.transports.file.maxSize = 5 * 1024 * 1024;
  log.hooks.push((message) => ({ ...message, data: redactLogData(message.data, secrets()) }));
  log.errorHandler.startCatching({ showDialog: false });
  return log;
}

/**
 * The services' OpenFolder, by the OS file manager. shell.openPath answers an error message
 * (empty on success) instead of rejecting; it is logged by the caller as a code only, because
 * it may quote the path's user name.
 */
export function openFolderWith(shell: Pick<Shell, 'openPath'>): OpenFolder {
  return async (path) => {
    try {
      const problem = await shell.openPath(path);
      if (problem === '') return ok(undefined);
    } catch {
      // Reported below like a refusal.
    }
    return err(
      appError('internal', 'The logs folder could not be opened here.', 'Không mở được thư mục nhật ký trên máy này.'),
    );
  };
}
