import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LogFields, Logger } from '../main/services/logger';
import { logsFolderOf } from '../main/services/logs';
import type { SettingsService } from '../main/services/settings';
import { redact } from '../main/shell/redact';

export const WEB_HOST_LOG_FILE = 'webhost.log';
/** The same limit as the Electron app's main.log: past it, the file becomes `.old.log` and a new one starts. */
const MAX_BYTES = 5 * 1024 * 1024;

type Level = keyof Logger;

export interface FileLogger extends Logger {
  readonly file: string;
}

/**
 * The web host's log file, `<logs folder>/webhost.log`: what electron-log is to the app (which
 * the web host cannot load), with the same redaction: the known secret values from `secrets()`
 * and anything shaped like a hash or token are masked before a line is written. Writes are
 * synchronous (a few lines a minute) so the file is current when someone opens it; a logger
 * never throws, whatever the disk does.
 */
export function createFileLogger(
  folder: string,
  secrets: () => readonly string[],
  maxBytes: number = MAX_BYTES,
): FileLogger {
  const file = join(folder, WEB_HOST_LOG_FILE);
  let size: number | undefined;

  function write(level: Level, message: string, fields?: LogFields): void {
    try {
      const extra = fields ? ` ${JSON.stringify(fields)}` : '';
      const line = `[${new Date().toISOString()}] [${level}] ${redact(message + extra, secrets())}\n`;
      if (size === undefined) {
        mkdirSync(folder, { recursive: true });
        size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
      }
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) {
        renameSync(file, join(folder, WEB_HOST_LOG_FILE.replace(/\.log$/, '.old.log')));
        size = 0;
      }
      appendFileSync(file, line, { mode: 0o600 });
      size += Buffer.byteLength(line);
    } catch {
      // A full or read-only disk must not take the host down; the next line tries again.
      size = undefined;
    }
  }

  return {
    file,
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

export interface WebHostLog extends FileLogger {
  /** Masks the secrets of these settings from now on, and again after every change. */
  followSecrets(settings: Pick<SettingsService, 'effective' | 'onChange'>): void;
}

/**
 * A web host profile's log, `<data folder>/logs/webhost.log`. It is created before the services
 * (they log from their first moment), so it learns the secret values once their settings exist.
 */
export function createWebHostLog(dataDir: string): WebHostLog {
  let secrets: readonly string[] = [];
  const logger = createFileLogger(logsFolderOf(dataDir), () => secrets);
  return {
    ...logger,
    followSecrets(settings) {
      const remember = (): void => {
        const s = settings.effective();
        secrets = [s.appSecret, s.sipPassword];
      };
      remember();
      settings.onChange(remember);
    },
  };
}
