import type { Result } from './result';

/**
 * Every error the app can show has a code (for code to branch on) and a message in both
 * UI languages (for people to read). Messages never contain secrets: build them from
 * field names and public values only.
 */
export type ErrorCode =
  // input and configuration
  | 'invalid_input'
  | 'config_invalid'
  | 'not_configured'
  | 'secret_storage_unavailable'
  /** A save tried to change a value IT set (environment or provisioning file). */
  | 'setting_locked'
  /** A stored secret no longer applies: the address it was entered for changed. */
  | 'secret_dropped'
  /** A link, selection or clipboard text holds no number to call. */
  | 'not_dialable'
  // AntBuddy answers
  | 'rejected'
  | 'not_registered'
  | 'server_error'
  | 'rate_limited'
  | 'network'
  | 'timeout'
  | 'malformed_response'
  // IPC / bridge
  | 'forbidden_sender'
  | 'unknown_channel'
  | 'internal';

export interface AppError {
  readonly code: ErrorCode;
  /** English sentence for people. */
  readonly message: string;
  /** Vietnamese sentence for people. */
  readonly messageVi: string;
  /** The setting, parameter or response field at fault, when there is one. */
  readonly field?: string;
  /** The file at fault (provisioning file, cache), when there is one. */
  readonly file?: string;
  /** HTTP status behind the error, when there is one. */
  readonly status?: number;
  /** How long the server asked callers to wait before trying again (Retry-After), when it said. */
  readonly retryAfterMs?: number;
}

export type AppResult<T> = Result<T, AppError>;

export function appError(
  code: ErrorCode,
  message: string,
  messageVi: string,
  extra: Partial<Pick<AppError, 'field' | 'file' | 'status' | 'retryAfterMs'>> = {},
): AppError {
  return { code, message, messageVi, ...extra };
}

export function messageFor(error: AppError, language: 'vi' | 'en'): string {
  return language === 'vi' ? error.messageVi : error.message;
}

export function isAppError(value: unknown): value is AppError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AppError).code === 'string' &&
    typeof (value as AppError).message === 'string' &&
    typeof (value as AppError).messageVi === 'string'
  );
}
