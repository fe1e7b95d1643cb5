import type { AppError } from './errors';

/**
 * Test connection (Settings): what IT runs to see whether a configuration works, step by step.
 * The steps run in this order and stop at the first failure, because each needs the one before:
 * the signals socket needs the API's voice token, click-to-call needs a registered phone.
 */
export const CONNECTION_CHECK_STEPS = ['api', 'signals', 'sip', 'clickToCall'] as const;
export type ConnectionCheckStep = (typeof CONNECTION_CHECK_STEPS)[number];

/** A sentence in both UI languages (what a passed step found). */
export interface CheckText {
  readonly en: string;
  readonly vi: string;
}

export type StepOutcome =
  /** `detail` says what was found, e.g. which agent the SIP user belongs to. */
  | { readonly kind: 'ok'; readonly detail: CheckText }
  /** `error.field` names the setting at fault when one is. */
  | { readonly kind: 'failed'; readonly error: AppError }
  /** Not run: `after` failed first. */
  | { readonly kind: 'skipped'; readonly after: ConnectionCheckStep };

export interface StepReport {
  readonly step: ConnectionCheckStep;
  readonly outcome: StepOutcome;
}

export interface ConnectionReport {
  /** ISO 8601 time the check started. */
  readonly checkedAt: string;
  /** Every step, in CONNECTION_CHECK_STEPS order. */
  readonly steps: readonly StepReport[];
  /** The step that failed; absent when every step passed. */
  readonly failedStep?: ConnectionCheckStep;
}
