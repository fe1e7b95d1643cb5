import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { appError, type AppError } from '../../shared/errors';
import { err, ok, type Result } from '../../shared/result';

/**
 * Small state files in the data folder (missed calls, when signals were last heard). Reads are
 * validated; a file that fails validation is copied aside (`<file>.corrupt-<time>`) so nothing
 * stored is lost, and the caller starts afresh. Writes go to a temporary file renamed into
 * place, so a crash mid-write never leaves half a file.
 */
export function readJsonFile<S extends z.ZodTypeAny>(
  path: string,
  schema: S,
): Result<z.output<S> | undefined, AppError> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return ok(undefined);
    return err(appError('internal', `${path} cannot be read.`, `Không đọc được ${path}.`, { file: path }));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = json === undefined ? undefined : schema.safeParse(json);
  if (parsed?.success) return ok(parsed.data as z.output<S>);
  const aside = `${path}.corrupt-${Date.now()}`;
  copyFileSync(path, aside);
  return err(
    appError(
      'config_invalid',
      `${path} was unreadable and was kept as ${aside}.`,
      `${path} không đọc được, đã giữ lại thành ${aside}.`,
      {
        file: path,
      },
    ),
  );
}

export function writeJsonFile(path: string, data: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(data)}\n`, { mode: 0o600 });
  renameSync(temp, path);
}
