import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import Conf from 'conf';
import type { SettingsDocument, StoredSettings } from './stored-settings';

export const SETTINGS_FILE_NAME = 'settings';

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
  };
}

/**
 * Opens settings.json in `dataDir` with conf. A file that is not valid JSON is copied aside
 * (settings.json.corrupt-<time>) before conf is allowed to start afresh, so nothing the user
 * stored is ever silently lost.
 */
export function openConfDocument(dataDir: string): { document: SettingsDocument; recoveredFrom?: string } {
  const path = `${dataDir}/${SETTINGS_FILE_NAME}.json`;
  let recoveredFrom: string | undefined;
  if (existsSync(path)) {
    try {
      JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      recoveredFrom = `${path}.corrupt-${Date.now()}`;
      copyFileSync(path, recoveredFrom);
    }
  }
  const conf = new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: SETTINGS_FILE_NAME,
    projectName: 'antring-companion',
    clearInvalidConfig: true,
  });
  return { document: confDocument(conf), ...(recoveredFrom ? { recoveredFrom } : {}) };
}
