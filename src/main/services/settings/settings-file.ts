import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appError, type AppError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';

export const SETTINGS_FILE_NAME = 'settings';

/** settings.json may hold consented plaintext secrets and TURN credentials: owner-only. */
export const SETTINGS_FILE_MODE = 0o600;

export function settingsFilePath(dataDir: string): string {
  return join(dataDir, `${SETTINGS_FILE_NAME}.json`);
}

/**
 * Checks settings.json before a store (conf or electron-store) opens it. A file that is not
 * JSON is copied aside (settings.json.corrupt-<time>) and reported, so the store may start
 * afresh without losing anything; a file that cannot be read at all (permissions, a folder in
 * its place) is an error the host must show, since starting afresh would overwrite it.
 */
export function prepareSettingsFile(dataDir: string, now: () => number = Date.now): Result<AppError[], AppError> {
  const path = settingsFilePath(dataDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'unknown error';
    if (code === 'ENOENT') return ok([]);
    return err(
      appError(
        'config_invalid',
        `The settings file ${path} cannot be read (${code}); check its permissions.`,
        `Không đọc được tệp thiết lập ${path} (${code}); hãy kiểm tra quyền truy cập.`,
        { file: path },
      ),
    );
  }
  try {
    JSON.parse(text);
    return ok([]);
  } catch {
    const copy = `${path}.corrupt-${now()}`;
    copyFileSync(path, copy);
    return ok([
      appError(
        'config_invalid',
        `Saved settings in ${path} were not valid JSON; a copy was kept in ${copy} and defaults are used.`,
        `Thiết lập đã lưu trong ${path} không phải JSON hợp lệ; bản sao được giữ tại ${copy} và ứng dụng dùng giá trị mặc định.`,
        { file: path },
      ),
    ]);
  }
}
