import { appError, type AppError } from '../../../shared/errors';

/**
 * Errors of the local history store. SQLite's own code (SQLITE_FULL, SQLITE_CORRUPT...) is
 * the only detail passed on: it says what went wrong without any data from the store.
 */

function sqliteCode(cause: unknown): string | undefined {
  if (typeof cause !== 'object' || cause === null) return undefined;
  const code = (cause as { code?: unknown }).code;
  return typeof code === 'string' && /^SQLITE_[A-Z_]+$/.test(code) ? code : undefined;
}

export function storeFailed(action: 'open' | 'read' | 'write' | 'export', cause: unknown, file?: string): AppError {
  const code = sqliteCode(cause);
  const suffix = code ? ` (${code})` : '';
  const en = {
    open: 'Could not open the call history stored on this computer',
    read: 'Could not read the call history stored on this computer',
    write: 'Could not save call history on this computer',
    export: 'Could not write the call history export',
  }[action];
  const vi = {
    open: 'Không mở được lịch sử cuộc gọi lưu trên máy này',
    read: 'Không đọc được lịch sử cuộc gọi lưu trên máy này',
    write: 'Không lưu được lịch sử cuộc gọi trên máy này',
    export: 'Không ghi được tệp xuất lịch sử cuộc gọi',
  }[action];
  return appError('internal', `${en}${suffix}`, `${vi}${suffix}`, file ? { file } : {});
}

export function storeNewerThanApp(file: string, version: number): AppError {
  return appError(
    'internal',
    `The call history on this computer was written by a newer version of the app (schema ${version}); update the app to read it`,
    `Lịch sử cuộc gọi trên máy này do phiên bản ứng dụng mới hơn ghi (lược đồ ${version}); hãy cập nhật ứng dụng để đọc`,
    { file },
  );
}

export function storeClosed(): AppError {
  return appError(
    'internal',
    'The call history store is closed (the account changed or the app is quitting)',
    'Kho lịch sử cuộc gọi đã đóng (đã đổi tài khoản hoặc ứng dụng đang thoát)',
  );
}

export function noAccount(): AppError {
  return appError(
    'not_configured',
    'Call history needs an AntBuddy account: set the app id in Settings',
    'Lịch sử cuộc gọi cần tài khoản AntBuddy: hãy nhập app id trong Cài đặt',
    { field: 'appId' },
  );
}
