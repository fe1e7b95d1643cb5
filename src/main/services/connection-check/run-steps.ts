import type { CheckText, ConnectionCheckStep, ConnectionReport, StepReport } from '../../../shared/connection-check';
import { appError, type AppResult } from '../../../shared/errors';

/** One step: what it found (ok) or what is wrong (an AppError naming the setting). */
export interface CheckStep {
  readonly step: ConnectionCheckStep;
  run(): Promise<AppResult<CheckText>>;
}

const MASK = '[redacted]';

/** Every string in `value` with each secret masked: the last guard before a report leaves main. */
function scrubbed<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === 'string') {
    let out: string = value;
    for (const secret of secrets) out = out.split(secret).join(MASK);
    return out as T;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => scrubbed(item, secrets)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, scrubbed(item, secrets)]),
    ) as T;
  }
  return value;
}

/**
 * Runs the steps in order and stops at the first failure: the later steps are reported as
 * skipped (each needs the one before). A step that throws is a bug, reported as that step's
 * failure rather than losing the whole report. `secrets` (the app secret, the SIP password,
 * the voice token) are masked in everything the report says, whatever a server echoed.
 */
export async function runSteps(
  steps: readonly CheckStep[],
  checkedAt: Date,
  secrets: () => readonly string[],
): Promise<ConnectionReport> {
  const reports: StepReport[] = [];
  let failed: ConnectionCheckStep | undefined;
  for (const { step, run } of steps) {
    if (failed) {
      reports.push({ step, outcome: { kind: 'skipped', after: failed } });
      continue;
    }
    let result: AppResult<CheckText>;
    try {
      result = await run();
    } catch (error) {
      result = {
        ok: false,
        error: appError(
          'internal',
          `This check stopped unexpectedly (${error instanceof Error ? error.name : 'error'}); the log has details.`,
          `Bước kiểm tra này dừng bất ngờ (${error instanceof Error ? error.name : 'lỗi'}); xem chi tiết trong nhật ký.`,
        ),
      };
    }
    if (result.ok) {
      reports.push({ step, outcome: { kind: 'ok', detail: result.value } });
    } else {
      failed = step;
      reports.push({ step, outcome: { kind: 'failed', error: result.error } });
    }
  }
  const known = [...new Set(secrets().filter((secret) => secret.length >= 4))].sort((a, b) => b.length - a.length);
  const report: ConnectionReport = {
    checkedAt: checkedAt.toISOString(),
    steps: reports,
    ...(failed ? { failedStep: failed } : {}),
  };
  return scrubbed(report, known);
}
