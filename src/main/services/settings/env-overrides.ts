import { appError, type AppError } from '../../../shared/errors';
import { ENV_VARIABLES, type Settings } from '../../../shared/settings';
import { validateSetting } from './field-validation';

export interface EnvOverrides {
  readonly values: Partial<Settings>;
  readonly problems: readonly AppError[];
}

/** Reads the ANTRING_* variables IT may set; an invalid one is reported by name and ignored. */
export function readEnvOverrides(env: NodeJS.ProcessEnv): EnvOverrides {
  const values: Partial<Record<keyof Settings, unknown>> = {};
  const problems: AppError[] = [];
  for (const [variable, key] of Object.entries(ENV_VARIABLES)) {
    const raw = env[variable];
    if (raw === undefined || raw === '') continue;
    const checked = validateSetting(key, raw);
    if (checked.ok) {
      values[key] = checked.value;
    } else {
      problems.push(
        appError(
          'config_invalid',
          `Environment variable ${variable} (${key}) ${checked.reason}.`,
          `Biến môi trường ${variable} (${key}) không hợp lệ (${checked.reason}).`,
          { field: variable },
        ),
      );
    }
  }
  return { values: values as Partial<Settings>, problems };
}
