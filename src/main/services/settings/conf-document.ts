import { copyFileSync, existsSync } from 'node:fs';
import Conf from 'conf';
import type { AppError, AppResult } from '../../../shared/errors';
import { ok } from '../../../shared/result';
import { prepareSettingsFile, SETTINGS_FILE_MODE, SETTINGS_FILE_NAME } from './settings-file';
import type { SettingsDocument, StoredSettings } from './stored-settings';

/**
 * Minimal surface shared by `conf` and `electron-store` (which extends it), so the Electron
 * shell can hand in an electron-store instance and headless hosts a plain Conf, writing the
 * same file in the same format.
 */
export interface ConfLike {
  readonly path: string;
  store: Record<string, unknown>;
}

export function confDocument(conf: ConfLike): SettingsDocument {
  return {
    path: conf.path,
    read: () => conf.store,
    write: (document: StoredSettings) => {
      conf.store = document as unknown as Record<string, unknown>;
    },
    preserve: () => {
      if (!existsSync(conf.path)) return undefined;
      const copy = `${conf.path}.unreadable-${Date.now()}`;
      copyFileSync(conf.path, copy);
      return copy;
    },
  };
}

/**
 * Opens settings.json in `dataDir` with conf (the headless hosts), after the same checks the
 * Electron shell makes (prepareSettingsFile): problems to show, or an error when the file
 * cannot be read at all.
 */
export function openConfDocument(dataDir: string): AppResult<{ document: SettingsDocument; problems: AppError[] }> {
  const prepared = prepareSettingsFile(dataDir);
  if (!prepared.ok) return prepared;
  const conf = new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: SETTINGS_FILE_NAME,
    projectName: 'antring-companion',
    clearInvalidConfig: true,
    configFileMode: SETTINGS_FILE_MODE,
  });
  return ok({ document: confDocument(conf), problems: prepared.value });
}
