import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONNECTION_CHECK_STEPS,
  type ConnectionCheckStep,
  type ConnectionReport,
  type StepOutcome,
} from '../../../../shared/connection-check';
import { messageFor, type AppError } from '../../../../shared/errors';
import { antring } from '../../api';
import { Banner } from '../../ui/Banner';

type TestState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running' }
  | { readonly kind: 'done'; readonly report: ConnectionReport }
  | { readonly kind: 'unavailable'; readonly error: AppError };

type StepView = StepOutcome['kind'] | 'checking';

const MARK: Readonly<Record<StepView, string>> = { checking: '…', ok: '✓', failed: '✕', skipped: '–' };

/** The Settings form's input for a setting (see SettingsForm's fieldId): where "Go to the setting" goes. */
function focusSetting(field: string): void {
  const input = document.getElementById(`setting-${field}`);
  input?.scrollIntoView({ block: 'center' });
  input?.focus();
}

/**
 * Test connection: runs the host's check on the saved settings and lists every step with what it
 * found, or exactly what failed and why. The list is a live region, so a screen reader hears
 * the outcome without hunting for it.
 */
export function ConnectionTest(): ReactElement {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const [state, setState] = useState<TestState>({ kind: 'idle' });
  const stepName = (step: ConnectionCheckStep): string => t(`checks.connection.steps.${step}`);

  async function run(): Promise<void> {
    setState({ kind: 'running' });
    const result = await antring().testConnection();
    setState(result.ok ? { kind: 'done', report: result.value } : { kind: 'unavailable', error: result.error });
  }

  const time = (iso: string): string =>
    new Date(iso).toLocaleTimeString(language === 'vi' ? 'vi-VN' : 'en-GB', { hour: '2-digit', minute: '2-digit' });

  function renderStep(step: ConnectionCheckStep, outcome: StepOutcome | undefined): ReactElement {
    const view: StepView = outcome?.kind ?? 'checking';
    const message =
      outcome?.kind === 'ok'
        ? outcome.detail[language]
        : outcome?.kind === 'failed'
          ? messageFor(outcome.error, language)
          : outcome?.kind === 'skipped'
            ? t('checks.connection.skippedBecause', { step: stepName(outcome.after) })
            : undefined;
    const field = outcome?.kind === 'failed' ? outcome.error.field : undefined;
    return (
      <li
        key={step}
        className={`check-step check-step--${view}`}
        data-testid={`check-step-${step}`}
        data-outcome={view}
      >
        <span className="check-step__mark" aria-hidden="true">
          {MARK[view]}
        </span>
        <div className="check-step__body">
          <p className="check-step__title">
            <span className="check-step__name">{stepName(step)}</span>
            <span className="check-step__status">{t(`checks.connection.status.${view}`)}</span>
          </p>
          {message ? <p className="check-step__message">{message}</p> : null}
          {field ? (
            <button type="button" className="button button--quiet" onClick={() => focusSetting(field)}>
              {t('checks.connection.goToSetting')}
            </button>
          ) : null}
        </div>
      </li>
    );
  }

  const report = state.kind === 'done' ? state.report : undefined;
  const outcomeOf = (step: ConnectionCheckStep): StepOutcome | undefined =>
    report?.steps.find((each) => each.step === step)?.outcome;

  return (
    <section className="checks-section" aria-labelledby="checks-connection-title">
      <h3 className="checks-section__title" id="checks-connection-title">
        {t('checks.connection.title')}
      </h3>
      <p className="checks-section__intro">{t('checks.connection.intro')}</p>
      <div className="checks-section__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={state.kind === 'running'}
          onClick={() => void run()}
        >
          {t(state.kind === 'running' ? 'checks.connection.running' : 'checks.connection.run')}
        </button>
      </div>
      {state.kind === 'unavailable' ? (
        <Banner tone="error" title={t('checks.connection.requestFailed')}>
          <p>{messageFor(state.error, language)}</p>
        </Banner>
      ) : null}
      <div
        className="check-results"
        aria-live="polite"
        aria-busy={state.kind === 'running'}
        data-testid="check-results"
      >
        {report ? (
          <p className="check-results__summary" data-testid="check-summary">
            {report.failedStep
              ? t('checks.connection.failedAt', { step: stepName(report.failedStep), time: time(report.checkedAt) })
              : t('checks.connection.allPassed', { time: time(report.checkedAt) })}
          </p>
        ) : null}
        {state.kind === 'running' || report ? (
          <ol className="check-steps">{CONNECTION_CHECK_STEPS.map((step) => renderStep(step, outcomeOf(step)))}</ol>
        ) : null}
      </div>
    </section>
  );
}
