import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appError, type AppError, type AppResult } from '../../../shared/errors';
import type { DemoState, ProvisioningImportOutcome } from '../../../shared/first-run';
import { err, ok, type Result } from '../../../shared/result';
import { ProvisioningSchema, type Provisioning } from '../../../shared/settings';
import { writeJsonFile } from '../json-file';

/**
 * A provisioning file the agent picks on the first-run screen (IT mailed it, or left it on a
 * share) instead of setting ANTRING_CONFIG. It is checked completely first, every bad field
 * named, and stored only when all of it is good: as `imported-provisioning.json` in the data
 * folder, which the settings then read exactly as an ANTRING_CONFIG file (read-only values,
 * "set by IT"), so an imported file and a configured one behave the same. A file IT configured
 * with ANTRING_CONFIG wins: importing another one is refused rather than silently ignored.
 */

export const IMPORTED_PROVISIONING_FILE = 'imported-provisioning.json';

export function importedProvisioningPath(dataDir: string): string {
  return join(dataDir, IMPORTED_PROVISIONING_FILE);
}

function itConfigured(env: NodeJS.ProcessEnv): string | undefined {
  const configured = env['ANTRING_CONFIG']?.trim();
  return configured ? configured : undefined;
}

/**
 * The environment the settings read: a copy of the host's, naming the imported file as
 * ANTRING_CONFIG when IT named none and one was imported. A copy, because an import made now
 * must reach these settings (see createProvisioningImport) and never the host's own variables.
 */
export function withImportedProvisioning(env: NodeJS.ProcessEnv, dataDir: string): NodeJS.ProcessEnv {
  const copy = { ...env };
  if (!itConfigured(env) && existsSync(importedProvisioningPath(dataDir))) {
    copy['ANTRING_CONFIG'] = importedProvisioningPath(dataDir);
  }
  return copy;
}

function fileProblem(name: string, en: string, vi: string, field?: string): AppError {
  return appError(
    'config_invalid',
    `Provisioning file ${name}: ${en}`,
    `Tệp cấu hình ${name}: ${vi}`,
    field === undefined ? { file: name } : { file: name, field },
  );
}

/**
 * Checks a provisioning file's text completely: one problem per bad field (the value itself is
 * never repeated: it may be a secret), or one for the whole file when it is no JSON object.
 */
export function checkProvisioningText(text: string, fileName: string): Result<Provisioning, AppError[]> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err([fileProblem(fileName, 'this is not valid JSON.', 'đây không phải JSON hợp lệ.')]);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return err([
      fileProblem(
        fileName,
        'it must be one JSON object of settings, e.g. {"appId": "…"}.',
        'tệp phải là một đối tượng JSON chứa các thiết lập, ví dụ {"appId": "…"}.',
      ),
    ]);
  }
  if (Object.keys(json).length === 0) {
    return err([fileProblem(fileName, 'it sets nothing.', 'tệp không thiết lập gì cả.')]);
  }
  const parsed = ProvisioningSchema.safeParse(json);
  if (parsed.success) return ok(parsed.data);
  const problems: AppError[] = [];
  const named = new Set<string>();
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        if (named.has(key)) continue;
        named.add(key);
        problems.push(
          fileProblem(fileName, `"${key}" is not a setting.`, `"${key}" không phải là một thiết lập.`, key),
        );
      }
      continue;
    }
    const field = issue.path.map(String).join('.') || '(root)';
    // One problem per setting: an ICE server list with three bad entries is one thing to fix.
    const setting = String(issue.path[0] ?? field);
    if (named.has(setting)) continue;
    named.add(setting);
    problems.push(
      fileProblem(fileName, `"${field}" ${issue.message}.`, `"${field}" không hợp lệ (${issue.message}).`, setting),
    );
  }
  return err(problems);
}

export interface ProvisioningImport {
  /** Checks and stores `text`; `invalid` (nothing stored) lists every problem. */
  importText(text: string, fileName?: string): AppResult<ProvisioningImportOutcome>;
}

export interface ProvisioningImportOptions {
  readonly dataDir: string;
  /** The environment object the settings service reads (from withImportedProvisioning): updated on import. */
  readonly settingsEnv: NodeJS.ProcessEnv;
  /** Re-reads the provisioning file once it is stored. */
  readonly reloadSettings: () => void;
}

export function createProvisioningImport(options: ProvisioningImportOptions): ProvisioningImport {
  const path = importedProvisioningPath(options.dataDir);
  return {
    importText(text, fileName = 'provisioning.json') {
      const configured = itConfigured(options.settingsEnv);
      if (configured && configured !== path) {
        return err(
          appError(
            'setting_locked',
            `Your IT department already provides a provisioning file (${configured}); another one cannot be imported.`,
            `Bộ phận IT đã cung cấp tệp cấu hình (${configured}); không thể nhập thêm tệp khác.`,
            { file: configured },
          ),
        );
      }
      const checked = checkProvisioningText(text, fileName);
      if (!checked.ok) return ok({ kind: 'invalid', problems: checked.error });
      try {
        // Owner-only and replaced in one rename: it may hold the app secret and the SIP password.
        writeJsonFile(path, checked.value);
      } catch (cause) {
        const code = (cause as NodeJS.ErrnoException).code ?? 'error';
        return err(
          appError(
            'internal',
            `The provisioning file could not be saved in ${path} (${code}).`,
            `Không lưu được tệp cấu hình vào ${path} (${code}).`,
            { file: path },
          ),
        );
      }
      options.settingsEnv['ANTRING_CONFIG'] = path;
      options.reloadSettings();
      return ok({ kind: 'imported', keys: Object.keys(checked.value).sort(), file: path });
    },
  };
}

/**
 * The contract's importProvisioning: a provisioning file is for the real account, so the demo
 * profile (whose account the sandbox provides) refuses it.
 */
export function importProvisioningUnlessDemo(
  demo: DemoState,
  provisioning: ProvisioningImport,
  input: { readonly text: string; readonly fileName?: string | undefined },
): AppResult<ProvisioningImportOutcome> {
  if (demo.kind !== 'stopped') {
    return err(
      appError(
        'invalid_input',
        'Leave the demo first: a provisioning file is for your real account.',
        'Hãy thoát bản demo trước: tệp cấu hình dành cho tài khoản thật của bạn.',
      ),
    );
  }
  return provisioning.importText(input.text, input.fileName);
}
