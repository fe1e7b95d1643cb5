import { appError, type AppError } from '../shared/errors';
import { err, ok, type Result } from '../shared/result';
import { ENV_VARIABLES, SECRET_KEYS, type SettingKey, type SettingSource, type Settings } from '../shared/settings';

const ENV_FOR = Object.fromEntries(Object.entries(ENV_VARIABLES).map(([variable, key]) => [key, variable])) as Partial<
  Record<SettingKey, string>
>;

export function envVariableFor(key: SettingKey): string | undefined {
  return ENV_FOR[key];
}

const isSecret = (key: SettingKey): boolean => (SECRET_KEYS as readonly string[]).includes(key);

/**
 * Checks the settings a command needs before anything is sent, naming the variable that
 * would supply each one. Secrets saved by the app are OS-encrypted and out of this command's
 * reach, hence the different advice for them.
 */
export function requireSettings(settings: Settings, keys: readonly SettingKey[]): Result<Settings, AppError> {
  for (const key of keys) {
    const value = settings[key];
    if (typeof value === 'string' && value.trim() !== '') continue;
    const variable = envVariableFor(key) ?? key;
    return err(
      isSecret(key)
        ? appError(
            'not_configured',
            `${key} is not set: set ${variable} or put ${key} in the ANTRING_CONFIG file (the antring command cannot read secrets the app saved encrypted).`,
            `Chưa có ${key}: hãy đặt ${variable} hoặc ghi ${key} trong tệp ANTRING_CONFIG (lệnh antring không đọc được bí mật mà ứng dụng đã lưu mã hoá).`,
            { field: key },
          )
        : appError(
            'not_configured',
            `${key} is not set: set ${variable}, put ${key} in the ANTRING_CONFIG file, or save it in the app.`,
            `Chưa có ${key}: hãy đặt ${variable}, ghi ${key} trong tệp ANTRING_CONFIG, hoặc lưu trong ứng dụng.`,
            { field: key },
          ),
    );
  }
  return ok(settings);
}

/**
 * Settings problems as this command should word them. A saved secret the CLI cannot decrypt
 * is no problem at all when the environment or provisioning file supplies it.
 */
export function cliProblems(
  problems: readonly AppError[],
  sources: Readonly<Record<SettingKey, SettingSource>>,
): AppError[] {
  const out: AppError[] = [];
  for (const problem of problems) {
    if (problem.code !== 'secret_storage_unavailable') {
      out.push(problem);
      continue;
    }
    const field = problem.field as SettingKey | undefined;
    if (field && (sources[field] === 'env' || sources[field] === 'file')) continue;
    const variable = (field && envVariableFor(field)) ?? 'the matching ANTRING_ variable';
    const name = field ?? 'A secret';
    out.push(
      appError(
        'secret_storage_unavailable',
        `${name} saved by the app is OS-encrypted and the antring command cannot read it; set ${variable} or use an ANTRING_CONFIG file.`,
        `${name} do ứng dụng lưu đã được mã hoá bởi hệ điều hành nên lệnh antring không đọc được; hãy đặt ${variable} hoặc dùng tệp ANTRING_CONFIG.`,
        field ? { field } : {},
      ),
    );
  }
  return out;
}
