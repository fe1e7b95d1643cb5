import ElectronStore from 'electron-store';
import type { AppError, AppResult } from '../../shared/errors';
import { ok } from '../../shared/result';
import {
  confDocument,
  prepareSettingsFile,
  SETTINGS_FILE_MODE,
  SETTINGS_FILE_NAME,
  type SettingsDocument,
} from '../services/settings';

/**
 * Opens settings.json in the data folder with electron-store (same file and format the
 * headless hosts write with conf), after the same checks: a file that is not JSON is copied
 * aside and reported; one that cannot be read is an error the app shows before quitting.
 */
export function openSettingsStore(
  dataDir: string,
  now: () => number = Date.now,
): AppResult<{ document: SettingsDocument; problems: AppError[] }> {
  const prepared = prepareSettingsFile(dataDir, now);
  if (!prepared.ok) return prepared;
  const store = new ElectronStore<Record<string, unknown>>({
    cwd: dataDir,
    name: SETTINGS_FILE_NAME,
    clearInvalidConfig: true,
    configFileMode: SETTINGS_FILE_MODE,
  });
  return ok({ document: confDocument(store), problems: prepared.value });
}
