import { join } from 'node:path';
import log from 'electron-log/main';
import { redactLogData } from './redact';

export type Logger = Pick<typeof log, 'debug' | 'info' | 'warn' | 'error'>;

/**
 * Main-process logging to `<dataDir>/logs/main.log`. Every message, on every transport, goes
 * through `redact` first; the known secret values come from `secrets()` (kept current by the
 * caller when settings change).
 */
export function setupLogging(dataDir: string, secrets: () => readonly string[]): Logger {
  log.transports.file.resolvePathFn = () => join(dataDir, 'logs', 'main.log');
  log.transports.file.maxSize = 5 * 1024 * 1024;
  log.hooks.push((message) => ({ ...message, data: redactLogData(message.data, secrets()) }));
  log.errorHandler.startCatching({ showDialog: false });
  return log;
}
