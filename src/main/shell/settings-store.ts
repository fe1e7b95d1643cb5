import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ElectronStore from 'electron-store';
import { appError, type AppError } from '../../shared/errors';
import { confDocument, SETTINGS_FILE_NAME, type SettingsDocument } from '../services/settings';

/**
 * Opens settings.json in the data folder with electron-store (same file and format the
 * headless hosts write with conf). A file that is not JSON is copied aside first and reported,
 * so starting afresh never silently loses what the user stored.
 */
export function openSettingsStore(
  dataDir: string,
  now: () => number = Date.now,
): { document: SettingsDocument; problems: AppError[] } {
  const path = join(dataDir, `${SETTINGS_FILE_NAME}.json`);
  const problems: AppError[] = [];
  if (existsSync(path)) {
    try {
      JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      const copy = `${path}.corrupt-${now()}`;
      copyFileSync(path, copy);
      problems.push(
        appError(
          'config_invalid',
          `Saved settings in ${path} were not valid JSON; a copy was kept in ${copy}.`,
          `Thiết lập đã lưu trong ${path} không phải JSON hợp lệ; bản sao được giữ tại ${copy}.`,
          {
            file: path,
          },
        ),
      );
    }
  }
  const store = new ElectronStore<Record<string, unknown>>({
    cwd: dataDir,
    name: SETTINGS_FILE_NAME,
    clearInvalidConfig: true,
  });
  return { document: confDocument(store), problems };
}
