import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { appError, type AppError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import { ProvisioningSchema, type Provisioning } from '../../../shared/settings';

/**
 * Reads the provisioning JSON that IT names with ANTRING_CONFIG. It is read-only input:
 * a bad file is reported (naming the file and the field) and ignored as a whole, and nothing
 * the user saved is touched.
 */
export function readProvisioningFile(path: string): Result<Provisioning, AppError> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    return err(
      appError(
        'config_invalid',
        `Provisioning file ${path} ${reason}.`,
        `Tệp cấu hình ${path} ${reason === 'does not exist' ? 'không tồn tại' : 'không đọc được'}.`,
        { file: path },
      ),
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err(
      appError(
        'config_invalid',
        `Provisioning file ${path} is not valid JSON.`,
        `Tệp cấu hình ${path} không phải JSON hợp lệ.`,
        {
          file: path,
        },
      ),
    );
  }
  const parsed = ProvisioningSchema.safeParse(json);
  if (!parsed.success) return err(describeProvisioningError(parsed.error, path));
  return ok(parsed.data);
}

function describeProvisioningError(error: z.ZodError, path: string): AppError {
  const issue = error.issues[0];
  if (!issue)
    return appError('config_invalid', `Provisioning file ${path} is invalid.`, `Tệp cấu hình ${path} không hợp lệ.`, {
      file: path,
    });
  if (issue.code === 'unrecognized_keys') {
    const field = issue.keys.join(', ');
    return appError(
      'config_invalid',
      `Provisioning file ${path}: unknown setting "${field}".`,
      `Tệp cấu hình ${path}: thiết lập không xác định "${field}".`,
      { file: path, field },
    );
  }
  const field = issue.path.join('.') || '(root)';
  // Never echo the value: it may be a secret.
  return appError(
    'config_invalid',
    `Provisioning file ${path}: "${field}" ${issue.message}.`,
    `Tệp cấu hình ${path}: "${field}" không hợp lệ (${issue.message}).`,
    { file: path, field },
  );
}
